//+solution-file
package raftlab.raft;

/**
 * What this peer knows about one other peer: as leader, Figure 2's {@code nextIndex} and {@code matchIndex} (§5.3);
 * and, in any role, the bookkeeping that keeps RPCs to that peer few (which RPC is still out, when it was sent, when
 * the peer last answered). etcd keeps the same thing in its {@code tracker.Progress}.
 *
 * <p>No threads and no clock: {@link RaftNode} owns one per peer, calls it with its lock held, and passes the time in.
 * That is what lets {@code PeerProgressTest} check each rule without a cluster.
 *
 * <p>Pacing: every RPC gets a sequence number, and only the latest one counts as "out". Older ones still out were most
 * likely sent to a crashed or disconnected incarnation and fail only seconds later; they must not hold back a peer
 * that answers again.
 */
final class PeerProgress {

    static final int HEARTBEAT_MS = 100;     // at most 10 heartbeats per second per peer (3A)
    static final int PROBE_MS = 200;         // re-send to a peer whose last RPC is still out
    static final int SILENT_MS = 1000;       // a peer not heard from for this long is probably down
    static final int SLOW_PROBE_MS = 300;    // so it gets 3 RPCs a second, yet a restarted peer
                                             // hears from me before its election timeout

    // Volatile state on leaders (Figure 2), reinitialized after election.
    private int nextIndex;                   // the next log entry to send to the peer
    private int matchIndex;                  // the highest entry known to be replicated on the peer
    private int commitSent = -1;             // the leaderCommit carried by my last AppendEntries to the peer

    // AppendEntries and InstallSnapshot pacing (kept across terms).
    private int sentSeq;                     // sequence number of my latest RPC to the peer
    private boolean latestOut;               // whether that latest RPC is still unanswered
    private long lastSent;                   // when it was sent
    private long lastHeard;                  // the last reply from, or request by, the peer

    // RequestVote pacing (kept across terms).
    private int voteSeq;                     // sequence number of my latest RequestVote to the peer
    private boolean voteOut;                 // whether it is still unanswered
    private long voteSentAt;                 // and when it was sent

    int nextIndex() {
        return nextIndex;
    }

    int matchIndex() {
        return matchIndex;
    }

    // ---- replication (§5.3) ---------------------------------------------------------------------------------

    /**
     * §5.3: "When a leader first comes to power, it initializes all nextIndex values to the index just after the last
     * one in its log"; matchIndex starts at 0. The peer counts as just heard from, so it gets the fast heartbeat pace
     * until it proves silent.
     */
    void becomeLeader(int lastLogIndex, long now) {
        nextIndex = lastLogIndex + 1;
        matchIndex = 0;
        commitSent = -1;
        lastHeard = now;
    }

    /** The leader's own slot: everything in its log is replicated on itself. */
    void matchSelf(int lastLogIndex) {
        matchIndex = lastLogIndex;
    }

    /**
     * §5.3: on success, the follower's log matches mine through {@code match}. Replies may arrive out of order, so an
     * older, shorter acknowledgement never moves either index back.
     */
    void acknowledged(int match) {
        matchIndex = Math.max(matchIndex, match);
        nextIndex = Math.max(nextIndex, match + 1);
    }

    /**
     * §5.3: on a failed consistency check, retry from {@code suggested} (from the fast backup), but never past my own
     * log's end and never at or below what the peer is known to hold.
     */
    void rejected(int suggested, int lastLogIndex) {
        nextIndex = Math.max(matchIndex + 1, Math.min(suggested, lastLogIndex + 1));
    }

    /** §7: whether the entries the peer needs next were compacted into my snapshot, so it must get the snapshot. */
    boolean needsSnapshot(int snapshotIndex) {
        return nextIndex <= snapshotIndex;
    }

    /** Records that an AppendEntries carrying {@code leaderCommit} went out (see {@link #wantsMore}). */
    void sentCommit(int leaderCommit) {
        commitSent = leaderCommit;
    }

    /**
     * Whether to send again right after an answer: my latest RPC was answered and the peer lacks entries or the latest
     * commit index. This is what coalesces a burst of start()s into a few RPCs, and what makes the fast backup take
     * one round trip per conflicting term.
     */
    boolean wantsMore(int lastLogIndex, int commitIndex) {
        return !latestOut && (nextIndex <= lastLogIndex || commitSent < commitIndex);
    }

    // ---- pacing of AppendEntries and InstallSnapshot --------------------------------------------------------

    /** Records an AppendEntries or InstallSnapshot sent at {@code now}; {@return its sequence number} */
    int beginSend(long now) {
        latestOut = true;
        lastSent = now;
        return ++sentSeq;
    }

    /** Records that RPC {@code seq} finished at {@code now}, answered or not (lost, timed out, peer down). */
    void finished(int seq, boolean answered, long now) {
        if (seq == sentSeq) {
            latestOut = false;
        }
        if (answered) {
            lastHeard = now;
        }
    }

    /** {@return whether my latest RPC to the peer was answered (or none was sent), so a new one may go at once} */
    boolean idle() {
        return !latestOut;
    }

    /**
     * {@return whether a heartbeat is due at {@code now}} The interval is {@link #HEARTBEAT_MS} when my latest RPC was
     * answered. While it is still out, the peer may be slow to reply (long reordering delays replies by up to 2.2 s,
     * though the request arrived) or down (a call to a crashed or disconnected peer takes up to 7 s to fail): keep it
     * fed every {@link #PROBE_MS} while it answered recently, then slow down to {@link #SLOW_PROBE_MS}, so a dead
     * peer costs a few RPCs a second, not ten.
     */
    boolean heartbeatDue(long now) {
        long interval = !latestOut ? HEARTBEAT_MS : now - lastHeard < SILENT_MS ? PROBE_MS : SLOW_PROBE_MS;
        return now - lastSent >= interval;
    }

    /**
     * Records a request from the peer (it is reachable). {@return whether it had been silent so long that the leader
     * should bring it up to date now instead of waiting for a slow probe}
     */
    boolean heardFrom(long now) {
        boolean wasSilent = now - lastHeard >= SILENT_MS;
        lastHeard = now;
        return wasSilent;
    }

    // ---- pacing of RequestVote (§5.2) -----------------------------------------------------------------------

    /**
     * Whether to ask the peer for its vote in a new election at {@code now}. One that answered my last request is asked
     * every time. One whose last request is still out after {@link #SILENT_MS} is probably unreachable (a call to it
     * takes up to 7 s to fail): it is asked again only once a second, not in every election.
     */
    boolean shouldRequestVote(long now) {
        return !voteOut || now - voteSentAt >= SILENT_MS;
    }

    /** Records a RequestVote sent at {@code now}; {@return its sequence number} */
    int beginVote(long now) {
        voteOut = true;
        voteSentAt = now;
        return ++voteSeq;
    }

    /** Records that RequestVote {@code seq} finished, answered or not. */
    void voteFinished(int seq) {
        if (seq == voteSeq) {
            voteOut = false;
        }
    }
}
