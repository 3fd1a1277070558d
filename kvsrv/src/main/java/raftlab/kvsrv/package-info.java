/**
 * Lab 2's key/value server (MIT 6.5840's {@code kvsrv1}): a single server that stores, for every key, a value and a
 * version, and a clerk that talks to it over the unreliable network.
 *
 * <ul>
 *   <li>{@link raftlab.kvsrv.KvsrvRpc} — the RPC messages ({@code KVServer.get}, {@code KVServer.put}) as
 *       records;</li>
 *   <li>{@link raftlab.kvsrv.KVServer} — the server: a map from key to (value, version) behind a lock;</li>
 *   <li>{@link raftlab.kvsrv.Clerk} — the client library: re-sends lost requests, and reports {@code ErrMaybe} when
 *       a re-sent Put is rejected, because it cannot tell whether an earlier attempt was applied;</li>
 *   <li>{@link raftlab.kvsrv.Err} — the error values, spelled as MIT's.</li>
 * </ul>
 *
 * <p>Semantics: a Get returns the value and version, or {@code ErrNoKey}. A Put applies only if its version equals
 * the key's, and then increments it; a Put with version 0 creates a missing key, which then has version 1. Every Put
 * is executed at most once, and the operations are linearizable. The lock built on the clerk is in
 * {@link raftlab.kvsrv.lock}. Lab 5's shard controller stores its configurations in this server through this clerk.
 */
package raftlab.kvsrv;
