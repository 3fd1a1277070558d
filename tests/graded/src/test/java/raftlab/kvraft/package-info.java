/**
 * The graded KV tests (MIT's {@code kvraft1/kvraft_test.go}): part 4B ({@link raftlab.kvraft.Kv4BTest}, no snapshots)
 * and part 4C ({@link raftlab.kvraft.Kv4CTest}, {@code maxraftstate = 1000}), on the harness in
 * {@link raftlab.tester.kv}. Every clerk operation is recorded and the generic tests check the history for
 * linearizability after each iteration.
 */
package raftlab.kvraft;
