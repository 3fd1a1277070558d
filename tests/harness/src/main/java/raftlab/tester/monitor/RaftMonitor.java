package raftlab.tester.monitor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import raftlab.raft.ApplyMsg;
import raftlab.raft.LogEntry;
import raftlab.raft.RaftMessage.AppendEntriesArgs;
import raftlab.raft.RaftMessage.AppendEntriesReply;
import raftlab.raft.RaftMessage.InstallSnapshotArgs;
import raftlab.raft.RaftMessage.InstallSnapshotReply;
import raftlab.raft.RaftMessage.RequestVoteArgs;
import raftlab.raft.RaftMessage.RequestVoteReply;

/**
 * Checks Raft's safety rules ({@link Rule}) on everything a tester can observe of a group of peers, and reports the
 * first violation once, as one message naming the rule, its paper section, the peers, term, index and test time,
 * and the usual causes.
 *
 * <p>Events come in from the tester: {@link #delivered} for every RPC reply the network hands to a caller (wire it
 * to {@code Network.setObserver}), and, per peer incarnation ({@link #incarnation}), {@link Peer#state},
 * {@link Peer#started}, {@link Peer#applied} and {@link Peer#saved}. Every check is sound for a correct Raft on a
 * network that loses, delays and reorders messages: each one uses only facts that a correct peer must have
 * established before the observed event could happen (a reply is observed before its caller can act on it; a term
 * in a reply was persisted before the reply left).
 *
 * <p>Beyond safety, it can also warn (never fail) when the term rises although nothing is wrong: see
 * {@link #watchTermRises}.
 *
 * <p>Thread-safe (one lock, held briefly; never calls out while holding it except to the sink) and thread-free.
 */
public final class RaftMonitor {

    private record VoterTerm(int voter, int term) {}

    private record Vote(int candidate, long atMillis, String how) {}

    private record Leader(int peer, long atMillis, String how) {}

    private record EntryKey(int index, int term) {}

    private record Entry(Object command, int peer, long atMillis, String how) {}

    /** What a peer had revealed over the wire when an incarnation of it started (raftlab's own persistence rules). */
    private record Restart(int peer, long atMillis, int revealedTerm, String revealedHow) {}

    private final int n;
    private final LongSupplier clock;
    private final Consumer<String> sink;

    // All guarded by this.
    private final Map<String, Integer> endOwner = new HashMap<>();     // client end name -> the peer that calls with it
    private final Map<String, Integer> serverPeer = new HashMap<>();   // server name -> peer
    private final Map<String, Restart> endRestart = new HashMap<>();   // client end name -> its incarnation's start
    private final Map<VoterTerm, Vote> votes = new HashMap<>();
    private final Map<VoterTerm, Set<Integer>> votesFor = new HashMap<>();   // (candidate, term) -> granting voters
    private final Map<Integer, Leader> leaders = new HashMap<>();
    private final Set<VoterTerm> majorityChecked = new HashSet<>();
    private final Map<EntryKey, Entry> entries = new HashMap<>();
    private final int[] revealedTerm;     // the highest term each peer put in a delivered reply
    private final String[] revealedHow;   // the delivered reply that revealed it, for the messages
    private final int[] acknowledged;     // the highest index each peer acknowledged in a delivered AppendEntries reply
    private final int[] incarnations;     // the current incarnation number of each peer
    private int maxKnownIndex;            // the highest index any leader is known to have created
    private String violation;
    private LongSupplier calmSince = () -> -1;   // see watchTermRises
    private Consumer<String> warnSink = w -> { };
    private long incarnatedAt;            // when the latest incarnation started (a restart disturbs the group too)
    private int maxTerm;                  // the highest term any delivered request or reply carried
    private int ledTerm;                  // the highest term whose leader was seen (AppendEntries answered in it)...
    private long ledAt = -1;              // ...first at this time...
    private int ledPeer;                  // ...as this peer
    private String warning;

    /**
     * @param n     the number of peers
     * @param clock milliseconds since the test started, for the messages
     * @param sink  gets the first violation's message, once (it may be called on any thread, holding the lock)
     */
    public RaftMonitor(int n, LongSupplier clock, Consumer<String> sink) {
        this.n = n;
        this.clock = Objects.requireNonNull(clock);
        this.sink = Objects.requireNonNull(sink);
        this.revealedTerm = new int[n];
        this.revealedHow = new String[n];
        this.acknowledged = new int[n];
        this.incarnations = new int[n];
    }

    /**
     * The group must have been calm (see {@link #watchTermRises}) this long before a term rise earns a warning: the
     * tester's allowance for one election ({@code RAFT_ELECTION_TIMEOUT}, 1 s), so that a peer that was cut off or
     * restarted, and any election it provokes, has settled first.
     */
    public static final long SETTLE_MILLIS = 1000;

    /**
     * ...and the leader of the highest term must have been seen this long: MIT's heartbeat cap (10 per second), so
     * that a follower whose election timer fired just as that leader won, before its first heartbeat, does not count.
     */
    public static final long LEADER_SETTLE_MILLIS = 100;

    /**
     * Turns on raftlab's own liveness warning: when a peer raises the term although the group has been calm (the
     * network reliable, every peer connected and running, and nothing changed) for {@link #SETTLE_MILLIS} and the
     * highest term's leader has been seen, {@code warn} gets one message (once per monitor). A correct Raft keeps
     * its leader then: a new term means a follower's election timer fired although heartbeats arrived.
     *
     * @param calmSince the monitor clock's time since which the group has been calm, or -1 if it is not calm now
     *                  (called holding the monitor's lock: it must not call back)
     * @param warn      gets the warning's message, once
     */
    public synchronized void watchTermRises(LongSupplier calmSince, Consumer<String> warn) {
        this.calmSince = Objects.requireNonNull(calmSince);
        this.warnSink = Objects.requireNonNull(warn);
    }

    /** {@return the term-rise warning's message, or null} */
    public synchronized String warning() {
        return warning;
    }

    /** {@return the first violation's message, or null} */
    public synchronized String violation() {
        return violation;
    }

    /**
     * A new incarnation of {@code peer} starts: it calls out through {@code endNames} (fresh names for every
     * incarnation, as MIT's tester makes them), is reachable as {@code serverName}, its service restored a snapshot
     * through {@code restoredIndex} (0 if none), and its persister holds {@code restoredStateBytes} bytes of Raft state.
     * Call it before the incarnation's server is added to the network, with the persister it will read.
     *
     * @return the handle for this incarnation's events
     */
    public synchronized Peer incarnation(int peer, String serverName, List<String> endNames, int restoredIndex,
                                         int restoredStateBytes) {
        long now = clock.getAsLong();
        // Every reply delivered so far was sent by an earlier incarnation, before its crash (the network drops the
        // replies of a deleted server, and a crash deletes it before the persister is copied), so Figure 2's
        // "updated on stable storage before responding to RPCs" put what it revealed into this persister.
        if (incarnations[peer] > 0 && restoredStateBytes == 0 && revealedTerm[peer] > 0) {
            fail(Rule.STATE_PERSISTED, "S%d restarted at %s with no persisted Raft state (persister.save never "
                    + "called), though before the crash it %s%s", peer, seconds(now), revealedHow[peer],
                    acknowledged[peer] > 0 ? " and acknowledged AppendEntries through index " + acknowledged[peer] : "");
        }
        incarnatedAt = now;
        Restart start = new Restart(peer, now, revealedTerm[peer], revealedHow[peer]);
        for (String end : endNames) {
            endOwner.put(end, peer);
            endRestart.put(end, start);
        }
        serverPeer.put(serverName, peer);
        return new Peer(peer, ++incarnations[peer], restoredIndex);
    }

    // ---- the wire ---------------------------------------------------------------------------------------------

    /** A reply reached its caller (see {@code RpcObserver}); replies of other services are ignored. */
    public void delivered(String endName, String serverName, String method, Object args, Object reply) {
        if (!(args instanceof raftlab.raft.RaftMessage)) {
            return;
        }
        synchronized (this) {
            Integer from = endOwner.get(endName);
            Integer to = serverPeer.get(serverName);
            if (from == null || to == null || violation != null) {
                return;
            }
            requestTerm(endName, (raftlab.raft.RaftMessage) args);
            if (violation != null) {
                return;
            }
            termRise(from, to, (raftlab.raft.RaftMessage) args, reply);
            switch (args) {
                case RequestVoteArgs a when reply instanceof RequestVoteReply r -> requestVote(from, to, a, r);
                case AppendEntriesArgs a when reply instanceof AppendEntriesReply r -> appendEntries(from, to, a, r);
                case InstallSnapshotArgs a when reply instanceof InstallSnapshotReply r -> installSnapshot(from, to, a, r);
                default -> { }
            }
        }
    }

    private void requestVote(int from, int to, RequestVoteArgs a, RequestVoteReply r) {
        if (a.candidateId() != from) {
            fail(Rule.SENDER_ID, "S%d sent RequestVote(term %d) with candidateId %d", from, a.term(), a.candidateId());
            return;
        }
        replyTerm(from, to, "RequestVote", a.term(), r.term());
        vote(from, from, a.term(), "its own RequestVote to S" + to);       // a candidate votes for itself (§5.2)
        if (r.voteGranted()) {
            if (r.term() != a.term()) {
                fail(Rule.STALE_TERM_REJECTED, "S%d granted S%d's vote request of term %d while in term %d",
                        to, from, a.term(), r.term());
                return;
            }
            vote(to, from, a.term(), "a granted RequestVote reply");
            votesFor.computeIfAbsent(new VoterTerm(from, a.term()), k -> new HashSet<>()).add(to);
        }
    }

    private void appendEntries(int from, int to, AppendEntriesArgs a, AppendEntriesReply r) {
        if (a.leaderId() != from) {
            fail(Rule.SENDER_ID, "S%d sent AppendEntries(term %d) with leaderId %d", from, a.term(), a.leaderId());
            return;
        }
        leader(from, a.term(), "sent AppendEntries to S" + to);
        replyTerm(from, to, "AppendEntries", a.term(), r.term());
        if (r.success() && r.term() != a.term()) {
            fail(Rule.STALE_TERM_REJECTED, "S%d accepted S%d's AppendEntries of term %d while in term %d",
                    to, from, a.term(), r.term());
        }
        List<LogEntry> sent = a.entries();
        for (int k = 0; k < sent.size() && violation == null; k++) {
            int index = a.prevLogIndex() + 1 + k;
            LogEntry e = sent.get(k);
            if (e.term() > a.term()) {
                fail(Rule.ENTRY_TERM, "S%d's AppendEntries of term %d carries an entry of term %d at index %d",
                        from, a.term(), e.term(), index);
                return;
            }
            entry(index, e.term(), e.command(), from, "in S" + from + "'s AppendEntries to S" + to);
        }
        int last = a.prevLogIndex() + sent.size();
        if (r.success() && r.term() == a.term()) {
            acknowledged[to] = Math.max(acknowledged[to], last);
        }
        maxKnownIndex = Math.max(maxKnownIndex, last);
        if (a.leaderCommit() > maxKnownIndex && violation == null) {
            fail(Rule.COMMIT_EXISTS, "S%d sent leaderCommit %d in term %d, but no leader has created an entry "
                    + "beyond index %d", from, a.leaderCommit(), a.term(), maxKnownIndex);
        }
    }

    private void installSnapshot(int from, int to, InstallSnapshotArgs a, InstallSnapshotReply r) {
        if (a.leaderId() != from) {
            fail(Rule.SENDER_ID, "S%d sent InstallSnapshot(term %d) with leaderId %d", from, a.term(), a.leaderId());
            return;
        }
        leader(from, a.term(), "sent InstallSnapshot to S" + to);
        replyTerm(from, to, "InstallSnapshot", a.term(), r.term());
        maxKnownIndex = Math.max(maxKnownIndex, a.lastIncludedIndex());
    }

    private void replyTerm(int from, int to, String rpc, int argsTerm, int replyTerm) {
        if (violation != null) {
            return;
        }
        if (replyTerm > revealedTerm[to]) {
            revealedTerm[to] = replyTerm;
            revealedHow[to] = String.format("answered S%d's %s of term %d with term %d (delivered at %s)", from, rpc,
                    argsTerm, replyTerm, seconds(clock.getAsLong()));
        }
        if (replyTerm < argsTerm) {
            fail(Rule.TERM_ADOPTED, "S%d answered S%d's %s of term %d with term %d", to, from, rpc, argsTerm,
                    replyTerm);
        }
    }

    /**
     * A request sent by a restarted incarnation (through its fresh ends) carries a term at least as high as any its
     * earlier incarnations answered with: the sender restored currentTerm from what it persisted before answering.
     */
    private void requestTerm(String endName, raftlab.raft.RaftMessage args) {
        Restart start = endRestart.get(endName);
        int term = switch (args) {
            case RequestVoteArgs a -> a.term();
            case AppendEntriesArgs a -> a.term();
            case InstallSnapshotArgs a -> a.term();
            default -> Integer.MAX_VALUE;
        };
        if (start != null && term < start.revealedTerm()) {
            fail(Rule.TERM_KEPT, "S%d restarted at %s and then sent %s with term %d, though before the crash it %s",
                    start.peer(), seconds(start.atMillis()), args.getClass().getSimpleName().replace("Args", ""),
                    term, start.revealedHow());
        }
    }

    // ---- the liveness warning (raftlab's own) -------------------------------------------------------------------

    private void termRise(int from, int to, raftlab.raft.RaftMessage args, Object reply) {
        long now = clock.getAsLong();
        long calm = calmSince.getAsLong();
        calm = calm < 0 ? -1 : Math.max(calm, incarnatedAt);
        boolean settled = calm >= 0 && now - calm > SETTLE_MILLIS && ledTerm == maxTerm && ledAt >= calm
                && now - ledAt > LEADER_SETTLE_MILLIS;
        int argsTerm = termOf(args);
        int replyTerm = switch (reply) {
            case RequestVoteReply r -> r.term();
            case AppendEntriesReply r -> r.term();
            case InstallSnapshotReply r -> r.term();
            default -> 0;
        };
        String rpc = args.getClass().getSimpleName().replace("Args", "");
        if (argsTerm > maxTerm && settled) {
            warn(now, calm, argsTerm, args instanceof RequestVoteArgs
                    ? "S" + from + " started an election: RequestVote for term " + argsTerm + " to S" + to
                    : "S" + from + " sent " + rpc + " of term " + argsTerm + " to S" + to);
        } else if (replyTerm > Math.max(maxTerm, argsTerm) && settled) {
            warn(now, calm, replyTerm, "S" + to + " answered S" + from + "'s " + rpc + " of term " + argsTerm
                    + " with term " + replyTerm + " (it had started an election)");
        }
        maxTerm = Math.max(maxTerm, Math.max(argsTerm, replyTerm));
        boolean answeredAsLeader = !(args instanceof RequestVoteArgs) && replyTerm == argsTerm;
        if (answeredAsLeader && argsTerm == maxTerm && calm >= 0 && (ledTerm != argsTerm || ledAt < calm)) {
            ledTerm = argsTerm;
            ledAt = now;
            ledPeer = from;
        }
    }

    private void warn(long now, long calm, int term, String what) {
        if (warning != null) {
            return;
        }
        warning = String.format("warning: term changed to %d at %s even though there were no failures (raftlab's "
                + "own check): %s while S%d led term %d (seen since %s) and the network had been reliable, with "
                + "every server connected and running, since %s. Not a failure, but a correct Raft keeps its leader "
                + "then; usual causes: heartbeats too slow for the election timeout (at most 10 per second, and the "
                + "timeout several heartbeats long), the election timer not reset on a valid AppendEntries or on "
                + "granting a vote, or a leader that steps down without cause", term, seconds(now), what,
                ledPeer, ledTerm, seconds(ledAt), seconds(calm));
        warnSink.accept(warning);
    }

    private static int termOf(raftlab.raft.RaftMessage args) {
        return switch (args) {
            case RequestVoteArgs a -> a.term();
            case AppendEntriesArgs a -> a.term();
            case InstallSnapshotArgs a -> a.term();
            default -> 0;
        };
    }

    // ---- the rules --------------------------------------------------------------------------------------------

    private void vote(int voter, int candidate, int term, String how) {
        if (violation != null) {
            return;
        }
        VoterTerm key = new VoterTerm(voter, term);
        Vote earlier = votes.get(key);
        if (earlier == null) {
            votes.put(key, new Vote(candidate, clock.getAsLong(), how));
        } else if (earlier.candidate() != candidate) {
            fail(Rule.ONE_VOTE_PER_TERM, "S%d voted in term %d for S%d (%s, at %s) and for S%d (%s)", voter, term,
                    earlier.candidate(), earlier.how(), seconds(earlier.atMillis()), candidate, how);
        }
    }

    private void leader(int peer, int term, String how) {
        if (violation != null) {
            return;
        }
        Leader earlier = leaders.get(term);
        if (earlier == null) {
            leaders.put(term, new Leader(peer, clock.getAsLong(), how));
        } else if (earlier.peer() != peer) {
            fail(Rule.ONE_LEADER_PER_TERM, "S%d and S%d both led term %d: S%d %s at %s; S%d %s", earlier.peer(),
                    peer, term, earlier.peer(), earlier.how(), seconds(earlier.atMillis()), peer, how);
            return;
        }
        VoterTerm key = new VoterTerm(peer, term);
        if (!majorityChecked.contains(key)) {
            Set<Integer> voters = new HashSet<>(votesFor.getOrDefault(key, Set.of()));
            voters.add(peer);
            if (voters.size() <= n / 2) {
                fail(Rule.LEADER_NEEDS_MAJORITY, "S%d acted as leader of term %d (%s), but only %s granted it a "
                        + "vote in term %d (a majority of %d peers is %d)", peer, term, how, peersText(voters), term, n,
                        n / 2 + 1);
                return;
            }
            majorityChecked.add(key);
        }
    }

    private void entry(int index, int term, Object command, int peer, String how) {
        EntryKey key = new EntryKey(index, term);
        Entry earlier = entries.get(key);
        if (earlier == null) {
            entries.put(key, new Entry(command, peer, clock.getAsLong(), how));
        } else if (!Objects.equals(earlier.command(), command)) {
            fail(Rule.LOG_MATCHING, "index %d, term %d holds %s (%s, at %s) and %s (%s)", index, term,
                    earlier.command(), earlier.how(), seconds(earlier.atMillis()), command, how);
        }
    }

    private void fail(Rule rule, String format, Object... args) {
        if (violation != null) {
            return;
        }
        violation = "Raft safety rule broken at " + seconds(clock.getAsLong()) + ": " + rule.text() + " ("
                + rule.section() + ")\n  " + String.format(format, args) + "\n  usual causes: " + rule.causes();
        sink.accept(violation);
    }

    private static String seconds(long millis) {
        return String.format("%.3f s", millis / 1000.0);
    }

    private static String peersText(Set<Integer> peers) {
        return peers.stream().sorted().map(p -> "S" + p).toList().toString();
    }

    // ---- one incarnation --------------------------------------------------------------------------------------

    /** The events of one incarnation of one peer, as its tester service sees them. */
    public final class Peer {

        private final int peer;
        private final int incarnation;
        private int lastApplied;      // guarded by the monitor
        private int savedSnapshot;    // guarded by the monitor
        private int lastTerm;         // guarded by the monitor

        private Peer(int peer, int incarnation, int restoredIndex) {
            this.peer = peer;
            this.incarnation = incarnation;
            this.lastApplied = restoredIndex;
            this.savedSnapshot = restoredIndex;
        }

        /** {@return which peer this is} */
        public int peer() {
            return peer;
        }

        /**
         * {@return the lowest term the peer may answer with from now on: take it just before calling
         * {@code getState()} or {@code start()} and pass it with the answer, so that a reply delivered while the call
         * ran (which may carry a newer term) does not count against an answer given before it}
         */
        public int termFloor() {
            synchronized (RaftMonitor.this) {
                return revealedTerm[peer];
            }
        }

        /**
         * {@code getState()} answered; the caller serializes calls of one incarnation, so that answers arrive here
         * in the order they were given. {@code floor} is {@link #termFloor()} from just before the call.
         */
        public void state(int term, boolean isLeader, int floor) {
            synchronized (RaftMonitor.this) {
                termSeen(term, "getState()", floor);
                if (isLeader && isCurrent()) {
                    leader(peer, term, "answered getState() as leader");
                }
            }
        }

        /** {@code start(command)} answered (serialized like {@link #state}, with the floor from before the call). */
        public void started(Object command, int index, int term, boolean isLeader, int floor) {
            synchronized (RaftMonitor.this) {
                termSeen(term, "start()", floor);
                if (isLeader && isCurrent()) {
                    leader(peer, term, "accepted start() as leader");
                    if (violation == null) {
                        entry(index, term, command, peer, "start() on S" + peer);
                    }
                    maxKnownIndex = Math.max(maxKnownIndex, index);
                }
            }
        }

        /** The peer delivered {@code msg} on {@code applyCh}. */
        public void applied(ApplyMsg msg) {
            synchronized (RaftMonitor.this) {
                if (violation != null) {
                    return;
                }
                switch (msg) {
                    case ApplyMsg.Command c -> {
                        if (c.index() <= lastApplied) {
                            fail(Rule.APPLIED_FORWARD, "S%d applied index %d after index %d", peer, c.index(),
                                    lastApplied);
                        }
                        lastApplied = c.index();
                    }
                    case ApplyMsg.Snapshot s -> {
                        if (s.index() < lastApplied) {
                            fail(Rule.SNAPSHOT_FORWARD, "S%d delivered a snapshot through index %d (term %d) after "
                                    + "applying index %d", peer, s.index(), s.term(), lastApplied);
                        }
                        lastApplied = s.index();
                    }
                }
            }
        }

        /**
         * The peer saved state with a snapshot through {@code snapshotIndex} (0 for none), as the tester decoded it.
         */
        public void saved(int snapshotIndex) {
            synchronized (RaftMonitor.this) {
                if (snapshotIndex < savedSnapshot) {
                    fail(Rule.SAVED_SNAPSHOT_FORWARD, "S%d saved a snapshot through index %d over one through index %d%s",
                            peer, snapshotIndex, savedSnapshot, snapshotIndex == 0 ? " (an empty snapshot)" : "");
                }
                savedSnapshot = Math.max(savedSnapshot, snapshotIndex);
            }
        }

        private void termSeen(int term, String how, int floor) {
            if (violation != null || !isCurrent()) {
                return;
            }
            if (term < lastTerm) {
                fail(Rule.TERM_KEPT, "S%d's %s said term %d after saying term %d", peer, how, term, lastTerm);
            } else if (term < floor) {
                fail(Rule.TERM_KEPT, "S%d's %s said term %d, but S%d had already answered an RPC in term %d%s", peer,
                        how, term, peer, floor, incarnation > 1 ? " (before a restart?)" : "");
            }
            lastTerm = Math.max(lastTerm, term);
        }

        private boolean isCurrent() {
            return incarnations[peer] == incarnation;
        }
    }
}
