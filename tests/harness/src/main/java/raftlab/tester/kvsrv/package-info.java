/**
 * The harness of Lab 2's graded tests (MIT's {@code kvsrv1/test.go} and the parts of {@code kvtest1} that Lab 2
 * uses): one {@link raftlab.kvsrv.KVServer}, test clerks whose Gets and Puts can be timed and recorded, client
 * spawning, the Put-count and linearizability checks, and the live-heap measurement of the memory test.
 *
 * <ul>
 *   <li>{@link raftlab.tester.kvsrv.KvsrvTest} — one Lab 2 test: the server, clerks, recorded operations,
 *       helpers;</li>
 *   <li>{@link raftlab.tester.kvsrv.KvsrvClerk} — a clerk with its own client end (Lab 2's adapter);</li>
 *   <li>{@link raftlab.tester.kvsrv.LiveHeap} — live heap bytes after forced collections, for the memory test.</li>
 * </ul>
 * The helpers, the recorded history and its check are those Labs 2, 4 and 5 share ({@link raftlab.tester.kv.KvClients},
 * {@link raftlab.tester.kv.KvHistory}, MIT's versioned KV model).
 */
package raftlab.tester.kvsrv;
