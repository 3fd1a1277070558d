package raftlab.raft;

import static raftlab.raft.RaftHarness.RAFT_ELECTION_TIMEOUT;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import raftlab.labrpc.sim.Sim;
import raftlab.tester.TesterExtension;

/** Part 3C: persistence. Servers crash and restart from what they persisted; some tests are unreliable. */
@Tag("3C")
@Timeout(value = 130, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Raft3CTest {

    private static final boolean RELIABLE = true;
    private static final boolean UNRELIABLE = false;
    private static final boolean NO_SNAPSHOTS = false;

    @RegisterExtension
    final TesterExtension tester = new TesterExtension();

    @Test
    @DisplayName("Test (3C): basic persistence")
    void testPersist13C() {
        int servers = 3;
        RaftHarness ts = RaftHarness.make(tester, servers, RELIABLE, NO_SNAPSHOTS);
        ts.begin("Test (3C): basic persistence");

        ts.one(11, servers, true);

        // crash and restart everyone: the log survives.
        ts.group().shutdown();
        ts.group().startServers();

        ts.one(12, servers, true);

        // crash and restart the leader.
        int leader1 = ts.checkOneLeader();
        ts.group().shutdownServer(leader1);
        ts.restart(leader1);

        ts.one(13, servers, true);

        // crash the new leader; the other two carry on without it.
        int leader2 = ts.checkOneLeader();
        ts.group().shutdownServer(leader2);

        ts.one(14, servers - 1, true);

        ts.restart(leader2);

        // wait for leader2 to join before killing i3
        ts.timeline().checkerBegin("wait for all servers to commit until index 4");
        ts.wait(4, servers, -1);
        ts.timeline().checkerSuccess("all committed until index 4", "OK");

        // crash a follower, commit without it, restart it.
        int i3 = (ts.checkOneLeader() + 1) % servers;
        ts.group().shutdownServer(i3);

        ts.one(15, servers - 1, true);

        ts.restart(i3);

        ts.one(16, servers, true);
    }

    @Test
    @DisplayName("Test (3C): more persistence")
    void testPersist23C() {
        int servers = 5;
        RaftHarness ts = RaftHarness.make(tester, servers, RELIABLE, NO_SNAPSHOTS);
        ts.begin("Test (3C): more persistence");

        int index = 1;
        for (int iters = 0; iters < 5; iters++) {
            ts.one(10 + index, servers, true);
            index++;

            int leader1 = ts.checkOneLeader();

            // two followers crash; the other three commit without them.
            ts.group().shutdownServer((leader1 + 1) % servers);
            ts.group().shutdownServer((leader1 + 2) % servers);

            ts.one(10 + index, servers - 2, true);
            index++;

            // everyone is down.
            ts.group().shutdownServer((leader1 + 0) % servers);
            ts.group().shutdownServer((leader1 + 3) % servers);
            ts.group().shutdownServer((leader1 + 4) % servers);

            // the two that missed an entry come back, then one that has it: together they must commit.
            ts.restart((leader1 + 1) % servers);
            ts.restart((leader1 + 2) % servers);

            ts.sleep(RAFT_ELECTION_TIMEOUT);

            ts.restart((leader1 + 3) % servers);

            ts.one(10 + index, servers - 2, true);
            index++;

            ts.restart((leader1 + 4) % servers);
            ts.restart((leader1 + 0) % servers);
        }

        ts.one(1000, servers, true);
    }

    @Test
    @DisplayName("Test (3C): partitioned leader and one follower crash, leader restarts")
    void testPersist33C() {
        int servers = 3;
        RaftHarness ts = RaftHarness.make(tester, servers, RELIABLE, NO_SNAPSHOTS);
        ts.begin("Test (3C): partitioned leader and one follower crash, leader restarts");

        ts.one(101, 3, true);

        int leader = ts.checkOneLeader();
        ts.group().disconnectAll((leader + 2) % servers);

        ts.one(102, 2, true);

        // the two that have 102 crash; the one without it rejoins, with the old leader restarted.
        ts.group().shutdownServer((leader + 0) % servers);
        ts.group().shutdownServer((leader + 1) % servers);
        ts.group().connectOne((leader + 2) % servers);
        ts.restart((leader + 0) % servers);

        ts.one(103, 2, true);

        ts.restart((leader + 1) % servers);

        ts.one(104, servers, true);
    }

    // Test the scenarios described in Figure 8 of the extended Raft paper. Each iteration asks a leader, if there
    // is one, to insert a command in the Raft log. If there is a leader, that leader will fail quickly with a high
    // probability (perhaps without committing the command), or crash after a while with low probability (most
    // likely committing the command). If the number of alive servers isn't enough to form a majority, perhaps
    // start a new server. The leader in a new term may try to finish replicating log entries that haven't been
    // committed yet.
    @Test
    @DisplayName("Test (3C): Figure 8")
    void testFigure83C() {
        int servers = 5;
        RaftHarness ts = RaftHarness.make(tester, servers, RELIABLE, NO_SNAPSHOTS);
        ts.begin("Test (3C): Figure 8");

        ts.one(ts.rand(), 1, true);

        int nup = servers;
        for (int iters = 0; iters < 1000; iters++) {
            int leader = -1;
            for (int i = 0; i < servers; i++) {
                Raft rf = ts.raft(i);
                if (rf != null && rf.start(ts.rand()).isLeader()) {
                    leader = i;
                }
            }

            if (ts.rand(1000) < 100) {
                ts.sleep(ts.rand((int) RAFT_ELECTION_TIMEOUT / 2));
            } else {
                ts.sleep(ts.rand(13));
            }

            if (leader != -1) {
                ts.group().shutdownServer(leader);
                nup -= 1;
            }

            if (nup < 3) {
                int s = ts.rand(servers);
                if (ts.raft(s) == null) {
                    ts.restart(s);
                    nup += 1;
                }
            }
        }

        for (int i = 0; i < servers; i++) {
            if (ts.raft(i) == null) {
                ts.restart(i);
            }
        }

        // whatever the survivors committed, everyone agrees on it and on one more command.
        ts.one(ts.rand(), servers, true);
    }

    @Test
    @DisplayName("Test (3C): unreliable agreement")
    void testUnreliableAgree3C() {
        int servers = 5;
        RaftHarness ts = RaftHarness.make(tester, servers, UNRELIABLE, NO_SNAPSHOTS);
        ts.begin("Test (3C): unreliable agreement");

        // five commands at a time, four of them from helper threads, each committed by at least one server.
        List<Thread> helpers = new ArrayList<>();
        for (int iters = 1; iters < 50; iters++) {
            for (int j = 0; j < 4; j++) {
                int cmd = 100 * iters + j;
                helpers.add(Sim.go("one-" + cmd, () -> ts.one(cmd, 1, true)));
            }
            ts.one(iters, 1, true);
        }

        ts.config().setReliable(true);

        ts.join(helpers);

        ts.one(100, servers, true);
    }

    @Test
    @DisplayName("Test (3C): Figure 8 (unreliable)")
    void testFigure8Unreliable3C() {
        int servers = 5;
        RaftHarness ts = RaftHarness.make(tester, servers, UNRELIABLE, NO_SNAPSHOTS);
        ts.begin("Test (3C): Figure 8 (unreliable)");

        ts.one(ts.rand() % 10000, 1, true);

        int nup = servers;
        for (int iters = 0; iters < 1000; iters++) {
            if (iters == 200) {
                ts.config().setLongReordering(true);
            }
            int leader = -1;
            for (int i = 0; i < servers; i++) {
                boolean ok = ts.raft(i).start(ts.rand() % 10000).isLeader();
                if (ok && ts.group().isConnected(i)) {
                    leader = i;
                }
            }

            if (ts.rand(1000) < 100) {
                ts.sleep(ts.rand((int) RAFT_ELECTION_TIMEOUT / 2));
            } else {
                ts.sleep(ts.rand(13));
            }

            if (leader != -1 && ts.rand(1000) < (int) RAFT_ELECTION_TIMEOUT / 2) {
                ts.group().disconnectAll(leader);
                nup -= 1;
            }

            if (nup < 3) {
                int s = ts.rand(servers);
                if (!ts.group().isConnected(s)) {
                    ts.group().connectOne(s);
                    nup += 1;
                }
            }
        }

        for (int i = 0; i < servers; i++) {
            if (!ts.group().isConnected(i)) {
                ts.group().connectOne(i);
            }
        }

        ts.one(ts.rand() % 10000, servers, true);
    }

    @Test
    @DisplayName("Test (3C): churn")
    void testReliableChurn3C() {
        internalChurn(RELIABLE);
    }

    @Test
    @DisplayName("Test (3C): unreliable churn")
    void testUnreliableChurn3C() {
        internalChurn(UNRELIABLE);
    }

    private void internalChurn(boolean reliable) {
        int servers = 5;
        RaftHarness ts = RaftHarness.make(tester, servers, reliable, NO_SNAPSHOTS);
        ts.begin(reliable ? "Test (3C): churn" : "Test (3C): unreliable churn");

        // three clients keep starting commands on whoever claims to lead, and note the ones they see committed.
        AtomicBoolean stop = new AtomicBoolean();
        int ncli = 3;
        List<AtomicReference<List<Integer>>> results = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        long startcli = ts.timeline().timestamp();
        for (int i = 0; i < ncli; i++) {
            AtomicReference<List<Integer>> result = new AtomicReference<>();
            results.add(result);
            int me = i;
            clients.add(Sim.go("churn-client-" + me, () -> result.set(churnClient(ts, me, stop))));
        }

        // meanwhile servers get disconnected, reconnected, crashed and restarted at random.
        for (int iters = 0; iters < 20; iters++) {
            if (ts.rand(1000) < 200) {
                int i = ts.rand(servers);
                ts.group().disconnectAll(i);
            }

            if (ts.rand(1000) < 500) {
                int i = ts.rand(servers);
                if (ts.raft(i) == null) {
                    ts.restart(i);
                }
                ts.group().connectOne(i);
            }

            if (ts.rand(1000) < 200) {
                int i = ts.rand(servers);
                if (ts.raft(i) != null) {
                    ts.group().shutdownServer(i);
                }
            }

            // Make crash/restart infrequent enough that the peers can often keep up, but not so infrequent that
            // everything has settled down from one change to the next. Pick a value smaller than the election
            // timeout, but not hugely smaller.
            ts.sleep((RAFT_ELECTION_TIMEOUT * 7) / 10);
        }

        ts.sleep(RAFT_ELECTION_TIMEOUT);
        ts.config().setReliable(true);
        for (int i = 0; i < servers; i++) {
            if (ts.raft(i) == null) {
                ts.restart(i);
            }
            ts.group().connectOne(i);
        }

        stop.set(true);
        String textcli = ncli + " clients submitting commands concurrently";
        ts.timeline().infoInterval(startcli, textcli, textcli);

        // no client failed.
        ts.timeline().checkerBegin("checking if any client has failed");
        ts.join(clients);
        List<Integer> values = new ArrayList<>();
        for (AtomicReference<List<Integer>> result : results) {
            if (result.get() == null) {
                throw ts.fatalf("client failed");
            }
            values.addAll(result.get());
        }
        ts.timeline().checkerSuccess("none of the clients have failed", "OK");

        ts.sleep(RAFT_ELECTION_TIMEOUT);

        int lastIndex = ts.one(ts.rand(), servers, true);

        // every server agrees on the whole log...
        Set<Integer> really = new HashSet<>();
        for (int index = 1; index <= lastIndex; index++) {
            Object v = ts.wait(index, servers, -1);
            if (!(v instanceof Integer vi)) {
                String text = "committed value " + v + " is not an integer";
                ts.timeline().checkerFailure(text, text);
                throw ts.fatalf("not an int");
            }
            really.add(vi);
        }

        // ...and it holds every value a client saw committed.
        ts.timeline().checkerBegin("checking if committed values observed by the clients remain in the log");
        for (int v1 : values) {
            if (!really.contains(v1)) {
                throw ts.fatalf("didn't find a value");
            }
        }
        ts.timeline().checkerSuccess("committed values remain in the log", "OK");
    }

    /** One churn client: returns the values it saw committed, or throws (and so returns nothing) on a failure. */
    private static List<Integer> churnClient(RaftHarness ts, int me, AtomicBoolean stop) {
        List<Integer> values = new ArrayList<>();
        while (!stop.get() && !ts.config().isCleanedUp()) {
            int x = ts.rand();
            int index = -1;
            boolean ok = false;
            for (int i = 0; i < ts.n; i++) {
                // try them all, maybe one of them is a leader
                Raft rf = ts.raft(i);
                if (rf != null) {
                    Raft.StartResult r = rf.start(x);
                    if (r.isLeader()) {
                        ok = true;
                        index = r.index();
                    }
                }
            }
            if (ok) {
                // maybe leader will commit our value, maybe not. but don't wait forever.
                for (int to : new int[] {10, 20, 50, 100, 200}) {
                    RaftHarness.Committed c = ts.nCommitted(index);
                    if (c.count() > 0) {
                        if (!(c.command() instanceof Integer xx)) {
                            throw ts.fatalf("wrong command type");
                        }
                        if (xx == x) {
                            values.add(x);
                        }
                        break;
                    }
                    Sim.sleep(to);
                }
            } else {
                Sim.sleep(79 + me * 17);
            }
        }
        return values;
    }
}
