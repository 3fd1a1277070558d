package raftlab.rsm;

import static raftlab.rsm.RsmHarness.NSEC;
import static raftlab.rsm.RsmHarness.NSRV;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import raftlab.tester.TesterExtension;

/**
 * Part 4A: the replicated state machine. Three servers on a reliable network, no snapshots
 * ({@code maxraftstate = -1}).
 */
@Tag("4A")
@Timeout(value = 130, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Rsm4ATest {

    private static final int NO_SNAPSHOTS = -1;

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
    @DisplayName("Test RSM basic")
    void testBasic4A() {
        ts = RsmHarness.make(tester, NO_SNAPSHOTS);
        ts.begin("Test RSM basic");

        for (int i = 0; i < 10; i++) {
            RsmTestServer.IncRep r = ts.oneInc();
            if (r.n() != i + 1) {
                throw ts.fatalf("expected %d instead of %d", i, r.n());
            }
            ts.checkCounter(r.n(), NSRV);
        }
    }

    @Test
    @DisplayName("Test concurrent submit")
    void testConcurrent4A() {
        int nInc = 50;
        ts = RsmHarness.make(tester, NO_SNAPSHOTS);
        ts.begin("Test concurrent submit");

        CountDownLatch done = new CountDownLatch(nInc);
        for (int i = 0; i < nInc; i++) {
            ts.go("inc-" + i, () -> {
                ts.oneInc();
                done.countDown();
            });
        }
        ts.await(done, Long.MAX_VALUE / 2);
        ts.checkCounter(nInc, NSRV);
    }

    @Test
    @DisplayName("Test Leader Failure")
    void testLeaderFailure4A() {
        ts = RsmHarness.make(tester, NO_SNAPSHOTS);
        ts.begin("Test Leader Failure");

        RsmTestServer.IncRep r = ts.oneInc();
        ts.checkCounter(r.n(), NSRV);

        // the remaining two servers should elect a new leader and go on
        ts.disconnectLeader();
        r = ts.oneInc();
        ts.checkCounter(r.n(), NSRV - 1);

        // the old leader catches up once it is back
        ts.group().connectAll();
        ts.checkCounter(r.n(), NSRV);
    }

    @Test
    @DisplayName("Test Leader Partition")
    void testLeaderPartition4A() {
        ts = RsmHarness.make(tester, NO_SNAPSHOTS);
        ts.begin("Test Leader Partition");

        // submit an Inc
        RsmTestServer.IncRep r = ts.oneInc();
        ts.checkCounter(r.n(), NSRV);

        // partition the leader into the minority
        int l = ts.leader();
        if (l < 0) {
            throw ts.fatalf("no leader after an Inc committed");
        }
        int[][] p = ts.group().makePartition(l);
        ts.group().partition(p[0], p[1]);

        // Submit many Decs concurrently to the old leader: many raft starts, but none may commit and be executed.
        int nDec = 100;
        CountDownLatch done = new CountDownLatch(nDec);
        Rsm<RsmTestServer.Request, RsmTestServer.Reply> minority = ts.server(l).rsm();
        for (int i = 0; i < nDec; i++) {
            int id = i;
            ts.go("dec-" + i, () -> {
                SubmitResult<RsmTestServer.Reply> res = minority.submit(new RsmTestServer.Dec());
                if (res instanceof SubmitResult.Applied(var result)) {
                    throw ts.fatalf("Submit %d in minority completed %s", id, result);
                }
                done.countDown();
            });
        }

        // give the old leader some time to start them
        ts.sleep(10);

        // submit an Inc in the majority
        Object rep = ts.onePartition(p[0], new RsmTestServer.Inc());
        if (rep == null) {
            throw ts.fatalf("the majority did not commit an Inc within %d seconds", NSEC);
        }

        // the minority's submits must not finish while it is cut off
        if (ts.await(done, 1000)) {
            throw ts.fatalf("Dec's in minority completed");
        }

        // reconnect the old leader: it learns of the new term, and every pending submit must return
        ts.group().connectOne(l);
        if (!ts.await(done, 1000)) {
            throw ts.fatalf("Submit after healing didn't return");
        }

        // check that all replicas have the same value for counter
        ts.checkCounter(((RsmTestServer.IncRep) rep).n(), NSRV);
    }

    @Test
    @DisplayName("Test Restart")
    void testRestartReplay4A() {
        int numIncs = 100;
        ts = RsmHarness.make(tester, NO_SNAPSHOTS);
        ts.begin("Test Restart");

        incrementMany(numIncs);

        // the restarted servers must replay the whole log (there are no snapshots) before the next Inc
        RsmTestServer.IncRep r = restartAllAndIncrement(numIncs);
        ts.checkCounter(r.n(), NSRV);
    }

    @Test
    @DisplayName("Test Shutdown")
    void testShutdown4A() {
        ts = RsmHarness.make(tester, NO_SNAPSHOTS);
        ts.begin("Test Shutdown");

        // (raftlab addition) wait until the RSM commits something, so that the submits below find a leader and are
        // still pending when the servers go down; without it, a submit that never waits would pass vacuously.
        if (ts.oneNull() == null) {
            throw ts.fatalf("no server committed a Null within %d seconds", NSEC);
        }

        shutdownWhileSubmitting();
    }

    @Test
    @DisplayName("Test Restart and submit")
    void testRestartSubmit4A() {
        int numIncs = 100;
        ts = RsmHarness.make(tester, NO_SNAPSHOTS);
        ts.begin("Test Restart and submit");

        incrementMany(numIncs);
        restartAllAndIncrement(numIncs);

        shutdownWhileSubmitting();

        ts.group().startServers();
        RsmTestServer.IncRep r = ts.oneInc();
        ts.checkCounter(r.n(), NSRV);
    }

    /** Starts 100 concurrent Nulls, then shuts every server down: every pending submit must return. */
    private void shutdownWhileSubmitting() {
        CountDownLatch done = submitNullsConcurrently(100);
        // give them some time to submit
        ts.sleep(20);
        // shut down all servers: every submit must return
        ts.group().shutdown();
        if (!ts.await(done, (NSEC + 1) * 1000L)) {
            throw ts.fatalf("Submit didn't stop after shutdown");
        }
    }

    /**
     * Crashes every server, restarts them all after a second, and checks that the next Inc counts on from
     * {@code numIncs} (the restarted servers replayed the log); then waits a second. {@return that Inc's reply}
     */
    private RsmTestServer.IncRep restartAllAndIncrement(int numIncs) {
        ts.group().shutdown();
        ts.sleep(1000);
        ts.group().startServers();

        RsmTestServer.IncRep r = ts.oneInc();
        if (r.n() != numIncs + 1) {
            throw ts.fatalf("Expected %d, got %d", numIncs + 1, r.n());
        }
        ts.sleep(1000);
        return r;
    }

    /** {@code n} Incs one after the other, each checked to return the next count and reach every server. */
    private void incrementMany(int n) {
        for (int i = 0; i < n; i++) {
            RsmTestServer.IncRep r = ts.oneInc();
            if (r.n() != i + 1) {
                throw ts.fatalf("expected %d instead of %d", i, r.n());
            }
            ts.checkCounter(r.n(), NSRV);
        }
    }

    /** Starts {@code n} concurrent {@code oneNull}s; the latch opens when all have returned. */
    private CountDownLatch submitNullsConcurrently(int n) {
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            ts.go("null-" + i, () -> {
                ts.oneNull();
                done.countDown();
            });
        }
        return done;
    }
}
