/**
 * Durable storage for one Raft peer in cluster mode: {@link raftlab.cluster.storage.DurableStore} keeps the Raft state
 * in an append-only file of CRC32C-checked records and the snapshot in its own file, replaced by rename; every save
 * is on disk (fsync) before it returns, and recovery keeps the longest valid prefix. Design and cost model:
 * {@code docs/cluster.md}.
 */
package raftlab.cluster.storage;
