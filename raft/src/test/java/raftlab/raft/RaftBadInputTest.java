//+solution-file
package raftlab.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import raftlab.labrpc.chan.Channel;
import raftlab.labrpc.codec.CodecException;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;
import raftlab.labrpc.net.Server;
import raftlab.labrpc.net.Service;
import raftlab.labrpc.persist.Persister;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;

/** The reference's answers to bad input and to calls after {@code kill()}, on a one-peer cluster. */
@Timeout(20)
class RaftBadInputTest {

    record Locked(ReentrantLock lock) {}

    private final Network net = new Network(new LabRandom(1));
    private final Persister persister = new Persister();
    private final Channel<ApplyMsg> applyCh = new Channel<>(100);
    private final Raft raft;

    RaftBadInputTest() {
        ClientEnd self = net.makeEnd("self");
        net.connect("self", "s0");
        net.enable("self", true);
        raft = Raft.make(List.of(self), 0, persister, applyCh);
        net.addServer("s0", new Server().addService(Service.of("Raft", raft)));
    }

    @AfterEach
    void cleanup() {
        raft.kill();
        net.cleanup();
    }

    /** A one-peer cluster elects itself after one election timeout. */
    private void awaitLeadership() {
        long deadline = Sim.millis() + 5000;
        while (!raft.getState().isLeader() && Sim.millis() < deadline) {
            Sim.sleep(10);
        }
        assertThat(raft.getState().isLeader()).as("a single peer elects itself").isTrue();
    }

    @Test
    @DisplayName("start(null) and a command the codec cannot copy fail in the caller, with the reason")
    void badCommands() {
        awaitLeadership();

        assertThatThrownBy(() -> raft.start(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("command is null");
        assertThatThrownBy(() -> raft.start(new Locked(new ReentrantLock())))
                .isInstanceOf(CodecException.class).hasMessageContaining("Locked").hasMessageContaining("lock");

        // and nothing was appended: the next good command gets index 1 and is applied as such.
        Raft.StartResult ok = raft.start("x");
        assertThat(ok.index()).isEqualTo(1);
        assertThat(applyCh.receive()).isEqualTo(new ApplyMsg.Command(1, "x"));
    }

    @Test
    @DisplayName("snapshot() beyond what was applied, or not above the last snapshot, is ignored")
    void snapshotOutOfRangeIsIgnored() {
        awaitLeadership();
        raft.start("a");
        assertThat(applyCh.receive()).isEqualTo(new ApplyMsg.Command(1, "a"));

        raft.snapshot(5, new byte[] {1});            // index 5 was never committed
        assertThat(persister.snapshotSize()).isZero();

        raft.snapshot(1, new byte[] {7});
        assertThat(persister.readSnapshot()).containsExactly(7);
        raft.snapshot(1, new byte[] {8});            // not above the last snapshot
        assertThat(persister.readSnapshot()).containsExactly(7);
    }

    @Test
    @DisplayName("after kill(), applyCh is closed and every call is harmless and says 'not leader'")
    void callsAfterKill() {
        awaitLeadership();

        raft.kill();

        assertThat(applyCh.receive()).as("applyCh closed").isNull();
        assertThat(raft.start("late").isLeader()).isFalse();
        assertThat(raft.getState().isLeader()).isFalse();
        raft.snapshot(1, new byte[] {1});
        raft.kill();
        assertThat(raft.persistBytes()).isGreaterThanOrEqualTo(0);
    }
}
