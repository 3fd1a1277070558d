package raftlab.raft;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
//+solution
import java.util.ArrayList;
import java.util.concurrent.locks.Condition;
import raftlab.labrpc.chan.ChannelClosedException;
import raftlab.labrpc.codec.Codec;
import raftlab.labrpc.log.Log;
import raftlab.labrpc.log.Topic;
import raftlab.labrpc.net.RpcMethod;
import raftlab.raft.RaftMessage.AppendEntriesArgs;
import raftlab.raft.RaftMessage.AppendEntriesReply;
import raftlab.raft.RaftMessage.InstallSnapshotArgs;
import raftlab.raft.RaftMessage.InstallSnapshotReply;
//-solution
import raftlab.labrpc.chan.Channel;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.persist.Persister;
import raftlab.labrpc.sim.Sim;
import raftlab.raft.RaftMessage.RequestVoteArgs;
import raftlab.raft.RaftMessage.RequestVoteReply;

/**
 * One Raft peer: your implementation of {@link Raft}.
 *
 * <p>An outline of what the tester and the service above expect:
 * <ul>
 *   <li>{@code Raft.make(peers, me, persister, applyCh)} creates this peer; {@code peers.get(me)} is its own end.</li>
 *   <li>{@link #start(Object)} starts agreement on a new log entry and returns at once.</li>
 *   <li>{@link #getState()} asks for the current term and whether this peer thinks it is the leader.</li>
 *   <li>Each time an entry is committed, send an {@link ApplyMsg.Command} on {@code applyCh}, in index order.</li>
 *   <li>The tester registers this object as service {@code "Raft"}: every {@code @Rpc public Reply name(Args)}
 *       method is a handler that other peers call with the typed names in {@link RaftMessage}, e.g.
 *       {@code peers.get(i).call(RaftMessage.REQUEST_VOTE, args)} (see {@code sendRequestVote}).</li>
 * </ul>
 *
 * <p>Rules of the kit: start threads with {@code Sim.go}, sleep with {@code Sim.sleep} or {@code Sim.await}, read the
 * clock with {@code Sim.millis()}; never hold {@link #lock} while calling another peer, sending on {@code applyCh}
 * or sleeping; and send every RPC from its own thread, since a call to a crashed peer may take seconds to fail.
 */
final class RaftNode implements Raft {

//+solution
    // The heartbeat and probe intervals are in PeerProgress, with the rest of the per-peer pacing.
    private static final int ELECTION_TIMEOUT_MIN_MS = 350;   // several heartbeats, so a lost one is harmless
    private static final int ELECTION_TIMEOUT_SPREAD_MS = 300;
    private static final int LEADER_TICK_MS = 25;             // how often a leader checks who is due a heartbeat

    private enum Role { FOLLOWER, CANDIDATE, LEADER }

    /**
     * What survives a crash (Figure 2, "persistent state on all servers", plus §7's snapshot metadata), saved as one
     * record with the codec before this peer answers an RPC or sends a vote that depends on it.
     */
    record PersistentState(int currentTerm, int votedFor, int snapshotIndex, int snapshotTerm,
                           List<LogEntry> log) {}

//-solution
    private final ReentrantLock lock = new ReentrantLock();   // guards this peer's shared state
    private final List<ClientEnd> peers;                      // RPC end points of all peers
    private final Persister persister;                        // holds this peer's persisted state
    private final int me;                                     // this peer's index into peers
    private final Channel<ApplyMsg> applyCh;                  // where committed entries go
    private final CountDownLatch killed = new CountDownLatch(1);   // counted down by kill()

    // Your data here (3A, 3B, 3C).
    // Look at the paper's Figure 2 for a description of what state a Raft server must maintain.
//+solution
    private final Condition applyNeeded = lock.newCondition();   // commitIndex moved, a snapshot came, or killed

    // Persistent state (Figure 2), saved by persist() before it is revealed to anyone.
    private int currentTerm;
    private int votedFor = RaftRules.NO_VOTE;
    private RaftLog log = new RaftLog();
    private byte[] snapshot = new byte[0];   // the service's latest snapshot, saved alongside the state

    // Volatile state on all servers.
    private Role role = Role.FOLLOWER;
    private int commitIndex;
    private int lastApplied;                  // the last index handed to the applier thread
    private ApplyMsg.Snapshot pendingSnapshot;   // installed from the leader, not yet delivered on applyCh
    private long electionDeadline;            // Sim.millis() after which a follower or candidate campaigns
    private int votes;                        // as candidate: votes received in currentTerm, mine included
    private CountDownLatch tickerWake = new CountDownLatch(1);   // cuts the ticker's current wait short

    // Per peer: nextIndex and matchIndex (Figure 2, volatile state on leaders) and the bookkeeping that keeps RPCs
    // few. My own slot holds only my matchIndex, for the commit rule.
    private final PeerProgress[] progress;
//-solution

    RaftNode(List<ClientEnd> peers, int me, Persister persister, Channel<ApplyMsg> applyCh) {
        this.peers = List.copyOf(peers);
        this.persister = Objects.requireNonNull(persister, "make: persister is null");
        this.me = me;
        this.applyCh = Objects.requireNonNull(applyCh, "make: applyCh is null");
        if (me < 0 || me >= peers.size()) {
            throw new IllegalArgumentException("make: me=" + me + " is not an index into " + peers.size() + " peers");
        }

        // Your initialization code here (3A, 3B, 3C).
//+solution
        progress = new PeerProgress[peers.size()];
        for (int peer = 0; peer < progress.length; peer++) {
            progress[peer] = new PeerProgress();
        }
//-solution

        // initialize from state persisted before a crash
        readPersist(persister.readRaftState());
//+solution
        snapshot = persister.readSnapshot();
        // The service restores the snapshot itself at start-up; what follows it is delivered from the log.
        commitIndex = log.snapshotIndex();
        lastApplied = log.snapshotIndex();
        resetElectionTimer();
        Sim.go("raft" + me + "-applier", this::applier);
//-solution

        // start the ticker thread to start elections
        Sim.go("raft" + me + "-ticker", this::ticker);
    }

    @Override
    public State getState() {
        // Your code here (3A).
//+solution
        lock.lock();
        try {
            return new State(currentTerm, role == Role.LEADER && !killed());
        } finally {
            lock.unlock();
        }
//-solution
//+student
//        return new State(0, false);
//-student
    }

//+solution
    /**
     * Saves Raft's persistent state and the current snapshot (3C, 3D). Called with the lock held, after every change
     * to currentTerm, votedFor or the log, and before the change shows in a reply or an outgoing RPC: a peer that
     * voted or acknowledged entries must still know it after a crash (§5.2, §5.3). The snapshot goes along every time
     * because {@code save(state, null)} would erase it.
     */
    private void persist() {
        PersistentState state = new PersistentState(currentTerm, votedFor, log.snapshotIndex(), log.snapshotTerm(),
                log.entries());
        persister.save(Codec.encode(state), snapshot);
    }
//-solution
//+student
//    /**
//     * Saves Raft's persistent state to stable storage, where it can be read back after a crash and restart. See
//     * the paper's Figure 2 for a description of what should be persistent. Before you've implemented snapshots,
//     * pass null as the second argument to persister.save(); after, pass the current snapshot (or null if there is
//     * none yet).
//     */
//    private void persist() {
//        // Your code here (3C).
//        // Example (Encoder and Decoder are in raftlab.labrpc.codec):
//        // byte[] state = new Encoder().write(currentTerm).write(votedFor).write(log).toByteArray();
//        // persister.save(state, null);
//    }
//-student

    /** Restores previously persisted state. */
    private void readPersist(byte[] data) {
        if (data == null || data.length < 1) {   // bootstrap without any state?
            return;
        }
        // Your code here (3C).
//+solution
        PersistentState state = Codec.decode(data, PersistentState.class);
        currentTerm = state.currentTerm();
        votedFor = state.votedFor();
        log = new RaftLog(state.snapshotIndex(), state.snapshotTerm(), state.log());
//-solution
//+student
//        // Example:
//        // Decoder d = new Decoder(data);
//        // currentTerm = d.readInt();
//        // votedFor = d.readInt();
//        // log = d.readList(LogEntry.class);   // a fresh, mutable ArrayList
//-student
    }

    /** How many bytes in Raft's persisted log? */
    @Override
    public int persistBytes() {
        lock.lock();
        try {
            return persister.raftStateSize();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The service says it has created a snapshot that has all info up to and including {@code index}. This means the
     * service no longer needs the log through (and including) that index. Raft should now trim its log as much as
     * possible (3D).
     *
     * <p>Ignored when {@code index} is not above the last snapshot (a snapshot from the leader got there first) or
     * is beyond what Raft has delivered on {@code applyCh} (and so beyond the commit index).
     */
    @Override
    public void snapshot(int index, byte[] snapshot) {
        // Your code here (3D).
//+solution
        Objects.requireNonNull(snapshot, "snapshot: snapshot is null");
        lock.lock();
        try {
            if (killed() || index <= log.snapshotIndex() || index > lastApplied) {
                return;
            }
            log.compact(index);
            this.snapshot = snapshot.clone();
            persist();
            Log.debug(Topic.SNAP, me, "service snapshot through %d; log now starts at %d", index, log.snapshotIndex());
        } finally {
            lock.unlock();
        }
//-solution
    }

    /** RequestVote RPC handler. */
    @Rpc
    public RequestVoteReply requestVote(RequestVoteArgs args) {
        // Your code here (3A, 3B).
//+solution
        lock.lock();
        try {
            if (killed()) {
                return new RequestVoteReply(currentTerm, false);
            }
            boolean dirty = observeTerm(args.term());
            heardFrom(args.candidateId());
            boolean grant = RaftRules.grantVote(currentTerm, votedFor, args.term(), args.candidateId(),
                    args.lastLogIndex(), args.lastLogTerm(), log.lastIndex(), log.lastTerm());
            if (grant) {
                votedFor = args.candidateId();
                dirty = true;
                resetElectionTimer();   // §5.2: granting a vote, like hearing from a leader, defers my own campaign
                Log.debug(Topic.VOTE, me, "granted vote to S%d in term %d", args.candidateId(), currentTerm);
            } else {
                Log.debug(Topic.VOTE, me, "denied vote to S%d in term %d (voted for %d)", args.candidateId(),
                        args.term(), votedFor);
            }
            if (dirty) {
                persist();
            }
            return new RequestVoteReply(currentTerm, grant);
        } finally {
            lock.unlock();
        }
//-solution
//+student
//        return new RequestVoteReply(0, false);
//-student
    }
//+solution

    /** AppendEntries RPC handler (Figure 2, "receiver implementation"). */
    @Rpc
    public AppendEntriesReply appendEntries(AppendEntriesArgs args) {
        lock.lock();
        try {
            if (killed()) {
                return new AppendEntriesReply(currentTerm, false, 0, 0, 0);
            }
            if (args.term() < currentTerm) {   // 1. reply false if term < currentTerm
                heardFrom(args.leaderId());
                return new AppendEntriesReply(currentTerm, false, 0, 0, 0);
            }
            boolean dirty = observeTerm(args.term());
            role = Role.FOLLOWER;   // a candidate that hears from this term's leader gives up (§5.2)
            resetElectionTimer();
            RaftRules.Conflict conflict = RaftRules.checkPrevious(log, args.prevLogIndex(), args.prevLogTerm());
            if (conflict != null) {   // 2. reply false if log doesn't contain a matching entry at prevLogIndex
                Log.debug(Topic.LOG2, me, "reject S%d at prev %d/%d: " + conflict, args.leaderId(),
                        args.prevLogIndex(), args.prevLogTerm());
                if (dirty) {
                    persist();
                }
                return new AppendEntriesReply(currentTerm, false, conflict.xTerm(), conflict.xIndex(),
                        conflict.xLen());
            }
            if (RaftRules.appendEntries(log, args.prevLogIndex(), args.entries()) || dirty) {   // 3. and 4.
                persist();
            }
            int lastNew = args.prevLogIndex() + args.entries().size();
            setCommitIndex(RaftRules.followerCommitIndex(commitIndex, args.leaderCommit(), lastNew));   // 5.
            return new AppendEntriesReply(currentTerm, true, 0, 0, 0);
        } finally {
            lock.unlock();
        }
    }

    /** InstallSnapshot RPC handler (Figure 13). */
    @Rpc
    public InstallSnapshotReply installSnapshot(InstallSnapshotArgs args) {
        lock.lock();
        try {
            if (killed() || args.term() < currentTerm) {
                return new InstallSnapshotReply(currentTerm);
            }
            boolean dirty = observeTerm(args.term());
            role = Role.FOLLOWER;
            resetElectionTimer();
            // A snapshot at or below the commit index brings nothing new (and may be a late duplicate); only a newer
            // one replaces state, so the service never goes back in time.
            if (args.lastIncludedIndex() > commitIndex) {
                log.installSnapshot(args.lastIncludedIndex(), args.lastIncludedTerm());
                snapshot = args.data().clone();
                commitIndex = args.lastIncludedIndex();
                lastApplied = args.lastIncludedIndex();
                pendingSnapshot = new ApplyMsg.Snapshot(args.lastIncludedIndex(), args.lastIncludedTerm(), snapshot);
                applyNeeded.signal();
                Log.debug(Topic.SNAP, me, "installed S%d's snapshot through %d", args.leaderId(),
                        args.lastIncludedIndex());
                dirty = true;
            }
            if (dirty) {
                persist();
            }
            return new InstallSnapshotReply(currentTerm);
        } finally {
            lock.unlock();
        }
    }
//-solution

//+student
//    /**
//     * Example code to send a RequestVote RPC to a peer. {@code server} is the index of the target peer in
//     * {@code peers}.
//     *
//     * <p>The call returns the reply, or empty if the network lost the request or the reply, or the peer is down or
//     * disconnected. A call to a dead peer can take up to 7 seconds to fail, so never make calls one after another in
//     * a loop: start one thread ({@code Sim.go}) per call. And never hold the lock during a call.
//     *
//     * <p>{@link RaftMessage#REQUEST_VOTE} names the handler ({@code "Raft.requestVote"}) and fixes the argument and
//     * reply types; {@link RaftMessage#APPEND_ENTRIES} and {@link RaftMessage#INSTALL_SNAPSHOT} name the others.
//     */
//    private Optional<RequestVoteReply> sendRequestVote(int server, RequestVoteArgs args) {
//        return peers.get(server).call(RaftMessage.REQUEST_VOTE, args);
//    }
//-student

    /**
     * The service using Raft (e.g. a k/v server) wants to start agreement on the next command to be appended to
     * Raft's log. If this server isn't the leader, returns false. Otherwise starts the agreement and returns
     * immediately. There is no guarantee that this command will ever be committed to the Raft log, since the leader
     * may fail or lose an election. Even if the Raft instance has been killed, this method should return gracefully.
     *
     * <p>The first value of the result is the index that the command will appear at if it's ever committed. The
     * second is the current term. The third is true if this server believes it is the leader.
     */
    @Override
    public StartResult start(Object command) {
        Objects.requireNonNull(command, "start: command is null; Raft replicates values, pass a non-null command");

        // Your code here (3B).
        // Append a copy, Codec.copy(command), not the command itself: a value the codec cannot copy then fails
        // here, in the caller, rather than in some replication thread later; and the caller can no longer change
        // what the log holds.
//+solution
        Object copy = Codec.copy(command);
        lock.lock();
        try {
            if (killed() || role != Role.LEADER) {
                return new StartResult(-1, currentTerm, false);
            }
            int index = log.append(new LogEntry(currentTerm, copy));
            persist();
            progress[me].matchSelf(index);
            // Fast path: replicate at once to every follower whose latest RPC was answered. The others get the
            // entry (with any that follow) as soon as that RPC is answered, so a burst of start()s costs a few RPCs
            // per follower, not one per command.
            for (int peer = 0; peer < peers.size(); peer++) {
                if (peer != me && progress[peer].idle()) {
                    sendEntries(peer);
                }
            }
            advanceCommitIndex();   // a one-peer cluster commits alone
            return new StartResult(index, currentTerm, true);
        } finally {
            lock.unlock();
        }
//-solution
//+student
//        return new StartResult(-1, -1, true);
//-student
    }

    /**
     * The tester doesn't halt threads created by Raft after each test, but it does call kill(). Your code can use
     * killed() to check whether kill() has been called. The latch is there so that a thread waiting with
     * {@code Sim.await(killed, ms)} wakes up at once.
     *
     * <p>kill() must close applyCh, so the service above learns that this peer is gone, and every thread this peer
     * started must end promptly; the tester fails a test whose threads outlive it.
     */
    @Override
    public void kill() {
        killed.countDown();
        // Your code here, if desired.
//+solution
        lock.lock();
        try {
            applyNeeded.signalAll();   // the applier leaves its wait
            tickerWake.countDown();    // and the ticker its pause
        } finally {
            lock.unlock();
        }
//-solution
        applyCh.close();   // a send blocked on it throws ChannelClosedException
    }

    private boolean killed() {
        return killed.getCount() == 0;
    }

    private void ticker() {
        while (!killed()) {
            // Your code here (3A)
            // Check if a leader election should be started.
//+solution
            long pause;
            CountDownLatch wake;
            lock.lock();
            try {
                if (killed()) {
                    return;
                }
                pause = role == Role.LEADER ? heartbeatTick() : electionTick();
                wake = tickerWake = new CountDownLatch(1);
            } finally {
                lock.unlock();
            }
            // A follower sleeps until its election deadline; becoming leader or being killed ends the wait early.
            Sim.await(wake, pause);
//-solution
//+student
//
//            // pause for a random amount of time between 50 and 350 milliseconds.
//            long ms = 50 + Sim.random().nextInt(300);
//            Sim.await(killed, ms);
//-student
        }
    }
//+solution

    // ---- elections (§5.2) -----------------------------------------------------------------------------------

    /** As follower or candidate: campaign if the election timeout passed; {@return how long to wait until the next check} */
    private long electionTick() {
        long now = Sim.millis();
        if (now >= electionDeadline) {
            startElection();
        }
        return Math.max(1, electionDeadline - Sim.millis());
    }

    private void resetElectionTimer() {
        electionDeadline = Sim.millis() + ELECTION_TIMEOUT_MIN_MS
                + Sim.random().nextInt(ELECTION_TIMEOUT_SPREAD_MS);   // seeded in simulation mode
    }

    private void startElection() {
        role = Role.CANDIDATE;
        currentTerm++;
        votedFor = me;
        votes = 1;
        persist();   // the vote for myself must survive a crash, or I could vote twice in this term
        resetElectionTimer();
        Log.debug(Topic.TERM, me, "election timeout: campaigning in term %d", currentTerm);
        if (RaftRules.isMajority(votes, peers.size())) {
            becomeLeader();
            return;
        }
        RequestVoteArgs args = new RequestVoteArgs(currentTerm, me, log.lastIndex(), log.lastTerm());
        long now = Sim.millis();
        for (int peer = 0; peer < peers.size(); peer++) {
            if (peer != me && progress[peer].shouldRequestVote(now)) {
                int to = peer;
                int seq = progress[to].beginVote(now);
                send(to, RaftMessage.REQUEST_VOTE, args, reply -> onRequestVoteOutcome(to, seq, args, reply));
            }
        }
    }

    private void onRequestVoteOutcome(int peer, int seq, RequestVoteArgs args, Optional<RequestVoteReply> reply) {
        progress[peer].voteFinished(seq);
        if (reply.isEmpty() || killed()) {
            return;
        }
        if (observeTerm(reply.get().term())) {
            persist();
            return;
        }
        if (role == Role.CANDIDATE && currentTerm == args.term() && reply.get().voteGranted()) {
            votes++;
            Log.debug(Topic.VOTE, me, "vote from S%d: %d in term %d", peer, votes, currentTerm);
            if (RaftRules.isMajority(votes, peers.size())) {
                becomeLeader();
            }
        }
    }

    /**
     * §5.1: a message from a higher term makes me a follower in that term, with no vote cast yet. {@return whether
     * currentTerm changed, so the caller must persist before replying}
     */
    private boolean observeTerm(int term) {
        if (term <= currentTerm) {
            return false;
        }
        currentTerm = term;
        votedFor = RaftRules.NO_VOTE;
        role = Role.FOLLOWER;
        Log.debug(Topic.TERM, me, "saw term %d: follower", term);
        return true;
    }

    private void becomeLeader() {
        Log.debug(Topic.LEAD, me, "leader in term %d, log ends at %d", currentTerm, log.lastIndex());
        role = Role.LEADER;
        long now = Sim.millis();
        for (PeerProgress p : progress) {
            p.becomeLeader(log.lastIndex(), now);
        }
        progress[me].matchSelf(log.lastIndex());
        tickerWake.countDown();   // the ticker may be asleep until its old election deadline: heartbeats start now
        // Announce the victory at once (§5.2), so other candidates of this term give up.
        for (int peer = 0; peer < peers.size(); peer++) {
            if (peer != me) {
                sendEntries(peer);
            }
        }
    }

    // ---- replication (§5.3, §7) -----------------------------------------------------------------------------

    /**
     * As leader: send a heartbeat (with whatever entries the peer lacks) to every peer that is due one (see
     * {@link PeerProgress#heartbeatDue}). {@return how long to wait until the next check}
     */
    private long heartbeatTick() {
        long now = Sim.millis();
        for (int peer = 0; peer < peers.size(); peer++) {
            if (peer != me && progress[peer].heartbeatDue(now)) {
                sendEntries(peer);
            }
        }
        return LEADER_TICK_MS;
    }

    /**
     * As leader, on a request from {@code peer} (a stale leader or candidate that just rejoined): it is reachable,
     * so bring it up to date now instead of waiting for a slow probe.
     */
    private void heardFrom(int peer) {
        if (role == Role.LEADER && peer >= 0 && peer < peers.size() && peer != me
                && progress[peer].heardFrom(Sim.millis())) {
            sendEntries(peer);
        }
    }

    /**
     * Sends {@code peer} what it lacks, starting at its nextIndex: AppendEntries with every entry from there (none
     * for a heartbeat), or InstallSnapshot if those entries were compacted away (§7). Called with the lock held.
     */
    private void sendEntries(int peer) {
        PeerProgress p = progress[peer];
        int seq = p.beginSend(Sim.millis());
        if (p.needsSnapshot(log.snapshotIndex())) {
            InstallSnapshotArgs args = new InstallSnapshotArgs(currentTerm, me, log.snapshotIndex(),
                    log.snapshotTerm(), snapshot);
            send(peer, RaftMessage.INSTALL_SNAPSHOT, args, reply -> onInstallSnapshotOutcome(peer, seq, args, reply));
            return;
        }
        int prev = p.nextIndex() - 1;
        AppendEntriesArgs args = new AppendEntriesArgs(currentTerm, me, prev, log.termAt(prev),
                log.slice(p.nextIndex()), commitIndex);
        p.sentCommit(commitIndex);
        send(peer, RaftMessage.APPEND_ENTRIES, args, reply -> onAppendEntriesOutcome(peer, seq, args, reply));
    }

    private void onAppendEntriesOutcome(int peer, int seq, AppendEntriesArgs args,
                                        Optional<AppendEntriesReply> reply) {
        progress[peer].finished(seq, reply.isPresent(), Sim.millis());
        reply.ifPresent(r -> onAppendEntriesReply(peer, args, r));
    }

    private void onAppendEntriesReply(int peer, AppendEntriesArgs args, AppendEntriesReply reply) {
        if (killed()) {
            return;
        }
        if (observeTerm(reply.term())) {
            persist();
            return;
        }
        if (role != Role.LEADER || currentTerm != args.term()) {
            return;   // a reply to an RPC of an older term says nothing about the follower's log now
        }
        if (reply.success()) {
            int match = args.prevLogIndex() + args.entries().size();
            progress[peer].acknowledged(match);
            advanceCommitIndex();
        } else {
            int next = RaftRules.nextIndexAfterConflict(log,
                    new RaftRules.Conflict(reply.xTerm(), reply.xIndex(), reply.xLen()));
            progress[peer].rejected(next, log.lastIndex());
        }
        sendMoreIfNeeded(peer);
    }

    private void onInstallSnapshotOutcome(int peer, int seq, InstallSnapshotArgs args,
                                          Optional<InstallSnapshotReply> reply) {
        progress[peer].finished(seq, reply.isPresent(), Sim.millis());
        if (reply.isEmpty() || killed()) {
            return;
        }
        if (observeTerm(reply.get().term())) {
            persist();
        } else if (role == Role.LEADER && currentTerm == args.term()) {
            progress[peer].acknowledged(args.lastIncludedIndex());
            advanceCommitIndex();
            sendMoreIfNeeded(peer);
        }
    }

    /** After an answer from {@code peer}: send again at once if it wants more (see {@link PeerProgress#wantsMore}). */
    private void sendMoreIfNeeded(int peer) {
        if (progress[peer].wantsMore(log.lastIndex(), commitIndex)) {
            sendEntries(peer);
        }
    }

    // ---- calling other peers --------------------------------------------------------------------------------

    /**
     * What to do once an RPC to a peer has finished: {@code reply} is empty if the call failed (request or reply
     * lost, peer down or disconnected). Runs with the lock held.
     */
    @FunctionalInterface
    private interface Outcome<R> {
        void handle(Optional<R> reply);
    }

    /**
     * The one way this peer calls another, for all three RPCs. Called with the lock held; the call runs on its own
     * thread, since a call to a crashed peer takes up to 7 s to fail.
     */
    private <A, R> void send(int peer, RpcMethod<A, R> method, A args, Outcome<R> outcome) {
        String rpc = method.name().substring(method.name().lastIndexOf('.') + 1);
        Sim.go("raft" + me + "-" + rpc + "-" + peer, () -> call(peer, method, args, outcome));
    }

    /**
     * One locking discipline for every RPC: the call itself runs without the lock, because a peer holding its lock
     * across a call that takes seconds could not answer anyone meanwhile (and two peers calling each other would
     * deadlock); then one critical section records that the call finished and handles the reply, so the pacing
     * bookkeeping and the reply's effects change together. The outcome runs even if the call throws, so an RPC never
     * stays "out" for ever.
     */
    private <A, R> void call(int peer, RpcMethod<A, R> method, A args, Outcome<R> outcome) {
        Optional<R> reply = Optional.empty();
        try {
            reply = peers.get(peer).call(method, args);
        } finally {
            lock.lock();
            try {
                outcome.handle(reply);
            } finally {
                lock.unlock();
            }
        }
    }

    /** As leader: commit what a majority holds, if it is from my term (§5.3, §5.4.2); then tell the followers. */
    private void advanceCommitIndex() {
        progress[me].matchSelf(log.lastIndex());
        int[] matchIndex = new int[progress.length];
        for (int peer = 0; peer < progress.length; peer++) {
            matchIndex[peer] = progress[peer].matchIndex();
        }
        int before = commitIndex;
        setCommitIndex(RaftRules.leaderCommitIndex(matchIndex, log, currentTerm, commitIndex));
        if (commitIndex > before) {
            for (int peer = 0; peer < peers.size(); peer++) {
                if (peer != me) {
                    sendMoreIfNeeded(peer);
                }
            }
        }
    }

    private void setCommitIndex(int index) {
        if (index > commitIndex) {
            Log.debug(Topic.CMIT, me, "commit index %d -> %d", commitIndex, index);
            commitIndex = index;
            applyNeeded.signal();
        }
    }

    // ---- applying (Figure 2, "all servers") -----------------------------------------------------------------

    /**
     * The one thread that sends on applyCh, so messages go out in index order. It collects what to send under the
     * lock and sends without it: the service may call {@link #snapshot} (which takes the lock) before it receives the
     * next message.
     */
    private void applier() {
        while (true) {
            List<ApplyMsg> batch = new ArrayList<>();
            lock.lock();
            try {
                while (!killed() && pendingSnapshot == null && lastApplied >= commitIndex) {
                    applyNeeded.awaitUninterruptibly();
                }
                if (killed()) {
                    return;
                }
                if (pendingSnapshot != null) {
                    batch.add(pendingSnapshot);   // lastApplied already points past it
                    pendingSnapshot = null;
                } else {
                    for (int i = lastApplied + 1; i <= commitIndex; i++) {
                        batch.add(new ApplyMsg.Command(i, log.entry(i).command()));
                    }
                    lastApplied = commitIndex;
                }
            } finally {
                lock.unlock();
            }
            try {
                for (ApplyMsg msg : batch) {
                    applyCh.send(msg);
                }
            } catch (ChannelClosedException e) {
                return;   // killed: nobody listens any more
            }
        }
    }
//-solution
}
