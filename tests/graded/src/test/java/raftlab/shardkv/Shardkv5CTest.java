package raftlab.shardkv;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import raftlab.tester.shardkv.ShardKvTest.Ctrler;
import raftlab.tester.shardkv.ShardKvTest.KeysValues;
import raftlab.tester.shardkv.ShardKvTest.TestClerk;

/**
 * Part 5C: concurrent configuration changes (MIT's {@code shardkv_test.go}, final 2025 version, commit 28e251b).
 * Titles, constants and failure messages are MIT's, including names left over from the leased-controller variant
 * ({@code MakeTestLeases} = partition mode, "controllers with leased leadership").
 */
@Tag("5C")
@Timeout(value = 130, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Shardkv5CTest {

    private static final boolean RELIABLE = true;
    private static final boolean UNRELIABLE = false;
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

    // Test concurrent ctrlers fighting for leadership reliable
    @Test
    @DisplayName("Test (5C): Concurrent ctrlers ...")
    void testConcurrentReliable5C() {
        ts = ShardKvTest.makeLeases(tester, "Test (5C): Concurrent ctrlers ...", RELIABLE);
        ts.setupKVService();
        TestClerk ck = ts.makeClerk();
        KeysValues kv = ts.spreadPuts(ck, NKEYS);
        ts.concurCtrler(ck, kv.keys(), kv.values());
    }

    // Test concurrent ctrlers fighting for leadership unreliable
    @Test
    @DisplayName("Test (5C): Concurrent ctrlers ...")
    void testAcquireLockConcurrentUnreliable5C() {
        ts = ShardKvTest.makeLeases(tester, "Test (5C): Concurrent ctrlers ...", UNRELIABLE);
        ts.setupKVService();
        TestClerk ck = ts.makeClerk();
        KeysValues kv = ts.spreadPuts(ck, NKEYS);
        ts.concurCtrler(ck, kv.keys(), kv.values());
    }

    // Test that a partitioned controller in a join is superseded, and that it doesn't finish ChangeConfigTo when
    // reconnected.
    @Test
    @DisplayName("Test (5C): partition controller in join...")
    void testPartitionControllerJoin5C() {
        final long nsec = 1;

        ts = ShardKvTest.makeLeases(tester, "Test (5C): partition controller in join...", RELIABLE);
        ts.setupKVService();
        TestClerk ck = ts.makeClerk();
        KeysValues kv = ts.spreadPuts(ck, NKEYS);

        Ctrler c = ts.makeShardCtrlerClnt();
        ShardCtrler sck = c.sck();
        sck.initController();

        CountDownLatch ch = new CountDownLatch(1);
        int ngid = ts.newGid();   // Go assigns it inside the goroutine; it is the same next gid
        ts.go("join-with-group-down", () -> {
            ts.makeGroupStart(ngid);
            ts.shutdownGroup(ngid);
            ts.join(sck, ngid, ts.group(ngid).serverNames());
            ch.countDown();
        });

        // sleep for a while to get the chance for the controller to get stuck in join, because gid is down
        ts.sleep(1000);

        // partition sck
        ts.annotate("partition controller");
        c.clnt().disconnectAll();

        ts.sleep(nsec * 1000);

        ts.startGroup(ngid);

        // start new controller to supersede partitioned one,
        ShardCtrler sck0 = ts.makeShardCtrler();
        sck0.initController();
        ShardConfig scfg = ts.query(sck0);
        if (!scfg.isMember(ngid)) {
            throw ts.fatalf("Didn't recover gid %d", ngid);
        }

        // reconnect old controller, which shouldn't finish ChangeConfigTo
        ts.annotate("reconnect old controller");
        c.clnt().connectAll();

        // wait for old controller to finish/exit (no time limit, as in Go: the watchdog ends a hang)
        while (!Sim.await(ch, 100)) {
            ts.config().checkpoint();
        }

        ts.sleep(1000);
        ts.checkGets(ck, kv.keys(), kv.values());
    }

    // Make a leader controller lose its leadership during join/leave and test if the next controller recovers
    // correctly.
    private void partitionRecovery5C(boolean reliable, int npart, int nclnt) {
        final long nsec = 60;

        ts = ShardKvTest.makeLeases(tester, "Test (5C): controllers with leased leadership ...", reliable);
        int gid = ts.setupKVService();
        TestClerk ck = ts.makeClerk();

        List<String> keys = List.of();
        List<String> values = List.of();
        if (nclnt == 0) {   // if no clients
            KeysValues kv = ts.spreadPuts(ck, NKEYS);
            keys = kv.keys();
            values = kv.values();
        }

        CountDownLatch ch = new CountDownLatch(1);
        if (nclnt > 0) {
            List<String> ka = List.of("k0");
            ts.go("spawn-clients", () -> {
                ts.spawnClientsAndWait(nclnt, nsec * 1000, ka);
                ch.countDown();
            });
        }

        for (int i = 0; i < npart; i++) {
            ts.partitionCtrler(ck, gid, keys, values);
        }

        if (nclnt > 0) {
            while (!Sim.await(ch, 100)) {
                ts.config().checkpoint();
            }
            ts.config().timeline().setFinalized();
            ts.checkPorcupine();
        }
    }

    @Test
    @DisplayName("Test (5C): controllers with leased leadership ...")
    void testPartitionRecoveryReliableNoClerk5C() {
        final int npartition = 5;
        partitionRecovery5C(RELIABLE, npartition, 0);
    }

    @Test
    @DisplayName("Test (5C): controllers with leased leadership ...")
    void testPartitionRecoveryUnreliableNoClerk5C() {
        final int npartition = 3;
        partitionRecovery5C(UNRELIABLE, npartition, 0);
    }

    @Test
    @DisplayName("Test (5C): controllers with leased leadership ...")
    void testPartitionRecoveryReliableClerks5C() {
        final int npartition = 5;
        partitionRecovery5C(RELIABLE, npartition, 5);
    }

    @Test
    @DisplayName("Test (5C): controllers with leased leadership ...")
    void testPartitionRecoveryUnreliableClerks5C() {
        final int npartition = 3;
        partitionRecovery5C(UNRELIABLE, npartition, 5);
    }
}
