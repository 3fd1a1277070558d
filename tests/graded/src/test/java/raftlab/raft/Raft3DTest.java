package raftlab.raft;

import static raftlab.raft.RaftHarness.SNAPSHOT_INTERVAL;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import raftlab.tester.TesterExtension;

/**
 * Part 3D: log compaction. Every test runs the snapshotting applier, which hands Raft a snapshot after every 10
 * applied entries; servers must trim their logs, install snapshots on lagging followers and restart from them.
 */
@Tag("3D")
@Timeout(value = 130, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Raft3DTest {

    private static final boolean RELIABLE = true;
    private static final boolean UNRELIABLE = false;
    private static final boolean SNAPSHOTS = true;
    private static final boolean DISCONNECT = true;
    private static final boolean CRASH = true;

    /**
     * The bound on any server's persisted Raft state, in bytes (MIT's MAXLOGSIZE). With a snapshot every 10
     * entries a log holds at most about 20 small commands plus term and vote. Go's value is kept: the reference
     * stays below it even with java.io serialization (the placeholder codec), so our codec forces no recalibration.
     */
    static final int MAX_LOG_SIZE = 2000;

    @RegisterExtension
    final TesterExtension tester = new TesterExtension();

    @Test
    @DisplayName("Test (3D): snapshots basic")
    void testSnapshotBasic3D() {
        snapcommon("Test (3D): snapshots basic", !DISCONNECT, RELIABLE, !CRASH);
    }

    @Test
    @DisplayName("Test (3D): install snapshots (disconnect)")
    void testSnapshotInstall3D() {
        snapcommon("Test (3D): install snapshots (disconnect)", DISCONNECT, RELIABLE, !CRASH);
    }

    @Test
    @DisplayName("Test (3D): install snapshots (disconnect)")
    void testSnapshotInstallUnreliable3D() {
        snapcommon("Test (3D): install snapshots (disconnect)", DISCONNECT, UNRELIABLE, !CRASH);
    }

    @Test
    @DisplayName("Test (3D): install snapshots (crash)")
    void testSnapshotInstallCrash3D() {
        snapcommon("Test (3D): install snapshots (crash)", !DISCONNECT, RELIABLE, CRASH);
    }

    @Test
    @DisplayName("Test (3D): install snapshots (crash)")
    void testSnapshotInstallUnCrash3D() {
        snapcommon("Test (3D): install snapshots (crash)", !DISCONNECT, UNRELIABLE, CRASH);
    }

    /**
     * 30 rounds of: perhaps cut off (or crash) one server, send enough commands for a snapshot, check that logs
     * stay small, then bring the server back, which may need an InstallSnapshot to catch up.
     */
    private void snapcommon(String name, boolean disconnect, boolean reliable, boolean crash) {
        int iters = 30;
        int servers = 3;
        RaftHarness ts = RaftHarness.make(tester, servers, reliable, SNAPSHOTS);
        ts.begin(name);

        ts.one(ts.rand(), servers, true);
        int leader1 = ts.checkOneLeader();

        for (int i = 0; i < iters; i++) {
            int victim = (leader1 + 1) % servers;
            int sender = leader1;
            if (i % 3 == 1) {
                sender = (leader1 + 1) % servers;
                victim = leader1;
            }

            if (disconnect) {
                ts.group().disconnectAll(victim);
                ts.one(ts.rand(), servers - 1, true);
            }
            if (crash) {
                ts.group().shutdownServer(victim);
                ts.one(ts.rand(), servers - 1, true);
            }

            // perhaps send enough to get a snapshot
            long start = ts.timeline().timestamp();
            int nn = (SNAPSHOT_INTERVAL / 2) + ts.rand(SNAPSHOT_INTERVAL);
            for (int k = 0; k < nn; k++) {
                ts.raft(sender).start(ts.rand());
            }
            String text = "submitting " + nn + " commands to " + sender;
            ts.timeline().infoInterval(start, text, text);

            // let applier threads catch up with the Start()'s
            if (!disconnect && !crash) {
                // make sure all followers have caught up, so that an InstallSnapshot RPC isn't required for
                // TestSnapshotBasic3D().
                ts.one(ts.rand(), servers, true);
            } else {
                ts.one(ts.rand(), servers - 1, true);
            }

            // snapshots keep every server's persisted log small.
            if (ts.group().logSize() >= MAX_LOG_SIZE) {
                throw ts.fatalf("Log size too large");
            }
            if (disconnect) {
                // reconnect a follower, who maybe behind and needs to receive a snapshot to catch up.
                ts.group().connectOne(victim);
                ts.one(ts.rand(), servers, true);
                leader1 = ts.checkOneLeader();
            }
            if (crash) {
                ts.restart(victim);
                ts.one(ts.rand(), servers, true);
                leader1 = ts.checkOneLeader();
            }
        }
    }

    // do the servers persist the snapshots, and restart using snapshot along with the tail of the log?
    @Test
    @DisplayName("Test (3D): crash and restart all servers")
    void testSnapshotAllCrash3D() {
        int servers = 3;
        int iters = 5;
        RaftHarness ts = RaftHarness.make(tester, servers, UNRELIABLE, SNAPSHOTS);
        ts.begin("Test (3D): crash and restart all servers");

        ts.one(ts.rand(), servers, true);

        for (int i = 0; i < iters; i++) {
            // perhaps enough to get a snapshot
            int nn = (SNAPSHOT_INTERVAL / 2) + ts.rand(SNAPSHOT_INTERVAL);
            for (int k = 0; k < nn; k++) {
                ts.one(ts.rand(), servers, true);
            }

            int index1 = ts.one(ts.rand(), servers, true);

            // crash all
            ts.group().shutdown();
            ts.group().startServers();

            // nothing committed is forgotten: the next command goes after the last one.
            int index2 = ts.one(ts.rand(), servers, true);
            if (index2 < index1 + 1) {
                String msg = "index decreased from " + index1 + " to " + index2;
                ts.timeline().checkerFailure("incorrect behavior: index decreased", msg);
                throw ts.fatalf("%s", msg);
            }
        }
    }

    // do servers correctly initialize their in-memory copy of the snapshot, making sure that future writes to
    // persistent state don't lose state?
    @Test
    @DisplayName("Test (3D): snapshot initialization after crash")
    void testSnapshotInit3D() {
        int servers = 3;
        RaftHarness ts = RaftHarness.make(tester, servers, UNRELIABLE, SNAPSHOTS);
        ts.begin("Test (3D): snapshot initialization after crash");
        ts.one(ts.rand(), servers, true);

        // enough ops to make a snapshot
        int nn = SNAPSHOT_INTERVAL + 1;
        for (int i = 0; i < nn; i++) {
            ts.one(ts.rand(), servers, true);
        }

        ts.group().shutdown();
        ts.group().startServers();

        // a single op, to get something to be written back to persistent storage.
        ts.one(ts.rand(), servers, true);

        ts.group().shutdown();
        ts.group().startServers();

        // do another op to trigger potential bug
        ts.one(ts.rand(), servers, true);
    }
}
