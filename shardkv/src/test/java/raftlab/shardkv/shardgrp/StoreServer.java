//+solution-file
package raftlab.shardkv.shardgrp;

import raftlab.labrpc.net.Rpc;
import raftlab.shardkv.shardgrp.ShardRpc.DeleteShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.DeleteShardReply;
import raftlab.shardkv.shardgrp.ShardRpc.FreezeShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.FreezeShardReply;
import raftlab.shardkv.shardgrp.ShardRpc.InstallShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.InstallShardReply;

/**
 * A shard group reduced to one server without Raft, for controller tests (raftlab's own): the reference's
 * {@link ShardStore} behind the three shard-movement RPCs, applied one at a time. A test registers it as the
 * {@code "KVServer"} service and reads or writes keys with {@link #apply}.
 */
public final class StoreServer {

    private final ShardStore store;

    public StoreServer(int gid) {
        this.store = new ShardStore(gid);
    }

    /** Applies a request directly, as a committed log entry would be (a Get or Put from the test). */
    public synchronized Object apply(Object request) {
        return store.doOp(request);
    }

    @Rpc
    public synchronized FreezeShardReply freezeShard(FreezeShardArgs args) {
        return (FreezeShardReply) store.doOp(args);
    }

    @Rpc
    public synchronized InstallShardReply installShard(InstallShardArgs args) {
        return (InstallShardReply) store.doOp(args);
    }

    @Rpc
    public synchronized DeleteShardReply deleteShard(DeleteShardArgs args) {
        return (DeleteShardReply) store.doOp(args);
    }
}
