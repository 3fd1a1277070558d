package raftlab.shardkv;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import raftlab.labrpc.sim.Sim;
import raftlab.shardkv.shardcfg.ShardConfig;
import raftlab.shardkv.shardctrler.ShardCtrler;
import raftlab.tester.TesterExtension;
import raftlab.tester.shardkv.ShardKvTest;
import raftlab.tester.shardkv.ShardKvTest.KeysValues;
import raftlab.tester.shardkv.ShardKvTest.TestClerk;

/**
 * Part 5B: handling a failed controller (MIT's {@code shardkv_test.go}, final 2025 version, commit 28e251b).
 * Titles, constants and failure messages are MIT's; the one deviation is marked in TestJoinLeave5B.
 */
@Tag("5B")
@Timeout(value = 130, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Shardkv5BTest {

    private static final int NKEYS = ShardKvTest.NKEYS;

    @RegisterExtension
    final TesterExtension tester = new TesterExtension();

    private ShardKvTest ts;

    @AfterEach
    void stopBackground() {
        if (ts != null) {
            ts.stopBackground();
        }
    }

    // Test joins/leaves while a shard group is down: they must wait for it, then finish.
    @Test
    @DisplayName("Test (5B): Join/leave while a shardgrp is down...")
    void testJoinLeave5B() {
        final long nsec = 2;

        ts = ShardKvTest.make(tester, "Test (5B): Join/leave while a shardgrp is down...", true);

        int gid1 = ts.setupKVService();
        TestClerk ck = ts.makeClerk();
        KeysValues kv = ts.spreadPuts(ck, NKEYS);
        ShardCtrler sck = ts.shardCtrler();
        ShardConfig cfg = ts.query(sck);

        ts.shutdownGroup(gid1);

        int gid2 = ts.newGid();
        Result join = background("join", () -> ts.joinGroups(sck, List.of(gid2)));

        // Ours: MIT waits 1 * NSEC here, which in Go is 2 *nanoseconds* (the time unit was left off), so its "the
        // join must not finish while group 1 is down" window is empty. We wait the intended 2 seconds: one more
        // check, 2 s longer.
        if (join.await(nsec * 1000)) {
            throw ts.fatalf("Join finished %s", join.ok());
        }

        ts.startGroup(gid1);

        if (!join.await(nsec * 1000)) {
            throw ts.fatalf("Join didn't complete");
        }
        if (!join.ok()) {
            throw ts.fatalf("TestJoinLeave5B: Join returned %s", join.ok());
        }

        ShardConfig cfg1 = ts.query(sck);
        if (cfg.num() + 1 != cfg1.num()) {
            throw ts.fatalf("wrong num %d expected %d ", cfg1.num(), cfg.num() + 1);
        }

        ts.shutdownGroup(gid2);

        Result leave = background("leave", () -> ts.leaveGroups(sck, List.of(ShardConfig.GID1)));

        if (leave.await(nsec * 1000)) {
            throw ts.fatalf("Leave finished");
        }

        ts.startGroup(gid2);

        if (!leave.await(nsec * 1000)) {
            throw ts.fatalf("Leave didn't complete");
        }
        if (!leave.ok()) {
            throw ts.fatalf("TestJoinLeave5B: Leave failed %s", leave.ok());
        }

        ts.checkGets(ck, kv.keys(), kv.values());
    }

    // test recovery of partitioned controllers
    @Test
    @DisplayName("Test (5B): recover controller ...")
    void testRecoverCtrler5B() {
        final int npartition = 5;

        ts = ShardKvTest.make(tester, "Test (5B): recover controller ...", true);

        int gid = ts.setupKVService();
        TestClerk ck = ts.makeClerk();
        KeysValues kv = ts.spreadPuts(ck, NKEYS);

        for (int i = 0; i < npartition; i++) {
            ts.partitionCtrler(ck, gid, kv.keys(), kv.values());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A join or leave running on a harness thread, and its result once it reported. */
    private final class Result {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicBoolean ok = new AtomicBoolean();

        /** Waits up to {@code millis} for the report, failing promptly if another thread failed the test. */
        boolean await(long millis) {
            long deadline = Sim.millis() + millis;
            while (Sim.millis() < deadline) {
                if (Sim.await(done, Math.min(100, Math.max(1, deadline - Sim.millis())))) {
                    return true;
                }
                ts.config().checkpoint();
            }
            return done.getCount() == 0;
        }

        boolean ok() {
            return ok.get();
        }
    }

    private Result background(String name, java.util.function.BooleanSupplier body) {
        Result r = new Result();
        ts.go(name, () -> {
            r.ok.set(body.getAsBoolean());
            r.done.countDown();
        });
        return r;
    }
}
