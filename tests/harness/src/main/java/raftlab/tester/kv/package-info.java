/**
 * The KV tests' harness (MIT's {@code kvtest1} and {@code kvraft1/test.go}): test clerks whose every Get and Put is
 * timed and recorded, the helpers the KV tests are written in ({@code putAtLeastOnce}, {@code checkGet},
 * {@code onePut}, client spawning, {@code checkPutConcurrent}, the partitioner), the generic test bodies
 * ({@code genericTest}, {@code genericTestSpeed}) and the linearizability check of the recorded history.
 *
 * <ul>
 *   <li>{@link raftlab.tester.kv.VersionedKvClerk} — a versioned KV clerk as the tester sees it (MIT's
 *       {@code IKVClerk}); each lab's test clerk adapts the student's clerk to it;</li>
 *   <li>{@link raftlab.tester.kv.KvClients} — the helpers of {@code kvtest1} that Labs 2, 4 and 5 share: recorded
 *       operations, {@code checkGet}, {@code putAtLeastOnce}, JSON values, {@code onePut}, client spawning,
 *       {@code checkPutConcurrent}, the linearizability check;</li>
 *   <li>{@link raftlab.tester.kv.KvTest} — one Lab 4 KV test: servers, clerks, the partitioner, generic bodies;</li>
 *   <li>{@link raftlab.tester.kv.KvClerk} — a clerk with its own client ends, which the test can reconnect (Lab 4's
 *       adapter);</li>
 *   <li>{@link raftlab.tester.kv.KvHistory} — the recorded history and its check (MIT's {@code porcupine.go});</li>
 *   <li>{@link raftlab.tester.kv.ClientResult} — what one spawned client achieved.</li>
 * </ul>
 */
package raftlab.tester.kv;
