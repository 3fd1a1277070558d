//+solution-file
package raftlab.kvraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import raftlab.kvraft.KvRpc.GetArgs;
import raftlab.kvraft.KvRpc.GetReply;
import raftlab.kvraft.KvRpc.PutArgs;
import raftlab.kvraft.KvRpc.PutReply;

/** The store's versioned semantics (MIT's kvsrv), applied directly: no Raft, no threads. */
class KvStoreTest {

    private final KvStore store = new KvStore();

    private GetReply get(String key) {
        return (GetReply) store.doOp(new GetArgs(key));
    }

    private Err put(String key, String value, long version) {
        return ((PutReply) store.doOp(new PutArgs(key, value, version))).err();
    }

    @Test
    void aMissingKeyHasNoValue() {
        assertThat(get("k")).isEqualTo(new GetReply("", 0, Err.ErrNoKey));
    }

    @Test
    void versionZeroCreatesAKeyWithVersionOne() {
        assertThat(put("k", "a", 0)).isEqualTo(Err.OK);
        assertThat(get("k")).isEqualTo(new GetReply("a", 1, Err.OK));
    }

    @Test
    void aPutToAMissingKeyWithAnotherVersionIsErrNoKey() {
        assertThat(put("k", "a", 3)).isEqualTo(Err.ErrNoKey);
        assertThat(get("k").err()).isEqualTo(Err.ErrNoKey);
    }

    @Test
    void aPutAppliesOnlyAtTheKeysVersion() {
        put("k", "a", 0);
        assertThat(put("k", "b", 0)).isEqualTo(Err.ErrVersion);
        assertThat(put("k", "b", 2)).isEqualTo(Err.ErrVersion);
        assertThat(get("k")).isEqualTo(new GetReply("a", 1, Err.OK));
        assertThat(put("k", "b", 1)).isEqualTo(Err.OK);
        assertThat(get("k")).isEqualTo(new GetReply("b", 2, Err.OK));
    }

    @Test
    void aThousandPutsFromVersionZeroEndAtVersionAThousand() {
        for (int i = 0; i < 1000; i++) {
            assertThat(put("k", Integer.toString(i), i)).isEqualTo(Err.OK);
        }
        assertThat(get("k")).isEqualTo(new GetReply("999", 1000, Err.OK));
    }

    @Test
    void aSnapshotRestoresTheWholeStoreAndNothingElse() {
        put("a", "1", 0);
        put("b", "2", 0);
        put("b", "3", 1);
        byte[] snapshot = store.snapshot();

        KvStore other = new KvStore();
        other.doOp(new PutArgs("c", "stale", 0));   // replaced, not merged
        other.restore(snapshot);
        assertThat(other.doOp(new GetArgs("a"))).isEqualTo(new GetReply("1", 1, Err.OK));
        assertThat(other.doOp(new GetArgs("b"))).isEqualTo(new GetReply("3", 2, Err.OK));
        assertThat(other.doOp(new GetArgs("c"))).isEqualTo(new GetReply("", 0, Err.ErrNoKey));
    }

    @Test
    void aSnapshotOfOneSmallKeyIsSmall() {
        put("x", "1", 0);
        assertThat(store.snapshot().length).isLessThan(500);
    }

    @Test
    void aNegativeVersionCannotEvenBeExpressed() {
        assertThatThrownBy(() -> new PutArgs("k", "v", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
