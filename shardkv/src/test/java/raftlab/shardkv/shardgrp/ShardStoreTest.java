//+solution-file
package raftlab.shardkv.shardgrp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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

/**
 * The reference shard group's state machine (left out of the kit): versioned Get/Put only on served shards, and the
 * fencing of freeze, install and delete by configuration number (older: rejected; same: a harmless repeat; newer:
 * applied), as the reference's table describes.
 */
class ShardStoreTest {

    private static final String K0 = "k0";                        // shard 10
    private static final int S = ShardConfig.key2shard(K0);

    private static Err put(ShardStore st, String key, String value, long version) {
        return ((PutReply) st.doOp(new PutArgs(key, value, version))).err();
    }

    private static GetReply get(ShardStore st, String key) {
        return (GetReply) st.doOp(new GetArgs(key));
    }

    private static FreezeShardReply freeze(ShardStore st, int num) {
        return (FreezeShardReply) st.doOp(new FreezeShardArgs(S, num));
    }

    private static Err install(ShardStore st, byte[] state, int num) {
        return ((InstallShardReply) st.doOp(new InstallShardArgs(S, state, num))).err();
    }

    private static Err delete(ShardStore st, int num) {
        return ((DeleteShardReply) st.doOp(new DeleteShardArgs(S, num))).err();
    }

    @Test
    void group1ServesEveryShardAtFirstAndOtherGroupsNone() {
        ShardStore g1 = new ShardStore(ShardConfig.GID1);
        assertThat(put(g1, K0, "a", 0)).isEqualTo(Err.OK);
        assertThat(get(g1, K0)).isEqualTo(new GetReply("a", 1, Err.OK));
        assertThat(put(g1, K0, "b", 0)).isEqualTo(Err.ErrVersion);
        assertThat(put(g1, "k1", "b", 3)).isEqualTo(Err.ErrNoKey);

        ShardStore g2 = new ShardStore(2);
        assertThat(get(g2, K0).err()).isEqualTo(Err.ErrWrongGroup);
        assertThat(put(g2, K0, "a", 0)).isEqualTo(Err.ErrWrongGroup);
    }

    @Test
    void aMoveFreezesInstallsAndDeletes() {
        ShardStore g1 = new ShardStore(ShardConfig.GID1);
        ShardStore g2 = new ShardStore(2);
        put(g1, K0, "a", 0);

        FreezeShardReply frozen = freeze(g1, 2);
        assertThat(frozen.err()).isEqualTo(Err.OK);
        assertThat(put(g1, K0, "lost", 1)).as("a frozen shard takes no Put").isEqualTo(Err.ErrWrongGroup);
        assertThat(get(g1, K0).err()).isEqualTo(Err.ErrWrongGroup);

        assertThat(install(g2, frozen.state(), 2)).isEqualTo(Err.OK);
        assertThat(get(g2, K0)).isEqualTo(new GetReply("a", 1, Err.OK));
        assertThat(delete(g1, 2)).isEqualTo(Err.OK);

        // Repeats with the same number are harmless: the install does not overwrite newer Puts, the freeze of a
        // deleted shard returns no data and does not bring it back.
        assertThat(put(g2, K0, "b", 1)).isEqualTo(Err.OK);
        assertThat(install(g2, frozen.state(), 2)).isEqualTo(Err.OK);
        assertThat(get(g2, K0)).isEqualTo(new GetReply("b", 2, Err.OK));
        FreezeShardReply again = freeze(g1, 2);
        assertThat(again.err()).isEqualTo(Err.OK);
        assertThat(install(new ShardStore(3), again.state(), 9)).isEqualTo(Err.OK);
        assertThat(get(g1, K0).err()).isEqualTo(Err.ErrWrongGroup);
        assertThat(delete(g1, 2)).isEqualTo(Err.OK);
    }

    @Test
    void requestsOlderThanTheShardsNumberAreRejected() {
        ShardStore g1 = new ShardStore(ShardConfig.GID1);
        ShardStore g2 = new ShardStore(2);
        put(g1, K0, "a", 0);
        install(g2, freeze(g1, 5).state(), 5);
        delete(g1, 5);

        assertThat(freeze(g2, 4).err()).isEqualTo(Err.ErrVersion);
        assertThat(get(g2, K0).err()).as("a stale freeze does not stop service").isEqualTo(Err.OK);
        assertThat(install(g1, new byte[0], 4)).isEqualTo(Err.ErrVersion);
        assertThat(get(g1, K0).err()).as("a stale install does not start service").isEqualTo(Err.ErrWrongGroup);
        assertThat(delete(g2, 4)).isEqualTo(Err.ErrVersion);
        assertThat(get(g2, K0)).as("a stale delete keeps the data").isEqualTo(new GetReply("a", 1, Err.OK));
    }

    @Test
    void aSnapshotRestoresDataServiceAndNumbers() {
        ShardStore g2 = new ShardStore(2);
        ShardStore g1 = new ShardStore(ShardConfig.GID1);
        put(g1, K0, "a", 0);
        install(g2, freeze(g1, 3).state(), 3);

        ShardStore copy = new ShardStore(2);
        copy.restore(g2.snapshot());
        assertThat(get(copy, K0)).isEqualTo(new GetReply("a", 1, Err.OK));
        assertThat(install(copy, new byte[0], 2)).isEqualTo(Err.ErrVersion);

        ShardStore g1copy = new ShardStore(ShardConfig.GID1);
        g1copy.restore(g1.snapshot());
        assertThat(get(g1copy, K0).err()).as("restored: frozen").isEqualTo(Err.ErrWrongGroup);
    }
}
