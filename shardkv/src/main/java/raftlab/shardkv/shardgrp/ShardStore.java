package raftlab.shardkv.shardgrp;

import raftlab.rsm.StateMachine;
import raftlab.shardkv.shardcfg.ShardConfig;
import raftlab.shardkv.shardgrp.ShardRpc.DeleteShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.DeleteShardReply;
import raftlab.shardkv.shardgrp.ShardRpc.FreezeShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.FreezeShardReply;
import raftlab.shardkv.shardgrp.ShardRpc.GetArgs;
import raftlab.shardkv.shardgrp.ShardRpc.GetReply;
import raftlab.shardkv.shardgrp.ShardRpc.InstallShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.InstallShardReply;
import raftlab.shardkv.shardgrp.ShardRpc.PutArgs;
import raftlab.shardkv.shardgrp.ShardRpc.PutReply;
//+solution
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import raftlab.labrpc.codec.Codec;
//-solution

/**
 * The state machine of one shard group, replicated by the RSM: the versioned key/value data of the shards this
 * group holds, which shards it serves, and what it needs to fence shard movements by configuration number. The RSM
 * calls it from one thread only (its reader), so it needs no locking.
 *
 * <ul>
 *   <li>Get and Put: Lab 4's versioned semantics, but only for a key whose shard this group serves when the
 *       operation is applied; otherwise {@code ErrWrongGroup}.</li>
 *   <li>Group {@link ShardConfig#GID1} starts out serving every shard; every other group starts with none.</li>
 *   <li>{@code FreezeShardArgs}, {@code InstallShardArgs} and {@code DeleteShardArgs} carry the number of the
 *       configuration being installed; a request older than one this group has seen for that shard must not
 *       change anything.</li>
 * </ul>
 */
final class ShardStore implements StateMachine<ShardRpc.Request, ShardRpc.Reply> {

    private final int gid;
    // Your data here (5A).
    //+solution

    /** A key's value and version. */
    record Versioned(String value, long version) {}

    /** One shard's data, as it travels in FreezeShardReply.state and InstallShardArgs.state. */
    record ShardData(Map<String, Versioned> kv) {}

    /**
     * What a snapshot holds: per shard its data (null if this group holds none), whether it is served, and the
     * largest configuration number seen for it.
     */
    record Image(List<Map<String, Versioned>> data, boolean[] serving, int[] seen) {}

    private final List<Map<String, Versioned>> data = new ArrayList<>();   // per shard; null: no data held
    private final boolean[] serving = new boolean[ShardConfig.NSHARDS];
    private final int[] seen = new int[ShardConfig.NSHARDS];               // largest Num seen per shard
    //-solution

    ShardStore(int gid) {
        this.gid = gid;
        //+solution
        for (int s = 0; s < ShardConfig.NSHARDS; s++) {
            // The initial state must be the same at every start, so that a replay of the log reproduces history.
            data.add(gid == ShardConfig.GID1 ? new HashMap<>() : null);
            serving[s] = gid == ShardConfig.GID1;
        }
        //-solution
    }

    /**
     * Applies one committed request and returns its reply: {@link GetReply}, {@link PutReply},
     * {@link FreezeShardReply}, {@link InstallShardReply} or {@link DeleteShardReply}.
     */
    @Override
    public ShardRpc.Reply doOp(ShardRpc.Request request) {
        // Your code here (5A).
        //+solution
        return switch (request) {
            case GetArgs get -> get(get);
            case PutArgs put -> put(put);
            case FreezeShardArgs freeze -> freeze(freeze);
            case InstallShardArgs install -> install(install);
            case DeleteShardArgs delete -> delete(delete);
        };
        //-solution
        //+student
        // return null;
        //-student
    }
    //+solution

    private GetReply get(GetArgs args) {
        int s = ShardConfig.key2shard(args.key());
        if (!serving[s]) {
            return new GetReply("", 0, Err.ErrWrongGroup);
        }
        Versioned v = data.get(s).get(args.key());
        return v == null ? new GetReply("", 0, Err.ErrNoKey) : new GetReply(v.value(), v.version(), Err.OK);
    }

    private PutReply put(PutArgs args) {
        int s = ShardConfig.key2shard(args.key());
        if (!serving[s]) {
            return new PutReply(Err.ErrWrongGroup);
        }
        Map<String, Versioned> kv = data.get(s);
        Versioned v = kv.get(args.key());
        long current = v == null ? 0 : v.version();
        if (args.version() != current) {
            return new PutReply(v == null ? Err.ErrNoKey : Err.ErrVersion);
        }
        kv.put(args.key(), new Versioned(args.value(), current + 1));
        return new PutReply(Err.OK);
    }

    /**
     * Stops serving the shard and returns a copy of its data. A repeat (same num) returns the data again (empty once
     * deleted); an older num is stale: answered ErrVersion, nothing changes.
     */
    private FreezeShardReply freeze(FreezeShardArgs args) {
        int s = args.shard();
        if (args.num() < seen[s]) {
            return new FreezeShardReply(new byte[0], seen[s], Err.ErrVersion);
        }
        if (args.num() > seen[s]) {
            seen[s] = args.num();
            serving[s] = false;
        }
        Map<String, Versioned> kv = data.get(s);
        byte[] state = Codec.encode(new ShardData(kv == null ? Map.of() : kv));
        return new FreezeShardReply(state, seen[s], Err.OK);
    }

    /** Replaces the shard's data with the given state and serves it; a repeat is a no-op; an older num is stale. */
    private InstallShardReply install(InstallShardArgs args) {
        int s = args.shard();
        if (args.num() < seen[s]) {
            return new InstallShardReply(Err.ErrVersion);
        }
        if (args.num() > seen[s]) {
            seen[s] = args.num();
            data.set(s, new HashMap<>(Codec.decode(args.state(), ShardData.class).kv()));
            serving[s] = true;
        }
        return new InstallShardReply(Err.OK);
    }

    /** Forgets a shard this group no longer serves; idempotent for the same num; an older num is stale. */
    private DeleteShardReply delete(DeleteShardArgs args) {
        int s = args.shard();
        if (args.num() < seen[s]) {
            return new DeleteShardReply(Err.ErrVersion);
        }
        if (args.num() > seen[s]) {
            seen[s] = args.num();
            serving[s] = false;
        }
        if (!serving[s]) {
            data.set(s, null);
        }
        return new DeleteShardReply(Err.OK);
    }
    //-solution

    @Override
    public byte[] snapshot() {
        // Your code here (5A).
        //+solution
        return Codec.encode(new Image(data, serving, seen));
        //-solution
        //+student
        // return new byte[0];
        //-student
    }

    @Override
    public void restore(byte[] snapshot) {
        // Your code here (5A).
        //+solution
        Image image = Codec.decode(snapshot, Image.class);
        for (int s = 0; s < ShardConfig.NSHARDS; s++) {
            Map<String, Versioned> kv = image.data().get(s);
            data.set(s, kv == null ? null : new HashMap<>(kv));
        }
        System.arraycopy(image.serving(), 0, serving, 0, ShardConfig.NSHARDS);
        System.arraycopy(image.seen(), 0, seen, 0, ShardConfig.NSHARDS);
        //-solution
    }
}
