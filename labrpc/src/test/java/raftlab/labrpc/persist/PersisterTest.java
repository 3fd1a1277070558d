package raftlab.labrpc.persist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The persister's contract, as MIT's tester relies on it. */
class PersisterTest {

    private static final byte[] STATE = {1, 2, 3};
    private static final byte[] SNAPSHOT = {9, 8};

    @Test
    @DisplayName("a fresh persister returns empty, never null, arrays")
    void freshIsEmpty() {
        Persister p = new Persister();

        assertThat(p.readRaftState()).isEmpty();
        assertThat(p.readSnapshot()).isEmpty();
        assertThat(p.raftStateSize()).isZero();
        assertThat(p.snapshotSize()).isZero();
    }

    @Test
    @DisplayName("save stores copies of both arrays, and reads hand out copies")
    void savesAndReadsCopies() {
        Persister p = new Persister();
        byte[] state = STATE.clone();
        p.save(state, SNAPSHOT.clone());

        state[0] = 42;                        // the caller changes its array after saving...
        p.readRaftState()[1] = 42;            // ...and a reader changes what it read

        assertThat(p.readRaftState()).containsExactly(STATE);
        assertThat(p.readSnapshot()).containsExactly(SNAPSHOT);
        assertThat(p.raftStateSize()).isEqualTo(3);
        assertThat(p.snapshotSize()).isEqualTo(2);
    }

    @Test
    @DisplayName("save(state, null) erases the snapshot: Raft must pass its snapshot on every save")
    void nullSnapshotErases() {
        Persister p = new Persister();
        p.save(STATE, SNAPSHOT);

        p.save(new byte[] {7}, null);

        assertThat(p.readRaftState()).containsExactly(7);
        assertThat(p.readSnapshot()).isEmpty();
    }

    @Test
    @DisplayName("a copy is independent: what the old instance saves after a crash lands in the orphan")
    void copyOrphansTheOriginal() {
        Persister original = new Persister();
        original.save(STATE, SNAPSHOT);

        Persister copy = original.copy();          // the tester's copy at shutdown
        original.save(new byte[] {0}, null);       // the dead instance keeps saving

        assertThat(copy.readRaftState()).containsExactly(STATE);
        assertThat(copy.readSnapshot()).containsExactly(SNAPSHOT);
    }

    // ---- ours (not MIT's): the durability seam of cluster mode ----

    @Test
    @DisplayName("a durable persister starts from recovered bytes and hands every save to its sink first")
    void durableSavesGoToTheSinkFirst() {
        java.util.List<String> written = new java.util.ArrayList<>();
        Persister p = new Persister(STATE, null, (state, snapshot) -> written.add(state.length + "/" + snapshot.length));

        assertThat(p.readRaftState()).containsExactly(STATE);
        assertThat(p.readSnapshot()).isEmpty();
        p.save(new byte[] {7}, SNAPSHOT);

        assertThat(written).containsExactly("1/2");
        assertThat(p.readRaftState()).containsExactly(7);
        assertThat(p.copy().readRaftState()).as("a copy is memory-only but holds the same bytes").containsExactly(7);
    }

    @Test
    @DisplayName("a save whose sink fails changes nothing in memory")
    void aFailedDurableSaveKeepsTheOldState() {
        Persister p = new Persister(STATE, SNAPSHOT, (state, snapshot) -> {
            throw new IllegalStateException("disk full");
        });

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.save(new byte[] {7}, null))
                .hasMessage("disk full");
        assertThat(p.readRaftState()).containsExactly(STATE);
        assertThat(p.readSnapshot()).containsExactly(SNAPSHOT);
    }
}
