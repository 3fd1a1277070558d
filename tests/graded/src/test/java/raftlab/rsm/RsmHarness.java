package raftlab.rsm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;
import raftlab.labrpc.sim.Sim;
import raftlab.raft.Raft;
import raftlab.tester.Config;
import raftlab.tester.ServerGroup;
import raftlab.tester.TestService;
import raftlab.tester.TesterExtension;

/**
 * The RSM tests' harness (MIT's {@code rsm/test.go}): three servers, each an {@link RsmTestServer} counter over the
 * student's {@link Rsm}, on a reliable network without long delays, and the helpers the tests are written in.
 *
 * <p>A server's only killable service is its Raft peer: shutting a server down kills Raft, and the RSM must notice
 * through the closed {@code applyCh}.
 */
final class RsmHarness {

    static final int NSRV = 3;
    /** How long {@link #onePartition} keeps trying, in seconds. */
    static final int NSEC = 10;

    private final Config config;
    private final ServerGroup g;
    private final RsmTestServer[] srvs = new RsmTestServer[NSRV];   // guarded by this
    private final List<Thread> background = new ArrayList<>();       // guarded by this
    private int leader;                                              // guarded by this: the last server that said OK

    private RsmHarness(TesterExtension tester, int maxraftstate) {
        this.config = tester.makeConfig(NSRV, true, (ends, gid, me, persister) ->
                startServer(ends, me, persister, maxraftstate));
        this.g = config.group(Config.GRP0);
    }

    /** {@return a harness with three started, connected servers; {@code maxraftstate} -1 means no snapshots} */
    static RsmHarness make(TesterExtension tester, int maxraftstate) {
        return new RsmHarness(tester, maxraftstate);
    }

    private List<TestService> startServer(List<ClientEnd> ends, int me, Persister persister, int maxraftstate) {
        RsmTestServer server = new RsmTestServer(this, ends, me, persister, maxraftstate);
        synchronized (this) {
            srvs[me] = server;
        }
        Raft raft = server.rsm().raft();
        return List.of(TestService.exportedIfAny("Raft", raft, raft::kill));
    }

    // ---- the tester's world -----------------------------------------------------------------------------------

    void begin(String title) {
        config.begin(title);
    }

    ServerGroup group() {
        return g;
    }

    void sleep(long millis) {
        config.sleep(millis);
    }

    AssertionError fatalf(String format, Object... args) {
        return config.fatalf(format, args);
    }

    synchronized RsmTestServer server(int i) {
        return srvs[i];
    }

    /** Runs {@code body} on a tracked thread that {@link #stopBackground()} interrupts at the end of the test. */
    synchronized Thread go(String name, Runnable body) {
        Thread t = Sim.go(name, body);
        background.add(t);
        return t;
    }

    /** Interrupts the test's own threads still running: called after each test, before the leak check. */
    void stopBackground() {
        List<Thread> threads;
        synchronized (this) {
            threads = List.copyOf(background);
        }
        threads.forEach(Thread::interrupt);
    }

    /** Waits up to {@code millis} for {@code latch}; true if it opened. */
    boolean await(CountDownLatch latch, long millis) {
        boolean opened = Sim.await(latch, millis);
        config.checkpoint();
        return opened;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /**
     * Submits {@code req} to the servers in {@code p} (null: all) that are connected and running, starting with the
     * last known leader, until one answers OK; after a full round, sleeps 50 ms. Gives up after {@link #NSEC}
     * seconds and returns null.
     */
    RsmTestServer.Reply onePartition(int[] p, RsmTestServer.Request req) {
        long t0 = Sim.millis();
        while (Sim.millis() - t0 < NSEC * 1000L) {
            int index;
            synchronized (this) {
                index = leader;
            }
            for (int k = 0; k < NSRV; k++) {
                if (g.isConnected(index) && g.isRunning(index) && (p == null || contains(p, index))) {
                    SubmitResult<RsmTestServer.Reply> r = server(index).rsm().submit(req);
                    if (r instanceof SubmitResult.Applied(var result)) {
                        synchronized (this) {
                            leader = index;
                        }
                        return result;
                    }
                }
                index = (index + 1) % NSRV;
            }
            sleep(50);
        }
        return null;
    }

    /** {@return the reply of one committed Inc; fails the test if no server commits one within 10 s} */
    RsmTestServer.IncRep oneInc() {
        Object rep = onePartition(null, new RsmTestServer.Inc());
        if (rep == null) {
            throw fatalf("oneInc: no server committed an Inc within %d seconds", NSEC);
        }
        return (RsmTestServer.IncRep) rep;
    }

    /** Submits one Null; returns its reply, or null after 10 s without a leader (as after a shutdown). */
    Object oneNull() {
        return onePartition(null, new RsmTestServer.Null());
    }

    /**
     * Waits, with back-off from 10 ms doubling to 1.28 s over 30 rounds (about 30 s), until at least {@code nsrv}
     * servers have counter {@code v}.
     */
    void checkCounter(int v, int nsrv) {
        long to = 10;
        int n = 0;
        for (int iters = 0; iters < 30; iters++) {
            n = countValue(v);
            if (n >= nsrv) {
                return;
            }
            sleep(to);
            if (to < 1000) {
                to *= 2;
            }
        }
        throw fatalf("checkCounter: only %d srvs have %d instead of %d", n, v, nsrv);
    }

    private int countValue(int v) {
        int n = 0;
        for (int i = 0; i < NSRV; i++) {
            RsmTestServer s = server(i);
            if (s != null && s.counter() == v) {
                n++;
            }
        }
        return n;
    }

    /** Disconnects the last server that committed an operation. */
    void disconnectLeader() {
        int l;
        synchronized (this) {
            l = leader;
        }
        g.disconnectAll(l);
    }

    /** {@return the running server whose Raft says it is leader, or -1} */
    int leader() {
        for (int i = 0; i < NSRV; i++) {
            if (g.isRunning(i) && server(i).rsm().raft().getState().isLeader()) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(int[] p, int i) {
        return IntStream.of(p).anyMatch(x -> x == i);
    }
}
