package raftlab.raft;

import static raftlab.raft.RaftHarness.RAFT_ELECTION_TIMEOUT;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import raftlab.tester.TesterExtension;

/** Part 3A: leader election. All tests run on a reliable network, without snapshots. */
@Tag("3A")
@Timeout(value = 130, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Raft3ATest {

    private static final boolean RELIABLE = true;
    private static final boolean NO_SNAPSHOTS = false;

    @RegisterExtension
    final TesterExtension tester = new TesterExtension();

    @Test
    @DisplayName("Test (3A): initial election")
    void testInitialElection3A() {
        int servers = 3;
        RaftHarness ts = RaftHarness.make(tester, servers, RELIABLE, NO_SNAPSHOTS);
        ts.begin("Test (3A): initial election");

        // is a leader elected?
        ts.checkOneLeader();

        // sleep a bit to avoid racing with followers learning of the election, then check that all peers agree
        // on the term.
        ts.sleep(50);
        int term1 = ts.checkTerms();
        if (term1 < 1) {
            throw ts.fatalf("term is %d, but should be at least 1", term1);
        }

        // does the leader+term stay the same if there is no network failure?
        ts.sleep(2 * RAFT_ELECTION_TIMEOUT);
        int term2 = ts.checkTerms();
        if (term1 != term2) {
            System.out.println("warning: term changed even though there were no failures");
        }

        // there should still be a leader.
        ts.checkOneLeader();
    }

    @Test
    @DisplayName("Test (3A): election after network failure")
    void testReElection3A() {
        int servers = 3;
        RaftHarness ts = RaftHarness.make(tester, servers, RELIABLE, NO_SNAPSHOTS);
        ts.begin("Test (3A): election after network failure");

        int leader1 = ts.checkOneLeader();

        // if the leader disconnects, a new one should be elected.
        ts.group().disconnectAll(leader1);
        ts.checkOneLeader();

        // if the old leader rejoins, that shouldn't disturb the new leader, and the old leader should switch to
        // follower.
        ts.group().connectOne(leader1);
        int leader2 = ts.checkOneLeader();

        // if there's no quorum, no new leader should be elected.
        ts.group().disconnectAll(leader2);
        ts.group().disconnectAll((leader2 + 1) % servers);
        ts.sleep(2 * RAFT_ELECTION_TIMEOUT);

        // check that the one connected server does not think it is the leader.
        ts.checkNoLeader();

        // if a quorum arises, it should elect a leader.
        ts.group().connectOne((leader2 + 1) % servers);
        ts.checkOneLeader();

        // re-join of last node shouldn't prevent leader from existing.
        ts.group().connectOne(leader2);
        ts.checkOneLeader();
    }

    @Test
    @DisplayName("Test (3A): multiple elections")
    void testManyElections3A() {
        int servers = 7;
        RaftHarness ts = RaftHarness.make(tester, servers, RELIABLE, NO_SNAPSHOTS);
        ts.begin("Test (3A): multiple elections");

        ts.checkOneLeader();

        int iters = 10;
        for (int ii = 1; ii < iters; ii++) {
            // disconnect three nodes (perhaps the same one more than once)
            int i1 = ts.rand(servers);
            int i2 = ts.rand(servers);
            int i3 = ts.rand(servers);
            ts.group().disconnectAll(i1);
            ts.group().disconnectAll(i2);
            ts.group().disconnectAll(i3);

            // either the current leader should still be alive, or the remaining four should elect a new one.
            ts.checkOneLeader();

            ts.group().connectOne(i1);
            ts.group().connectOne(i2);
            ts.group().connectOne(i3);
        }
        ts.checkOneLeader();
    }
}
