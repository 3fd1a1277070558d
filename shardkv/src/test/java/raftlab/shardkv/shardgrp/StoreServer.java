//+solution-file
package raftlab.shardkv.shardgrp;

import raftlab.labrpc.net.Rpc;
import raftlab.shardkv.shardgrp.ShardRpc.DeleteShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.DeleteShardReply;
import raftlab.shardkv.shardgrp.ShardRpc.GetArgs;
import raftlab.shardkv.shardgrp.ShardRpc.GetReply;
import raftlab.shardkv.shardgrp.ShardRpc.PutArgs;
import raftlab.shardkv.shardgrp.ShardRpc.PutReply;
import raftlab.shardkv.shardgrp.ShardRpc.FreezeShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.FreezeShardReply;
import raftlab.shardkv.shardgrp.ShardRpc.InstallShardArgs;
import raftlab.shardkv.shardgrp.ShardRpc.InstallShardReply;

/**
 * A shard group reduced to one server without Raft, for controller tests (raftlab's own): the reference's
 * {@link ShardStore} behind the three shard-movement RPCs, applied one at a time. A test registers it as the
 * {@code "KVServer"} service and writes and reads keys directly, as committed Puts and Gets, with {@link #putNew} and
 * {@link #read} (strings, so that tests do not depend on the request and error types).
 */
public final class StoreServer {

    private final ShardStore store;

    public StoreServer(int gid) {
        this.store = new ShardStore(gid);
    }

    /** Puts a new key (version 0) as a committed Put would; {@return the Put's error, e.g. "OK"} */
    public synchronized String putNew(String key, String value) {
        return String.valueOf(((PutReply) store.doOp(new PutArgs(key, value, 0))).err());
    }

    /** {@return "value@version" if a committed Get of {@code key} answers OK, else the Get's error} */
    public synchronized String read(String key) {
        GetReply r = (GetReply) store.doOp(new GetArgs(key));
        String err = String.valueOf(r.err());
        return err.equals("OK") ? r.value() + "@" + r.version() : err;
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
