package raftlab.shardkv.shardgrp;

import java.util.List;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.persist.Persister;
import raftlab.raft.Raft;
import raftlab.rsm.Rsm;
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
import raftlab.rsm.SubmitResult;
//-solution

/**
 * One server of a shard group (MIT's {@code shardgrp.KVServer}). The tester registers two services per server:
 * this one as {@code "KVServer"} (its {@code @Rpc} methods {@code get}, {@code put}, {@code freezeShard},
 * {@code installShard}, {@code deleteShard}) and {@link #raft()} as {@code "Raft"}.
 *
 * <p>Every request goes through the {@link Rsm}'s log and is applied to the group's {@link ShardStore}, so that
 * whether this group serves a key's shard is decided when the operation is applied, not when the RPC arrives: a
 * Put accepted before a freeze can then never modify a frozen shard.
 */
public final class ShardGrpServer {

    private final int gid;
    private final Rsm<ShardRpc.Request, ShardRpc.Reply> rsm;
    private volatile boolean dead;
    // Your data here (5A).

    private ShardGrpServer(List<ClientEnd> servers, int gid, int me, Persister persister, int maxraftstate) {
        this.gid = gid;
        this.rsm = Rsm.make(servers, me, persister, maxraftstate, new ShardStore(gid));
    }

    /**
     * Starts a server of group {@code gid} and returns quickly (MIT's StartServerShardGrp).
     *
     * @param servers      client ends to every server of the group's Raft, including this one
     * @param gid          the group's id
     * @param me           this server's index in {@code servers}
     * @param persister    its stable storage: the Raft state and the group's snapshot
     * @param maxraftstate snapshot when the persisted Raft state approaches this many bytes; -1 never snapshots
     */
    public static ShardGrpServer start(List<ClientEnd> servers, int gid, int me, Persister persister,
                                       int maxraftstate) {
        return new ShardGrpServer(servers, gid, me, persister, maxraftstate);
    }

    /** {@return this server's Raft peer (the tester registers it as the "Raft" service)} */
    public Raft raft() {
        return rsm.raft();
    }

    /** {@return this server's group id} */
    public int gid() {
        return gid;
    }

    /** Stops this server: kills its Raft peer, which ends the RSM. Calling it twice is harmless. */
    public void kill() {
        dead = true;
        rsm.raft().kill();
    }

    /** {@return whether {@link #kill()} was called} */
    public boolean killed() {
        return dead;
    }

    /** The {@code KVServer.get} RPC. */
    @Rpc
    public GetReply get(GetArgs args) {
        // Your code here (5A).
        //+solution
        return switch (rsm.submit(args)) {
            case SubmitResult.Applied(var reply) -> (GetReply) reply;
            case SubmitResult.WrongLeader() -> new GetReply("", 0, Err.ErrWrongLeader);
        };
        //-solution
        //+student
        // return new GetReply("", 0, Err.ErrWrongLeader);
        //-student
    }

    /** The {@code KVServer.put} RPC. */
    @Rpc
    public PutReply put(PutArgs args) {
        // Your code here (5A).
        //+solution
        return switch (rsm.submit(args)) {
            case SubmitResult.Applied(var reply) -> (PutReply) reply;
            case SubmitResult.WrongLeader() -> new PutReply(Err.ErrWrongLeader);
        };
        //-solution
        //+student
        // return new PutReply(Err.ErrWrongLeader);
        //-student
    }

    /** The "KVServer.freezeShard" RPC: stop serving the shard, return its state. */
    @Rpc
    public FreezeShardReply freezeShard(FreezeShardArgs args) {
        // Your code here (5A).
        //+solution
        return switch (rsm.submit(args)) {
            case SubmitResult.Applied(var reply) -> (FreezeShardReply) reply;
            case SubmitResult.WrongLeader() -> new FreezeShardReply(new byte[0], 0, Err.ErrWrongLeader);
        };
        //-solution
        //+student
        // return new FreezeShardReply(new byte[0], 0, Err.ErrWrongLeader);
        //-student
    }

    /** The "KVServer.installShard" RPC: take the shard's state and serve it. */
    @Rpc
    public InstallShardReply installShard(InstallShardArgs args) {
        // Your code here (5A).
        //+solution
        return switch (rsm.submit(args)) {
            case SubmitResult.Applied(var reply) -> (InstallShardReply) reply;
            case SubmitResult.WrongLeader() -> new InstallShardReply(Err.ErrWrongLeader);
        };
        //-solution
        //+student
        // return new InstallShardReply(Err.ErrWrongLeader);
        //-student
    }

    /** The "KVServer.deleteShard" RPC: forget the shard's state. */
    @Rpc
    public DeleteShardReply deleteShard(DeleteShardArgs args) {
        // Your code here (5A).
        //+solution
        return switch (rsm.submit(args)) {
            case SubmitResult.Applied(var reply) -> (DeleteShardReply) reply;
            case SubmitResult.WrongLeader() -> new DeleteShardReply(Err.ErrWrongLeader);
        };
        //-solution
        //+student
        // return new DeleteShardReply(Err.ErrWrongLeader);
        //-student
    }
}
