package raftlab.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import raftlab.cluster.node.PersistedRaftState;
import raftlab.labrpc.codec.Codec;

/**
 * Ours (not MIT's): the status reads the snapshot index and log size from the state a Raft peer persisted. In package
 * {@code raftlab.raft} to build the reference's own persisted record.
 */
class PersistedRaftStateTest {

    @Test
    void readsTheReferencesPersistedState() {
        var state = new RaftNode.PersistentState(5, 1, 12, 4,
                List.of(new LogEntry(4, "a"), new LogEntry(5, "b"), new LogEntry(5, "c")));
        assertThat(PersistedRaftState.read(Codec.encode(state))).isEqualTo(new PersistedRaftState(3, 12));
    }

    @Test
    void anEmptyStateIsAFreshPeer() {
        assertThat(PersistedRaftState.read(new byte[0])).isEqualTo(new PersistedRaftState(0, 0));
    }

    @Test
    void bytesThatAreNoStateAreUnknownNotAnError() {
        assertThat(PersistedRaftState.read(new byte[] {(byte) 0xff, 0x13, 0x07}))
                .isEqualTo(new PersistedRaftState(-1, -1));
    }
}
