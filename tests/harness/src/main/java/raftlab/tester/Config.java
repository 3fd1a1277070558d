package raftlab.tester;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.opentest4j.AssertionFailedError;
import raftlab.labrpc.net.Network;
import raftlab.labrpc.net.RpcObserver;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;

/**
 * One test's world (MIT's {@code tester1/config.go}): a fresh network, the server groups, the clients, the
 * annotation timeline and the report lines. Get one from {@link TesterExtension#makeConfig}; the extension cleans
 * it up after the test, checks for leaked threads and prints the report line.
 *
 * <pre>{@code
 * Config cfg = tester.makeConfig(3, true, startFunction);   // group 0 with 3 servers, started and connected
 * cfg.begin("Test (3A): initial election");                 // prints "... (reliable network)..."
 * cfg.group(0).disconnectAll(1);
 * if (bad) cfg.fatalf("expected one leader, got none");    // fails the test, naming the seed
 * }</pre>
 *
 * <p>Randomness: the network draws from the test's seeded source; the harness ({@link #random()}) from a source
 * forked from it, so that harness draws do not shift the network's sequence. Both are fixed by
 * {@code -Dlab.seed=N}.
 */
public final class Config {

    /** The id of the first group, the one {@code makeConfig} creates. */
    public static final int GRP0 = 0;

    private final TestRun run;
    private final Network net;
    private final LabRandom random;
    private final Timeline timeline = new Timeline();
    private volatile long networkChangedMillis;   // Sim.millis() of the last change of reliability or reordering
    private final Map<Integer, ServerGroup> groups = new TreeMap<>();
    private final Clients clients;
    private final AtomicInteger ops = new AtomicInteger();
    private volatile boolean cleanedUp;

    private String title;
    private long beginNanos;
    private long beginRpcs;
    private long beginBytes;
    private ReferenceStats.Measure lastMeasure;

    Config(TestRun run, int n, boolean reliable, ServerStart start) {
        this(run, n, reliable, start, null);
    }

    Config(TestRun run, int n, boolean reliable, ServerStart start, RpcObserver observer) {
        this.run = run;
        this.net = new Network(run.random);
        net.setObserver(observer);
        this.random = run.random.fork();
        this.clients = new Clients(net, this);
        run.register(this);
        timeline.annotateTest(run.name, n);
        makeGroupStart(GRP0, n, start);
        net.setReliable(reliable);
    }

    /**
     * {@return a config outside the JUnit extension, for the harness's own tests: seeded from {@code -Dlab.seed}
     * or freshly; the caller must call {@link #cleanup()}}
     */
    public static Config standalone(String name, int n, boolean reliable, ServerStart start) {
        return new Config(TestRun.standalone(name), n, reliable, start);
    }

    // ---- groups and clients -----------------------------------------------------------------------------------

    /** Creates group {@code gid} with {@code n} servers, starts them and connects them. */
    public ServerGroup makeGroupStart(int gid, int n, ServerStart start) {
        ServerGroup group = whileRunning("start group " + gid, () -> new ServerGroup(this, net, gid, n, start));
        synchronized (this) {
            if (cleanedUp) {
                throw new TestOver("start group " + gid);
            }
            if (groups.putIfAbsent(gid, group) != null) {
                throw new IllegalArgumentException("group " + gid + " exists already");
            }
        }
        group.startServers();
        return group;
    }

    /** {@return group {@code gid}} */
    public synchronized ServerGroup group(int gid) {
        ServerGroup group = groups.get(gid);
        if (group == null) {
            throw new IllegalArgumentException("no group " + gid + "; groups: " + groups.keySet());
        }
        return group;
    }

    /** Shuts group {@code gid} down and forgets it. */
    public void exitGroup(int gid) {
        ServerGroup group = group(gid);
        group.shutdown();
        synchronized (this) {
            groups.remove(gid);
        }
    }

    /** {@return the clients of this test} */
    public Clients clients() {
        return clients;
    }

    /** {@return a client that may reach every server} */
    public Client makeClient() {
        return clients.makeClient();
    }

    // ---- network ----------------------------------------------------------------------------------------------

    /** {@return the network} */
    public Network net() {
        return net;
    }

    /** Makes the network reliable or unreliable. */
    public void setReliable(boolean reliable) {
        if (reliable != net.isReliable()) {
            networkChangedMillis = Sim.millis();
        }
        net.setReliable(reliable);
    }

    /** {@return whether the network is reliable} */
    public boolean isReliable() {
        return net.isReliable();
    }

    /** Turns long reordering of replies on or off. */
    public void setLongReordering(boolean yes) {
        if (yes != net.isLongReordering()) {
            networkChangedMillis = Sim.millis();
        }
        net.setLongReordering(yes);
    }

    /**
     * {@return {@code Sim.millis()} since which the network has been reliable, without long reordering, and every
     * server of group 0 connected and running (raftlab's own term-rise warning reads it), or -1 if that is not so
     * now}
     */
    public long calmSinceMillis() {      // not synchronized: the monitor calls it holding its own lock
        long faultFree = timeline.calmSinceMillis();
        if (!net.isReliable() || net.isLongReordering() || faultFree < 0) {
            return -1;
        }
        return Math.max(faultFree, networkChangedMillis);
    }

    /** Turns long delays for calls to dead or disconnected servers on or off. */
    public void setLongDelays(boolean yes) {
        net.setLongDelays(yes);
    }

    /** {@return the number of RPCs that entered the network so far} */
    public long rpcTotal() {
        return net.totalCount();
    }

    /** {@return the number of bytes of requests and delivered replies so far} */
    public long bytesTotal() {
        return net.totalBytes();
    }

    /** Counts one client operation for the report line. */
    public void op() {
        ops.incrementAndGet();
    }

    // ---- randomness, time, failures ---------------------------------------------------------------------------

    /** {@return the harness's seeded random source} */
    public LabRandom random() {
        return random;
    }

    /** {@return the seed of this test} */
    public long seed() {
        return run.seed;
    }

    /** {@return {@code n} random URL-safe characters, from the harness's random source} */
    public String randstring(int n) {
        String s = Base64.getUrlEncoder().encodeToString(random.nextBytes(2 * n));
        return s.substring(0, n);
    }

    /** {@return the annotation timeline of this test} */
    public Timeline timeline() {
        return timeline;
    }

    /**
     * Fails the test: prints {@code Fatal: <msg>} and throws an assertion error whose message names the seed.
     * Called from another thread, it also records the failure and wakes the test thread, whose next checker call
     * fails with the same message. Never returns; the return type lets a caller write {@code throw cfg.fatalf(..)}.
     */
    public AssertionError fatalf(String format, Object... args) {
        String message = String.format(format, args);
        String meaning = Explanations.lineFor(message);
        System.out.println("Fatal: " + message + meaning);
        AssertionFailedError error = new AssertionFailedError(message + " (" + run.seedText() + ")" + meaning);
        timeline.checkerFailure("fatal", message);
        run.recordFailure(error);
        throw error;
    }

    /**
     * Records a failure found on a thread that must keep running (an applier must keep draining applyCh), and
     * wakes the test thread so that its next {@link #checkpoint()} fails the test with it.
     */
    public void recordFailure(String message) {
        String meaning = Explanations.lineFor(message);
        System.out.println("Fatal: " + message + meaning);
        run.recordFailure(new AssertionFailedError(message + " (" + run.seedText() + ")" + meaning));
    }

    /**
     * Throws if another thread recorded a failure or the 120-second limit has passed. Checkers call it in their
     * loops so that such a failure ends the test promptly.
     */
    public void checkpoint() {
        run.checkpoint();
    }

    /** Sleeps {@code millis} (cut short by a failure elsewhere), then {@link #checkpoint()}s. */
    public void sleep(long millis) {
        Sim.sleep(millis);
        checkpoint();
    }

    /** Fails the test if more than 120 seconds have passed since it started. */
    public void checkTimeout() {
        if (run.timedOut() || run.elapsedSeconds() > TestRun.TIME_LIMIT_MILLIS / 1000.0) {
            run.markTimedOut();
            throw new AssertionFailedError(run.timeoutMessage());
        }
    }

    // ---- report lines -----------------------------------------------------------------------------------------

    /** Prints {@code <description> (reliable network)...} and starts the measurement for the report line. */
    public void begin(String description) {
        String reliability = isReliable() ? "reliable" : "unreliable";
        System.out.println(description + " (" + reliability + " network)...");
        synchronized (this) {
            title = description;
            beginNanos = Sim.nanoTime();
            beginRpcs = rpcTotal();
            beginBytes = bytesTotal();
        }
        ops.set(0);
    }

    /** Checks the time limit and prints the {@code ... Passed} line for the phase since {@link #begin}. */
    public void end() {
        checkTimeout();
        String line = passedLine();
        synchronized (this) {
            title = null;
        }
        if (line != null) {
            System.out.println(line);
        }
    }

    /** {@return the report line for the phase since {@link #begin}, or null if {@code begin} was not called} */
    synchronized String passedLine() {
        if (title == null) {
            return null;
        }
        double seconds = (Sim.nanoTime() - beginNanos) / 1e9;
        int peers = groups.containsKey(GRP0) ? groups.get(GRP0).n() : 0;
        long rpcs = rpcTotal() - beginRpcs;
        long bytes = bytesTotal() - beginBytes;
        lastMeasure = new ReferenceStats.Measure(seconds, rpcs, bytes);
        return String.format("  ... Passed --  time %4.1fs #peers %d #RPCs %5d #bytes %5d #ops %4d",
                seconds, peers, rpcs, bytes, ops.get());
    }

    /** {@return what the last report line measured (time, RPCs, bytes), or null if none was made} */
    synchronized ReferenceStats.Measure lastMeasure() {
        return lastMeasure;
    }

    // ---- cleanup ----------------------------------------------------------------------------------------------

    /**
     * {@return what {@code action} returns; if it fails because cleanup has started meanwhile (the network refuses
     * new ends once cleaned up), a {@link TestOver} instead}
     */
    <T> T whileRunning(String what, java.util.function.Supplier<T> action) {
        if (cleanedUp) {
            throw new TestOver(what);
        }
        try {
            return action.get();
        } catch (IllegalStateException e) {
            if (cleanedUp) {
                throw new TestOver(what);
            }
            throw e;
        }
    }

    /** {@return whether cleanup has started; loops in helper threads stop when it has} */
    public boolean isCleanedUp() {
        return cleanedUp;
    }

    /**
     * Ends the test's world: deletes client ends, kills every service of every group, shuts the network down and
     * closes the timeline. Idempotent.
     */
    public void cleanup() {
        synchronized (this) {
            if (cleanedUp) {
                return;
            }
            cleanedUp = true;
        }
        clients.cleanup();
        for (ServerGroup group : groupsSnapshot()) {
            group.killAll();
        }
        net.cleanup();
        timeline.finish(run.failure() == null ? "test passed" : "test failed");
    }

    private synchronized java.util.List<ServerGroup> groupsSnapshot() {
        return java.util.List.copyOf(groups.values());
    }
}
