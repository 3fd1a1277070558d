package raftlab.rsm;

import static raftlab.rsm.RsmHarness.NSRV;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import raftlab.tester.TesterExtension;

/** Part 4C, RSM: snapshots keep the persisted Raft state small and survive a restart of every server. */
@Tag("4C")
@Timeout(value = 130, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rsm4CTest {

    /** The RSM snapshots when Raft's persisted state approaches this many bytes. */
    private static final int MAXRAFTSTATE = 1000;

    @RegisterExtension
    final TesterExtension tester = new TesterExtension();

    private RsmHarness ts;

    @AfterEach
    void stopBackground() {
        if (ts != null) {
            ts.stopBackground();
        }
    }

    @Test
    @DisplayName("Test creating and restoring snapshot")
    void testSnapshot4C() {
        int n = 100;
        ts = RsmHarness.make(tester, MAXRAFTSTATE);
        ts.begin("Test creating and restoring snapshot");

        for (int i = 0; i < n; i++) {
            ts.oneInc();
        }
        ts.checkCounter(n, NSRV);

        int sz = ts.group().logSize();
        if (sz > 2 * MAXRAFTSTATE) {
            throw ts.fatalf("logs were not trimmed (%d > 2 * %d)", sz, MAXRAFTSTATE);
        }

        // the RSM must have made snapshots by now; shut down all servers and restart them from a snapshot
        ts.group().shutdown();
        ts.group().startServers();

        // the restarted servers do one more increment
        ts.oneInc();
        ts.checkCounter(n + 1, NSRV);
    }
}
