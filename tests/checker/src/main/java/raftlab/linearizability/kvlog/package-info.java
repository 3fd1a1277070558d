/**
 * Get/Put/Append key/value histories in the format of Porcupine's recorded kvraft logs ({@code test_data/kv/}), with
 * the two models Porcupine checks them with: one string per key, partitioned by key ({@link
 * raftlab.linearizability.kvlog.AppendKvModel}), and the whole map as one unpartitioned state ({@link
 * raftlab.linearizability.kvlog.AppendKvMapModel}, much slower, kept to show why partitioning matters).
 */
package raftlab.linearizability.kvlog;
