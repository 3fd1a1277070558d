package raftlab.kvsrv;

import java.util.Objects;
import raftlab.labrpc.net.RpcMethod;

/**
 * The RPCs of Lab 2's key/value server, {@code KVServer.get} and {@code KVServer.put}, with their arguments and
 * replies as records (MIT's {@code kvsrv1/rpc}). The records check their fields when they are made, so a
 * {@code null} key or value, or a negative version, fails at the caller with a message that says what to fix.
 */
public final class KvsrvRpc {

    private KvsrvRpc() {}

    /** {@code KVServer.get}: read a key. */
    public static final RpcMethod<GetArgs, GetReply> GET = RpcMethod.of("KVServer.get", GetArgs.class, GetReply.class);

    /** {@code KVServer.put}: write a key, if its version matches. */
    public static final RpcMethod<PutArgs, PutReply> PUT = RpcMethod.of("KVServer.put", PutArgs.class, PutReply.class);

    /**
     * Read {@code key}.
     *
     * @throws NullPointerException if {@code key} is null
     */
    public record GetArgs(String key) {

        public GetArgs {
            Objects.requireNonNull(key, "Get: key is null; keys are non-null strings");
        }
    }

    /**
     * The answer to a Get.
     *
     * @param value   the key's value; {@code ""} unless {@code err} is OK
     * @param version the key's version, the number of Puts applied to it; 0 unless {@code err} is OK
     * @param err     {@code OK} or {@code ErrNoKey}
     */
    public record GetReply(String value, long version, Err err) {

        public GetReply {
            Objects.requireNonNull(value, "GetReply: value is null; a missing key's value is \"\"");
            Objects.requireNonNull(err, "GetReply: err is null");
        }
    }

    /**
     * Write {@code value} to {@code key} if the key's version is {@code version}; version 0 creates a missing key.
     * MIT's version is an unsigned 64-bit integer; a Java {@code long} that must not be negative holds the same
     * values a test can reach.
     *
     * @throws NullPointerException     if {@code key} or {@code value} is null
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public record PutArgs(String key, String value, long version) {

        public PutArgs {
            Objects.requireNonNull(key, "Put: key is null; keys are non-null strings");
            Objects.requireNonNull(value, () -> "Put(" + key + "): value is null; store \"\" for an empty value");
            if (version < 0) {
                throw new IllegalArgumentException("Put(" + key + "): version " + version + " is negative; versions "
                        + "start at 0 (0 creates the key) and count the Puts applied to it");
            }
        }
    }

    /**
     * The answer to a Put.
     *
     * @param err {@code OK}, {@code ErrVersion} or {@code ErrNoKey}; {@code ErrMaybe} is the clerk's, never a server's
     */
    public record PutReply(Err err) {

        public PutReply {
            Objects.requireNonNull(err, "PutReply: err is null");
        }
    }
}
