package raftlab.tester.kv;

import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvOutput.GetResult;

/**
 * A versioned key/value clerk as the tester sees it (MIT's {@code IKVClerk}), whichever lab's student clerk is
 * behind it: Lab 2's single-server clerk, Lab 4's replicated one, Lab 5's sharded one. All three have the same
 * semantics, so the tester's helpers ({@link KvClients}) and the linearizability check are written once against
 * this interface. Replies use the checker's types, so what a helper sees is exactly what the history records.
 *
 * <ul>
 *   <li>{@link #get}: {@code (value, version, OK)}, or {@code ("", 0, ErrNoKey)} for a missing key.</li>
 *   <li>{@link #put}: {@code OK}; {@code ErrNoKey} (version other than 0 on a missing key); {@code ErrVersion}
 *       (the first attempt's version did not match); {@code ErrMaybe} (a re-sent attempt got {@code ErrVersion},
 *       so an earlier one may have been applied).</li>
 * </ul>
 *
 * <p>Each lab's test clerk implements it as an adapter around the student's clerk, and maps the student's error type
 * to the checker's {@link Err} in one exhaustive switch, so that a new error value in a student module fails the
 * tester's compilation instead of being mapped by name at run time. Calls through the adapter are neither recorded
 * nor counted; {@link KvClients#get} and {@link KvClients#put} are the recorded ones.
 */
public interface VersionedKvClerk {

    /** {@return the key's value and version, or {@code ("", 0, ErrNoKey)}}; blocks until the service answers */
    GetResult get(String key);

    /** {@return the outcome of a versioned Put}; blocks until the service answers */
    Err put(String key, String value, long version);
}
