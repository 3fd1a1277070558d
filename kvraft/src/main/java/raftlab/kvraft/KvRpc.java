package raftlab.kvraft;

import java.util.Objects;
import raftlab.labrpc.net.RpcMethod;

/**
 * The key/value service's RPCs: {@code KVServer.get} and {@code KVServer.put}, with their arguments and replies as
 * records. The arguments are also what {@link KVServer} submits to the RSM, so the same records travel through the
 * Raft log.
 */
public final class KvRpc {

    private KvRpc() {}

    /** {@code KVServer.get}: read a key. */
    public static final RpcMethod<GetArgs, GetReply> GET = RpcMethod.of("KVServer.get", GetArgs.class, GetReply.class);

    /** {@code KVServer.put}: write a key, if its version matches. */
    public static final RpcMethod<PutArgs, PutReply> PUT = RpcMethod.of("KVServer.put", PutArgs.class, PutReply.class);

    /** An operation on the store: what {@link KVServer} puts in the log, and the store's command type. */
    public sealed interface Request permits GetArgs, PutArgs {

        /** {@return the key the operation is about} */
        String key();
    }

    /** The store's answer to a {@link Request}: a {@link GetReply} to a Get, a {@link PutReply} to a Put. */
    public sealed interface Reply permits GetReply, PutReply {

        /** {@return the outcome} */
        Err err();
    }

    /** Read {@code key}. */
    public record GetArgs(String key) implements Request {

        public GetArgs {
            Objects.requireNonNull(key, "GetArgs: key is null");
        }
    }

    /**
     * The answer to a Get.
     *
     * @param value   the key's value; {@code ""} unless {@code err} is OK
     * @param version the key's version; 0 unless {@code err} is OK
     * @param err     {@code OK}, {@code ErrNoKey}, or {@code ErrWrongLeader} (from a server that cannot answer)
     */
    public record GetReply(String value, long version, Err err) implements Reply {

        public GetReply {
            Objects.requireNonNull(value, "GetReply: value is null");
            Objects.requireNonNull(err, "GetReply: err is null");
        }
    }

    /**
     * Write {@code value} to {@code key} if the key's version is {@code version} (0 creates a missing key).
     *
     * @throws IllegalArgumentException if {@code version} is negative: versions start at 0
     */
    public record PutArgs(String key, String value, long version) implements Request {

        public PutArgs {
            Objects.requireNonNull(key, "PutArgs: key is null");
            Objects.requireNonNull(value, "PutArgs: value is null");
            if (version < 0) {
                throw new IllegalArgumentException("PutArgs: version " + version + " is negative; versions start "
                        + "at 0 (0 creates the key)");
            }
        }
    }

    /**
     * The answer to a Put.
     *
     * @param err {@code OK}, {@code ErrVersion}, {@code ErrNoKey}, or {@code ErrWrongLeader}; the clerk also returns
     *            {@code ErrMaybe}, never a server
     */
    public record PutReply(Err err) implements Reply {

        public PutReply {
            Objects.requireNonNull(err, "PutReply: err is null");
        }
    }
}
