package raftlab.kvraft;

import raftlab.kvraft.KvRpc.GetArgs;
import raftlab.kvraft.KvRpc.GetReply;
import raftlab.kvraft.KvRpc.PutArgs;
import raftlab.kvraft.KvRpc.PutReply;
import raftlab.rsm.StateMachine;
//+solution
import java.util.HashMap;
import java.util.Map;
import raftlab.labrpc.codec.Codec;
//-solution

/**
 * The versioned key/value store that the RSM replicates: the {@link StateMachine} of a {@link KVServer}. The RSM
 * calls it from one thread only (its reader), so it needs no locking.
 *
 * <ul>
 *   <li>Get: {@code (value, version, OK)}, or {@code ("", 0, ErrNoKey)} for a missing key.</li>
 *   <li>Put: applied only if its version equals the key's version, which it then increments; a missing key counts
 *       as version 0, so a Put with version 0 creates it with version 1. Otherwise {@code ErrVersion}, or
 *       {@code ErrNoKey} for a missing key.</li>
 * </ul>
 */
final class KvStore implements StateMachine<KvRpc.Request, KvRpc.Reply> {

    // Your data here (4B).
    //+solution

    /** A key's value and version. */
    record Versioned(String value, long version) {}

    /** What a snapshot holds: the whole store. */
    record Image(Map<String, Versioned> data) {}

    private final Map<String, Versioned> data = new HashMap<>();
    //-solution

    /** Applies one committed Get or Put and returns its reply: a {@link GetReply} or a {@link PutReply}. */
    @Override
    public KvRpc.Reply doOp(KvRpc.Request request) {
        // Your code here (4B).
        //+solution
        return switch (request) {
            case GetArgs get -> {
                Versioned v = data.get(get.key());
                yield v == null ? new GetReply("", 0, Err.ErrNoKey) : new GetReply(v.value(), v.version(), Err.OK);
            }
            case PutArgs put -> {
                Versioned v = data.get(put.key());
                long current = v == null ? 0 : v.version();
                if (put.version() != current) {
                    yield new PutReply(v == null ? Err.ErrNoKey : Err.ErrVersion);
                }
                data.put(put.key(), new Versioned(put.value(), current + 1));
                yield new PutReply(Err.OK);
            }
        };
        //-solution
        //+student
        // return null;
        //-student
    }

    @Override
    public byte[] snapshot() {
        // Your code here (4C).
        //+solution
        return Codec.encode(new Image(new HashMap<>(data)));
        //-solution
        //+student
        // return new byte[0];
        //-student
    }

    @Override
    public void restore(byte[] snapshot) {
        // Your code here (4C).
        //+solution
        data.clear();
        data.putAll(Codec.decode(snapshot, Image.class).data());
        //-solution
    }
}
