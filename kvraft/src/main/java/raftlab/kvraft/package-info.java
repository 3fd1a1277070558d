/**
 * Lab 4's fault-tolerant key/value service: a versioned key/value store replicated with the {@link raftlab.rsm.Rsm}.
 *
 * <ul>
 *   <li>{@link raftlab.kvraft.KvRpc} — the RPC messages ({@code KVServer.get}, {@code KVServer.put}) as records;</li>
 *   <li>{@link raftlab.kvraft.Err} — the service's error values (MIT's names); the RSM below knows none of them, it
 *       only says whether an operation was applied;</li>
 *   <li>{@link raftlab.kvraft.KVServer} — one replica: the RPC handlers, which go through the RSM's log, and the
 *       state machine that the RSM applies operations to;</li>
 *   <li>{@link raftlab.kvraft.Clerk} — the client library: finds the leader, retries lost and rejected RPCs, and
 *       reports {@code ErrMaybe} when it cannot tell whether a re-sent Put was applied.</li>
 * </ul>
 *
 * <p>Semantics (MIT's kvsrv): every key has a value and a version. A Get returns both, or {@code ErrNoKey}. A Put
 * applies only if its version equals the key's version, and then increments it; a Put with version 0 creates a
 * missing key, which then has version 1. Every Get and Put goes through the Raft log, so a read is never stale.
 */
package raftlab.kvraft;
