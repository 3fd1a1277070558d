package raftlab.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;
import raftlab.labrpc.sim.Sim;
import raftlab.tester.Config;
import raftlab.tester.ServerGroup;
import raftlab.tester.TestService;
import raftlab.tester.TesterExtension;
import raftlab.tester.Timeline;
import raftlab.tester.monitor.RaftMonitor;

/**
 * The Raft tests' harness (MIT's {@code raft1/test.go}): a group of Raft peers, each under a
 * {@link RaftTestServer}, and the checkers the tests are written in: {@link #checkOneLeader()},
 * {@link #checkTerms()}, {@link #checkNoLeader()}, {@link #nCommitted(int)}, {@link #checkNoAgreement(int)},
 * {@link #one(Object, int, boolean)} and {@link #wait(int, int, int)}. A failed check fails the test with MIT's
 * message and the seed. Every Raft test runs with long delays on, so a call to a dead peer takes up to 7 s to fail.
 */
final class RaftHarness {

    /** The tester generously allows solutions to complete elections in one second (the paper's are much faster). */
    static final long RAFT_ELECTION_TIMEOUT = 1000;
    /** The snapshotting applier hands Raft a snapshot every this many entries. */
    static final int SNAPSHOT_INTERVAL = 10;

    /** What {@link #nCommitted} found: how many servers applied the index, and the command they agree on. */
    record Committed(int count, Object command) {}

    /** What {@link #checkLogs} found: an error or null, and whether the server had applied the previous index. */
    record LogCheck(String error, boolean prevOk) {}

    /** The invariant monitor (raftlab's own) is on unless {@code -Dlab.monitor=off} (to measure its cost). */
    static final boolean MONITOR_ON = !"off".equals(System.getProperty("lab.monitor"));

    final int n;
    private final boolean snapshot;
    private final RaftMonitor monitor;       // null with the monitor off
    private final RaftTestServer[] srvs;     // guarded by this
    private int maxIndex;                    // guarded by this
    private final Config config;
    private final ServerGroup g;
    private final Map<String, int[]> links = new ConcurrentHashMap<>();   // end name -> {from, to}, every incarnation
    private volatile boolean wired;          // a directed test's Wire decides what is lost: never "no failures"

    private RaftHarness(TesterExtension tester, int n, boolean reliable, boolean snapshot) {
        this.n = n;
        this.snapshot = snapshot;
        this.srvs = new RaftTestServer[n];
        long epoch = Sim.millis();
        this.monitor = MONITOR_ON ? new RaftMonitor(n, () -> Sim.millis() - epoch, this::monitorFailure) : null;
        this.config = tester.makeConfig(n, reliable, this::startServer, monitor == null ? null : monitor::delivered);
        this.config.setLongDelays(true);
        this.g = config.group(Config.GRP0);
        if (monitor != null) {
            Config c = config;
            monitor.watchTermRises(() -> {
                long calm = c.calmSinceMillis();
                return calm < 0 || wired ? -1 : calm - epoch;
            }, this::termWarning);
        }
        if (monitor != null && monitor.violation() != null) {
            monitorFailure(monitor.violation());   // found while the servers started, before config was set
        }
    }

    /**
     * {@return a harness with {@code n} Raft peers, started and connected, on a reliable or unreliable network; with
     * {@code snapshot} the appliers snapshot every 10 entries (3D)}
     */
    static RaftHarness make(TesterExtension tester, int n, boolean reliable, boolean snapshot) {
        return new RaftHarness(tester, n, reliable, snapshot);
    }

    private List<TestService> startServer(List<ClientEnd> ends, int gid, int me, Persister persister) {
        RaftMonitor.Peer watch = null;
        if (monitor != null) {
            int restored = snapshot ? SnapshotIndex.of(persister.readSnapshot()) : 0;
            watch = monitor.incarnation(me, ServerGroup.serverName(gid, me),
                    ends.stream().map(ClientEnd::name).toList(), Math.max(restored, 0), persister.raftStateSize());
            persister.setObserver(new SnapshotIndex(watch)::saved);
        }
        for (int j = 0; j < ends.size(); j++) {
            links.put(ends.get(j).name(), new int[] {me, j});
        }
        RaftTestServer server = new RaftTestServer(this, me, ends, persister, snapshot, watch);
        synchronized (this) {
            srvs[me] = server;
        }
        Raft raft = server.exported();
        return List.of(server, TestService.exportedIfAny("Raft", raft, raft::kill));
    }

    /** The monitor found a broken rule: fail the test with it (on whatever thread saw it). */
    private void monitorFailure(String message) {
        Config c = config;
        if (c != null) {
            c.timeline().checkerFailure("Raft safety rule broken", message);
            c.recordFailure(message);
        }
    }

    /**
     * The monitor saw the term rise with no failures (raftlab's own liveness warning): print it and put it on the
     * timeline, but do not fail; ./lab test and ./lab grade pass {@code warning:} lines on.
     */
    private void termWarning(String message) {
        Config c = config;
        if (c != null && !c.isCleanedUp()) {
            System.out.println(message);
            c.timeline().info("term changed with no failures", message);
        }
    }

    // ---- the tester's world -----------------------------------------------------------------------------------

    /** Prints the test's first line, {@code <title> (reliable network)...}. */
    void begin(String title) {
        config.begin(title);
    }

    /** {@return the server group} */
    ServerGroup group() {
        return g;
    }

    /**
     * {@return a new {@link Wire} installed on this test's network, for raftlab's directed tests: from now on it
     * decides which Raft messages are lost or held}
     */
    Wire wire() {
        Wire wire = new Wire(links::get);
        wired = true;
        config.net().setInterceptor(wire);
        return wire;
    }

    /** {@return the config} */
    Config config() {
        return config;
    }

    Timeline timeline() {
        return config.timeline();
    }

    /** {@return peer {@code i}'s Raft, or null if it is shut down} */
    Raft raft(int i) {
        return server(i).raft();
    }

    private synchronized RaftTestServer server(int i) {
        return srvs[i];
    }

    /** Starts a new incarnation of server {@code i} from its persisted state, then connects every server. */
    void restart(int i) {
        g.startServer(i);
        g.connectAll();
    }

    /** {@return a non-negative random int from the test's seeded source, for commands and choices} */
    int rand() {
        return config.random().nextInt(Integer.MAX_VALUE);
    }

    /** {@return a random int in {@code [0, bound)}} */
    int rand(int bound) {
        return config.random().nextInt(bound);
    }

    /** Sleeps (cut short if another thread fails the test). */
    void sleep(long millis) {
        config.sleep(millis);
    }

    /** Waits for helper threads to end; fails at once if one of them (or anything else) failed the test. */
    void join(List<Thread> threads) {
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    config.checkpoint();     // woken by a failure elsewhere: report it
                }
            }
        }
        config.checkpoint();
    }

    /** Fails the test with MIT's message and the seed. */
    AssertionError fatalf(String format, Object... args) {
        throw config.fatalf(format, args);
    }

    void recordFailure(String message) {
        config.recordFailure(message);
    }

    // ---- checkers ---------------------------------------------------------------------------------------------

    /**
     * Polls for a leader for about 5.5 s: ten rounds, each after a 450–549 ms sleep, asking every connected server.
     * Fails if some term has two leaders, or if no round finds one.
     *
     * @return the leader of the highest term that has one
     */
    int checkOneLeader() {
        timeline().checkerBegin("checking for a single leader");
        for (int iters = 0; iters < 10; iters++) {
            sleep(450 + rand(100));
            Map<Integer, List<Integer>> leaders = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                Raft rf = g.isConnected(i) ? raft(i) : null;
                if (rf != null) {
                    Raft.State state = rf.getState();
                    if (state.isLeader()) {
                        leaders.computeIfAbsent(state.term(), t -> new ArrayList<>()).add(i);
                    }
                }
            }
            int lastTermWithLeader = -1;
            for (Map.Entry<Integer, List<Integer>> e : leaders.entrySet()) {
                if (e.getValue().size() > 1) {
                    timeline().checkerFailure("multiple leaders",
                            "multiple leaders in term " + e.getKey() + " = " + e.getValue());
                    throw fatalf("term %d has %d (>1) leaders", e.getKey(), e.getValue().size());
                }
                lastTermWithLeader = Math.max(lastTermWithLeader, e.getKey());
            }
            if (!leaders.isEmpty()) {
                int leader = leaders.get(lastTermWithLeader).get(0);
                String details = "leader in term " + lastTermWithLeader + " = " + leader;
                timeline().checkerSuccess(details, details);
                return leader;
            }
        }
        timeline().checkerFailure("no leader", "unable to find a leader");
        throw fatalf("expected one leader, got none");
    }

    /** {@return the term all connected servers agree on; fails if they disagree} */
    int checkTerms() {
        timeline().checkerBegin("checking term agreement");
        int term = -1;
        for (int i = 0; i < n; i++) {
            Raft rf = g.isConnected(i) ? raft(i) : null;
            if (rf != null) {
                int xterm = rf.getState().term();
                if (term == -1) {
                    term = xterm;
                } else if (term != xterm) {
                    timeline().checkerFailure("term disagreed",
                            "node ids -> terms = { " + (i - 1) + " -> " + term + "; " + i + " -> " + xterm + " }");
                    throw fatalf("servers disagree on term");
                }
            }
        }
        timeline().checkerSuccess("term agreed", "term = " + term);
        return term;
    }

    /** Fails if any connected server thinks it is the leader. */
    void checkNoLeader() {
        timeline().checkerBegin("checking no unexpected leader among connected servers");
        for (int i = 0; i < n; i++) {
            Raft rf = g.isConnected(i) ? raft(i) : null;
            if (rf != null && rf.getState().isLeader()) {
                String details = "leader = " + i;
                timeline().checkerFailure("unexpected leader found", details);
                throw fatalf("%s", details);
            }
        }
        timeline().checkerSuccess("no unexpected leader", "no unexpected leader");
    }

    /** Fails if any server applied {@code index}. */
    void checkNoAgreement(int index) {
        timeline().checkerBegin("checking no unexpected agreement at index " + index);
        int count = nCommitted(index).count();
        if (count > 0) {
            timeline().checkerFailure("unexpected agreement at index " + index,
                    count + " server(s) commit incorrectly index");
            throw fatalf("%d committed but no majority", count);
        }
        timeline().checkerSuccess("no unexpected agreement at index " + index, "OK");
    }

    /**
     * {@return how many servers applied {@code index}, and what} Fails if two servers applied different commands
     * there, or if an applier recorded an error.
     */
    Committed nCommitted(int index) {
        config.checkpoint();
        synchronized (this) {
            int count = 0;
            Object cmd = null;
            for (RaftTestServer rs : srvs) {
                if (rs == null) {
                    continue;                // still being started
                }
                if (rs.applyErr() != null) {
                    timeline().checkerFailure("apply error", rs.applyErr());
                    throw fatalf("%s", rs.applyErr());
                }
                RaftTestServer.Applied applied = rs.applied(index);
                if (applied != null) {
                    if (count > 0 && !Objects.equals(cmd, applied.command())) {
                        String text = String.format("committed values at index %d do not match (%s != %s)",
                                index, cmd, applied.command());
                        timeline().checkerFailure("unmatched committed values", text);
                        throw fatalf("%s", text);
                    }
                    count++;
                    cmd = applied.command();
                }
            }
            return new Committed(count, cmd);
        }
    }

    /**
     * Does a complete agreement on {@code cmd}: offers it to the servers in turn until one accepts as leader, then
     * waits up to 2 s for at least {@code expectedServers} to apply it; gives up after about 10 s. With
     * {@code retry} it may submit the command again (a leader may fail right after {@code start}); without, it
     * offers it only once.
     *
     * @return the index the command was committed at
     */
    int one(Object cmd, int expectedServers, boolean retry) {
        String textcmd = String.valueOf(cmd);
        String shortcmd = textcmd.length() > 8 ? textcmd.substring(0, 8) : textcmd;
        timeline().checkerBegin("checking agreement of " + shortcmd + " by at least " + expectedServers
                + " servers " + (retry ? "with" : "without") + " retry");
        long t0 = Sim.millis();
        int starts = 0;
        while (Sim.millis() - t0 < 10_000 && !config.isCleanedUp()) {
            config.checkpoint();
            // try all the servers, maybe one is the leader.
            int index = -1;
            for (int k = 0; k < n; k++) {
                starts = (starts + 1) % n;
                Raft rf = g.isConnected(starts) ? raft(starts) : null;
                if (rf != null) {
                    Raft.StartResult r = rf.start(cmd);
                    if (r.isLeader()) {
                        index = r.index();
                        break;
                    }
                }
            }
            if (index != -1) {
                // somebody claimed to be the leader and to have submitted our command; wait a while for agreement.
                long t1 = Sim.millis();
                while (Sim.millis() - t1 < 2_000) {
                    Committed c = nCommitted(index);
                    if (c.count() > 0 && c.count() >= expectedServers && Objects.equals(c.command(), cmd)) {
                        timeline().checkerSuccess("agreement of " + shortcmd + " reached", "OK");
                        return index;
                    }
                    sleep(20);
                }
                if (!retry) {
                    timeline().checkerFailure("agreement of " + shortcmd + " failed",
                            "failed after submitting command");
                    throw fatalf("one(%s) failed to reach agreement", textcmd);
                }
            } else {
                sleep(50);
            }
        }
        if (!config.isCleanedUp()) {
            timeline().checkerFailure("agreement of " + shortcmd + " failed", "failed after 10-second timeout");
            throw fatalf("one(%s) failed to reach agreement", textcmd);
        }
        return -1;
    }

    /**
     * Waits, with doubling sleeps (10 ms up to 1.28 s, 30 rounds, about 30 s at most), until at least {@code n}
     * servers applied {@code index}. With {@code startTerm > -1}, gives up early and returns -1 as soon as some
     * server's term has moved past it: the leader that accepted the command may have lost it.
     *
     * @return the command at {@code index}, or -1 if the term moved on
     */
    Object wait(int index, int n, int startTerm) {
        long to = 10;
        for (int iters = 0; iters < 30; iters++) {
            if (nCommitted(index).count() >= n) {
                break;
            }
            sleep(to);
            if (to < 1000) {
                to *= 2;
            }
            if (startTerm > -1) {
                for (int i = 0; i < this.n; i++) {
                    Raft rf = raft(i);
                    if (rf != null && rf.getState().term() > startTerm) {
                        // someone has moved on; can no longer guarantee that we'll "win"
                        return -1;
                    }
                }
            }
        }
        Committed c = nCommitted(index);
        if (c.count() < n) {
            timeline().checkerFailure("less than " + n + " servers commit index " + index,
                    "only " + c.count() + " (< " + n + ") servers commit index " + index + " at term " + startTerm);
            throw fatalf("only %d decided for index %d; wanted %d", c.count(), index, n);
        }
        return c.command();
    }

    /**
     * The applier's check of one applied command (called by {@link RaftTestServer}): no server applied something
     * else at that index. Records the command as applied by server {@code i}.
     */
    synchronized LogCheck checkLogs(RaftTestServer me, int i, ApplyMsg.Command m) {
        String error = null;
        Object v = m.command();
        for (int j = 0; j < srvs.length; j++) {
            RaftTestServer.Applied old = srvs[j] == null ? null : srvs[j].applied(m.index());
            if (old != null && !Objects.equals(old.command(), v)) {
                // some server has already committed a different value for this entry!
                error = String.format("commit index=%d server=%d %s != server=%d %s", m.index(), i, v, j,
                        old.command());
            }
        }
        // The receiving server's own log, not srvs[i]: a crashed instance's applier may still deliver an entry after
        // the restart put a new server (with an empty log) in slot i (found in simulation mode, seed 1004).
        boolean prevOk = me.hasLog(m.index() - 1);
        me.putLog(m.index(), v);
        maxIndex = Math.max(maxIndex, m.index());
        return new LogCheck(error, prevOk);
    }
}
