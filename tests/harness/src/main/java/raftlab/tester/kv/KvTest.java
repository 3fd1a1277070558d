package raftlab.tester.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import raftlab.kvraft.KVServer;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;
import raftlab.labrpc.sim.Sim;
import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvOutput.GetResult;
import raftlab.raft.Raft;
import raftlab.tester.Config;
import raftlab.tester.ServerGroup;
import raftlab.tester.TestService;
import raftlab.tester.TestThreads;
import raftlab.tester.TesterExtension;

/**
 * One KV test (MIT's {@code kvraft1/test.go} on top of {@code kvtest1}): a group of {@link KVServer}s, test clerks
 * whose operations are recorded in a {@link KvHistory} (through {@link KvClients}, the helpers Labs 2, 4 and 5
 * share), and the helpers and generic bodies the KV tests are written in. {@link #make} prints the test's title
 * at once, as MIT's {@code MakeTest} does.
 *
 * <p>Threads the harness starts for a test (clients, the partitioner) are tracked; the test class calls
 * {@link #stopBackground()} after each test so that none outlives it.
 */
public final class KvTest {

    /** MIT's {@code ElectionTimeout}. */
    public static final long ELECTION_TIMEOUT = 1000;

    private final Config config;
    private final ServerGroup g;
    private final TestThreads threads = new TestThreads();
    private final KvClients clients;
    private final String part;
    private final int nclients;
    private final int nservers;
    private final boolean crash;
    private final boolean partitions;
    private final int maxraftstate;
    private final boolean randomkeys;
    private final KVServer[] servers;                             // guarded by this

    private KvTest(TesterExtension tester, String part, int nclients, int nservers, boolean reliable, boolean crash,
                   boolean partitions, int maxraftstate, boolean randomkeys) {
        this.part = part;
        this.nclients = nclients;
        this.nservers = nservers;
        this.crash = crash;
        this.partitions = partitions;
        this.maxraftstate = maxraftstate;
        this.randomkeys = randomkeys;
        this.servers = new KVServer[nservers];
        this.config = tester.makeConfig(nservers, reliable, this::startKVServer);
        this.g = config.group(Config.GRP0);
        this.clients = new KvClients(config, threads);
    }

    /**
     * {@return a KV test with {@code nservers} started servers, whose title it prints at once}
     *
     * @param part         e.g. {@code "4B basic"}, the last part of the title
     * @param nclients     clients that {@link #genericTest} spawns
     * @param maxraftstate passed to every server; -1 means no snapshots
     * @param randomkeys   whether {@link #genericTest}'s clients pick among 100 keys instead of one
     */
    public static KvTest make(TesterExtension tester, String part, int nclients, int nservers, boolean reliable,
                              boolean crash, boolean partitions, int maxraftstate, boolean randomkeys) {
        KvTest ts = new KvTest(tester, part, nclients, nservers, reliable, crash, partitions, maxraftstate,
                randomkeys);
        ts.begin(ts.title());
        return ts;
    }

    /** {@return MIT's title: "Test: " + restarts, partitions, snapshots, random keys, + one client/many clients} */
    String title() {
        return "Test: "
                + (crash ? "restarts, " : "")
                + (partitions ? "partitions, " : "")
                + (maxraftstate != -1 ? "snapshots, " : "")
                + (randomkeys ? "random keys, " : "")
                + (nclients > 1 ? "many clients" : "one client")
                + " (" + part + ")";
    }

    private List<TestService> startKVServer(List<ClientEnd> ends, int gid, int me, Persister persister) {
        KVServer kv = KVServer.start(ends, gid, me, persister, maxraftstate);
        synchronized (this) {
            servers[me] = kv;
        }
        Raft raft = kv.raft();
        return List.of(TestService.exported("KVServer", kv, kv::kill),
                TestService.exportedIfAny("Raft", raft, raft::kill));
    }

    // ---- the tester's world -----------------------------------------------------------------------------------

    /** Prints {@code <title> (reliable network)...} and starts a report phase. */
    public void begin(String title) {
        config.begin(title);
    }

    /** Prints the {@code ... Passed} line of the phase. */
    public void end() {
        config.end();
    }

    /** {@return the server group} */
    public ServerGroup group() {
        return g;
    }

    /** {@return the config} */
    public Config config() {
        return config;
    }

    /** Sleeps, cut short if another thread fails the test. */
    public void sleep(long millis) {
        config.sleep(millis);
    }

    /** Fails the test with MIT's message; {@code throw ts.fatalf(...)}. */
    public AssertionError fatalf(String format, Object... args) {
        return config.fatalf(format, args);
    }

    /** {@return whether the network is reliable} */
    public boolean isReliable() {
        return config.isReliable();
    }

    /** {@return the index of a running server whose Raft says it is leader, or -1} */
    public int leader() {
        for (int i = 0; i < nservers; i++) {
            KVServer kv;
            synchronized (this) {
                kv = servers[i];
            }
            if (g.isRunning(i) && kv.raft().getState().isLeader()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Runs {@code body} on a tracked thread. An interruption by {@link #stopBackground()} (a clerk then throws
     * {@link java.util.concurrent.CancellationException}) ends it quietly.
     */
    public Thread go(String name, Runnable body) {
        return threads.go(name, body);
    }

    /** Interrupts the test's threads still running; the test class calls it after each test. */
    public void stopBackground() {
        threads.stopAll();
    }

    // ---- clerks and recorded operations (shared with Labs 2 and 5: KvClients) ----------------------------------

    /** {@return a clerk that can reach every server} */
    public KvClerk makeClerk() {
        boolean[] all = new boolean[nservers];
        java.util.Arrays.fill(all, true);
        return KvClerk.make(config, g.serverNames(), all);
    }

    /** {@return a clerk that knows every server but can reach only {@code to}} */
    public KvClerk makeClerkTo(int... to) {
        boolean[] allowed = new boolean[nservers];
        IntStream.of(to).forEach(i -> allowed[i] = true);
        return KvClerk.make(config, g.serverNames(), allowed);
    }

    /** Deletes a clerk's ends. */
    public void deleteClerk(KvClerk ck) {
        ck.delete();
    }

    /** A recorded Get by client {@code cli}. */
    public GetResult get(KvClerk ck, String key, int cli) {
        return clients.get(ck, key, cli);
    }

    /** A recorded Put by client {@code cli}. */
    public Err put(KvClerk ck, String key, String value, long version, int cli) {
        return clients.put(ck, key, value, version, cli);
    }

    /** Fails the test unless a recorded Get of {@code key} returns OK with exactly {@code value} and {@code version}. */
    public void checkGet(KvClerk ck, String key, String value, long version) {
        clients.checkGet(ck, key, value, version);
    }

    /**
     * Puts until one attempt returns OK, bumping the version after each ErrMaybe or ErrVersion; returns the version
     * the key has after the successful Put.
     */
    public long putAtLeastOnce(KvClerk ck, String key, String value, long ver, int me) {
        return clients.putAtLeastOnce(ck, key, value, ver, me);
    }

    /** MIT's {@code OneClientPut}: {@link KvClients#onePut} on {@code keys[0]} (or a random key) until done. */
    public ClientResult oneClientPut(int cli, KvClerk ck, List<String> keys, CountDownLatch done) {
        return clients.oneClientPut(cli, ck, keys, done, randomkeys);
    }

    /**
     * Runs {@code n} clients, each on a new clerk, for {@code millis}, then tells them to stop and collects their
     * results. A client notices the signal between operations.
     */
    public List<ClientResult> spawnClientsAndWait(int n, long millis, KvClients.ClientBody<KvClerk> body) {
        return clients.spawnClientsAndWait(n, millis, this::makeClerk, this::deleteClerk, body);
    }

    /**
     * Reads the key's version through a JSON Get and checks it against the clients' Put counts, added into
     * {@code res}: equal to the OKs if {@code reliable}, else at most OKs plus Maybes.
     */
    public ClientResult checkPutConcurrent(KvClerk ck, String key, List<ClientResult> rs, ClientResult res,
                                           boolean reliable) {
        return clients.checkPutConcurrent(ck, key, rs, res, reliable);
    }

    /** {@return {@code "k0"} … {@code "k(n-1)"}} */
    public static List<String> makeKeys(int n) {
        return KvClients.makeKeys(n);
    }

    /** Checks the whole history so far for linearizability; see {@link KvHistory#check()}. */
    public void checkLinearizable() {
        clients.checkLinearizable();
    }

    // ---- the partitioner --------------------------------------------------------------------------------------

    /** A running partitioner; {@link #stop()} ends it and waits for it. */
    public final class Partitioner {
        private final CountDownLatch stop = new CountDownLatch(1);
        private final Thread thread;

        private Partitioner() {
            thread = go("partitioner", this::run);
        }

        /** Until stopped: put every server on a random side, partition, sleep 1 s plus up to 200 ms. */
        private void run() {
            while (stop.getCount() > 0) {
                List<Integer> side0 = new ArrayList<>();
                List<Integer> side1 = new ArrayList<>();
                for (int i = 0; i < nservers; i++) {
                    (config.random().nextInt(2) == 0 ? side0 : side1).add(i);
                }
                g.partition(side0.stream().mapToInt(Integer::intValue).toArray(),
                        side1.stream().mapToInt(Integer::intValue).toArray());
                Sim.await(stop, ELECTION_TIMEOUT + config.random().nextInt(200));
            }
        }

        /** Stops the partitioner and waits for it to finish its current step. */
        public void stop() {
            stop.countDown();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            config.checkpoint();
        }
    }

    /** {@return a partitioner, started} */
    public Partitioner startPartitioner() {
        return new Partitioner();
    }

    // ---- the generic bodies -----------------------------------------------------------------------------------

    /**
     * MIT's {@code GenericTest}: three iterations of one second of clients (each doing {@link KvClients#onePut} on one key or
     * on random keys), with the partitioner running if partitions are on; after each, the Put count check (one key
     * only), the linearizability check of everything so far, healing, a crash and restart of every server if crashes
     * are on, and the log-size (snapshots on) or snapshot-size (snapshots off) check.
     */
    public void genericTest() {
        final int niter = 3;
        final long t = 1000;
        final int nkeys = 100;

        KvClerk ck = makeClerk();
        List<String> keys = randomkeys ? makeKeys(nkeys) : List.of("k");
        AtomicReference<ClientResult> res = new AtomicReference<>(ClientResult.ZERO);
        for (int i = 0; i < niter; i++) {
            CountDownLatch spawnDone = new CountDownLatch(1);
            go("spawn", () -> {
                List<ClientResult> rs = spawnClientsAndWait(nclients, t,
                        (cli, cl, done) -> oneClientPut(cli, cl, keys, done));
                if (!randomkeys) {
                    res.set(checkPutConcurrent(ck, keys.get(0), rs, res.get(),
                            isReliable() && !crash && !partitions));
                }
                spawnDone.countDown();
            });

            Partitioner partitioner = null;
            if (partitions) {
                // allow the clients to perform some operations without interruption
                sleep(1000);
                partitioner = startPartitioner();
            }
            try {
                while (!Sim.await(spawnDone, 100)) {
                    config.checkpoint();
                }
                config.checkpoint();

                if (i == niter - 1) {
                    config.timeline().setFinalized();
                }
                checkLinearizable();
            } finally {
                if (partitioner != null) {
                    partitioner.stop();
                }
            }

            if (partitions) {
                // Reconnect the network. A client may have submitted a request in a minority; it won't return until
                // that server discovers a new term has started.
                g.connectAll();
                sleep(ELECTION_TIMEOUT);
            }

            if (crash) {
                for (int s = 0; s < nservers; s++) {
                    g.shutdownServer(s);
                }
                // wait a while for the servers to shut down, since shutdown isn't a real crash
                sleep(ELECTION_TIMEOUT);
                for (int s = 0; s < nservers; s++) {
                    g.startServer(s);
                }
                g.connectAll();
            }

            if (maxraftstate > 0) {
                // check the maximum after the servers have processed all client requests and had time to snapshot
                int sz = g.logSize();
                if (sz > 8 * maxraftstate) {
                    throw fatalf("logs were not trimmed (%d > 8*%d)", sz, maxraftstate);
                }
            }
            if (maxraftstate < 0) {
                int ssz = g.snapshotSize();
                if (ssz > 0) {
                    throw fatalf("snapshot too large (%d), should not be used when maxraftstate = %d", ssz,
                            maxraftstate);
                }
            }
        }
    }

    /**
     * MIT's {@code GenericTestSpeed}: after a first Get (which waits for a leader), 1000 sequential Puts to one key
     * must each return OK and leave the key at version 1000, within 33.3 ms per operation (a 100 ms heartbeat
     * interval, three operations per interval). These calls are not recorded. Prints the measured time per
     * operation.
     */
    public void genericTestSpeed() {
        final int numOps = 1000;
        KvClerk clerk = makeClerk();   // calls through the adapter: neither recorded nor counted

        // wait until the first op completes, so we know a leader is elected and the servers are ready
        clerk.get("x");

        long start = Sim.nanoTime();
        for (int i = 0; i < numOps; i++) {
            Err err = clerk.put("k", Integer.toString(i), i);
            if (err != Err.OK) {
                throw fatalf("Put err %s", err);
            }
        }
        long dur = Sim.nanoTime() - start;

        GetResult r = clerk.get("k");
        if (r.err() != Err.OK) {
            throw fatalf("Get err %s", r.err());
        }
        if (r.version() != numOps) {
            throw fatalf("Get too few ops %d", r.version());
        }

        final double heartbeatIntervalMs = 100;
        final int opsPerInterval = 3;
        double timePerOpMs = heartbeatIntervalMs / opsPerInterval;
        double perOpMs = dur / 1e6 / numOps;
        System.out.printf("info: %d puts in %.1f s: %.3f ms/op%n", numOps, dur / 1e9, perOpMs);
        if (perOpMs > timePerOpMs) {
            throw fatalf("Operations completed too slowly %.3fms/op > %.3fms/op", perOpMs, timePerOpMs);
        }
    }
}
