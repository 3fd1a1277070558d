package raftlab.shardkv.shardgrp;

import java.util.Objects;
import raftlab.labrpc.net.RpcMethod;

/**
 * The shard-movement RPCs of a shard group (MIT's {@code shardgrp/shardrpc}; provided code, please don't change):
 * "KVServer.freezeShard", "KVServer.installShard" and "KVServer.deleteShard". Each carries the
 * number of the configuration being installed, so that a group can reject requests older than one it has seen.
 * Gets and Puts are Lab 4's ({@code KVServer.get} and {@code KVServer.put}, same fields), with this lab's
 * {@link Err}, which adds {@code ErrWrongGroup}.
 *
 * <p>The encoding of a shard's {@code state} is yours to choose.
 */
public final class ShardRpc {

    private ShardRpc() {}

    /** {@code KVServer.get}: read a key. */
    public static final RpcMethod<GetArgs, GetReply> GET = RpcMethod.of("KVServer.get", GetArgs.class, GetReply.class);

    /** {@code KVServer.put}: write a key, if its version matches. */
    public static final RpcMethod<PutArgs, PutReply> PUT = RpcMethod.of("KVServer.put", PutArgs.class, PutReply.class);

    /** "KVServer.freezeShard": stop serving a shard and return its state. */
    public static final RpcMethod<FreezeShardArgs, FreezeShardReply> FREEZE_SHARD =
            RpcMethod.of("KVServer.freezeShard", FreezeShardArgs.class, FreezeShardReply.class);

    /** "KVServer.installShard": take a shard's state and start serving it. */
    public static final RpcMethod<InstallShardArgs, InstallShardReply> INSTALL_SHARD =
            RpcMethod.of("KVServer.installShard", InstallShardArgs.class, InstallShardReply.class);

    /** "KVServer.deleteShard": forget a (frozen) shard's state. */
    public static final RpcMethod<DeleteShardArgs, DeleteShardReply> DELETE_SHARD =
            RpcMethod.of("KVServer.deleteShard", DeleteShardArgs.class, DeleteShardReply.class);

    /** A request to a shard group: what its server submits to its RSM, and the group's command type. */
    public sealed interface Request permits GetArgs, PutArgs, ShardRequest {}

    /** A shard group's answer to a {@link Request}: the reply record of that request's RPC. */
    public sealed interface Reply permits GetReply, PutReply, FreezeShardReply, InstallShardReply, DeleteShardReply {

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
     * @param err     {@code OK}, {@code ErrNoKey}, {@code ErrWrongGroup}, or {@code ErrWrongLeader}
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
     * @param err {@code OK}, {@code ErrVersion}, {@code ErrNoKey}, {@code ErrWrongGroup}, or {@code ErrWrongLeader};
     *            the clerk also returns {@code ErrMaybe}, never a server
     */
    public record PutReply(Err err) implements Reply {

        public PutReply {
            Objects.requireNonNull(err, "PutReply: err is null");
        }
    }

    /** A shard-movement request: what a shard group submits to its RSM. */
    public sealed interface ShardRequest extends Request
            permits FreezeShardArgs, InstallShardArgs, DeleteShardArgs {

        /** {@return the shard} */
        int shard();

        /** {@return the number of the configuration this request is part of} */
        int num();
    }

    /** Freeze {@code shard} for configuration {@code num}. */
    public record FreezeShardArgs(int shard, int num) implements ShardRequest {}

    /**
     * The answer to a freeze: the shard's {@code state} (never null), a {@code num} whose use is up to you, and
     * {@code err}.
     */
    public record FreezeShardReply(byte[] state, int num, Err err) implements Reply {

        public FreezeShardReply {
            Objects.requireNonNull(state, "FreezeShardReply: state is null (use an empty array)");
            Objects.requireNonNull(err, "FreezeShardReply: err is null");
        }
    }

    /** Install {@code state} as {@code shard}'s for configuration {@code num}. */
    public record InstallShardArgs(int shard, byte[] state, int num) implements ShardRequest {

        public InstallShardArgs {
            Objects.requireNonNull(state, "InstallShardArgs: state is null (use an empty array)");
        }
    }

    /** The answer to an install. */
    public record InstallShardReply(Err err) implements Reply {

        public InstallShardReply {
            Objects.requireNonNull(err, "InstallShardReply: err is null");
        }
    }

    /** Delete {@code shard}'s state for configuration {@code num}. */
    public record DeleteShardArgs(int shard, int num) implements ShardRequest {}

    /** The answer to a delete. */
    public record DeleteShardReply(Err err) implements Reply {

        public DeleteShardReply {
            Objects.requireNonNull(err, "DeleteShardReply: err is null");
        }
    }
}
