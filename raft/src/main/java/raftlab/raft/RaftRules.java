//+solution-file
package raftlab.raft;

import java.util.Arrays;
import java.util.List;

/**
 * The decisions of Figure 2 and §7 as small pure functions: no threads, no clock, no I/O. {@link RaftNode} calls
 * them under its lock and performs the effects (persisting, replying, sending); {@code RaftRulesTest} checks each
 * one against the sentence of the paper it implements.
 *
 * <p>Section numbers refer to the extended Raft paper (Ongaro and Ousterhout, "In Search of an Understandable
 * Consensus Algorithm", extended version).
 */
final class RaftRules {

    /** {@code votedFor} when this peer has not voted in its current term. */
    static final int NO_VOTE = -1;

    private RaftRules() {}

    /**
     * §5.4.1: a candidate's log is at least as up-to-date as mine if its last term is higher, or the last terms are
     * equal and its log is at least as long.
     */
    static boolean isUpToDate(int candidateLastIndex, int candidateLastTerm, int myLastIndex, int myLastTerm) {
        if (candidateLastTerm != myLastTerm) {
            return candidateLastTerm > myLastTerm;
        }
        return candidateLastIndex >= myLastIndex;
    }

    /**
     * RequestVote receiver (Figure 2): never vote for an older term (§5.1); at most one vote per term, first come
     * first served (§5.2), though repeating a vote for the same candidate is fine (its reply may have been lost);
     * only for a candidate whose log is at least as up-to-date as mine (§5.4.1). A higher candidate term means a new
     * term in which I have not voted yet.
     */
    static boolean grantVote(int currentTerm, int votedFor, int candidateTerm, int candidateId,
                             int candidateLastIndex, int candidateLastTerm, int myLastIndex, int myLastTerm) {
        if (candidateTerm < currentTerm) {
            return false;
        }
        boolean free = candidateTerm > currentTerm || votedFor == NO_VOTE || votedFor == candidateId;
        return free && isUpToDate(candidateLastIndex, candidateLastTerm, myLastIndex, myLastTerm);
    }

    /** {@return whether {@code count} of {@code peers} servers form a majority (§5.2)} */
    static boolean isMajority(int count, int peers) {
        return 2 * count > peers;
    }

    /**
     * Why a follower rejected an AppendEntries, for the leader's fast log backup (MIT 6.5840 Lab 3C hint, after
     * §5.3's "the follower can include the term of the conflicting entry and the first index it stores for that
     * term").
     *
     * @param xTerm  the term of the follower's entry at {@code prevLogIndex}, or -1 if its log is too short
     * @param xIndex the follower's first index of {@code xTerm}, or -1 if its log is too short
     * @param xLen   the follower's log length: {@code lastIndex + 1}, counting the dummy entry at 0
     */
    record Conflict(int xTerm, int xIndex, int xLen) {}

    /**
     * AppendEntries receiver, consistency check (§5.3): reply false if my log has no entry at {@code prevIndex}
     * whose term is {@code prevTerm}. An entry already in my snapshot is committed, so it matches whatever the
     * leader says (Log Matching, §5.3, and Leader Completeness, §5.4).
     *
     * @return {@code null} when the logs match at {@code prevIndex}, else what the leader needs to back up fast
     */
    static Conflict checkPrevious(RaftLog log, int prevIndex, int prevTerm) {
        if (prevIndex > log.lastIndex()) {
            return new Conflict(-1, -1, log.lastIndex() + 1);
        }
        if (prevIndex <= log.snapshotIndex()) {
            return null;
        }
        int term = log.termAt(prevIndex);
        if (term == prevTerm) {
            return null;
        }
        int first = prevIndex;
        while (first - 1 >= log.firstIndex() && log.termAt(first - 1) == term) {
            first--;
        }
        return new Conflict(term, first, log.lastIndex() + 1);
    }

    /**
     * AppendEntries receiver, after the check passed (Figure 2, steps 3 and 4): an existing entry that conflicts
     * with a new one (same index, different term) is deleted with all that follow it; new entries not already in the
     * log are appended. Entries that match are kept, and so is everything after them: a delayed, shorter
     * AppendEntries must not remove entries a later one added (§5.3).
     *
     * @return whether the log changed (and must be persisted)
     */
    static boolean appendEntries(RaftLog log, int prevIndex, List<LogEntry> entries) {
        boolean changed = false;
        for (int i = 0; i < entries.size(); i++) {
            int index = prevIndex + 1 + i;
            if (index <= log.snapshotIndex()) {
                continue;                                   // committed, and so identical (§5.4)
            }
            if (index <= log.lastIndex()) {
                if (log.termAt(index) == entries.get(i).term()) {
                    continue;
                }
                log.truncateFrom(index);
            }
            log.append(entries.get(i));
            changed = true;
        }
        return changed;
    }

    /**
     * AppendEntries receiver, step 5: {@code commitIndex = min(leaderCommit, index of last new entry)}. Only the
     * entries this RPC vouched for count, not whatever stale suffix the log may still hold; and the commit index
     * never goes back.
     */
    static int followerCommitIndex(int commitIndex, int leaderCommit, int lastNewIndex) {
        return Math.max(commitIndex, Math.min(leaderCommit, lastNewIndex));
    }

    /**
     * Leader rule (Figure 2): commit the highest N that a majority has replicated ({@code matchIndex[i] >= N}), but
     * only if {@code log[N].term == currentTerm} (§5.3, §5.4.2): an older term's entry is committed only indirectly,
     * by committing a current-term entry after it (the Figure 8 scenario).
     *
     * @param matchIndex for every peer, the highest index known replicated there; the leader's own slot holds its
     *                   last log index
     * @return the new commit index, never below {@code commitIndex}
     */
    static int leaderCommitIndex(int[] matchIndex, RaftLog log, int currentTerm, int commitIndex) {
        int[] sorted = matchIndex.clone();
        Arrays.sort(sorted);
        // The value at this position is held by a majority: itself and everything above it in sorted order.
        int n = sorted[(sorted.length - 1) / 2];
        if (n > commitIndex && n <= log.lastIndex() && log.hasTermAt(n) && log.termAt(n) == currentTerm) {
            return n;
        }
        // Terms never decrease along a log, so if log[n] is from an older term, every lower entry is too.
        return commitIndex;
    }

    /**
     * Leader side of the fast backup (MIT 6.5840 Lab 3C hint): the follower's log is too short, so retry from its
     * end; or I have no entry of the follower's conflicting term, so skip that whole term; or I have it, so retry
     * right after my last entry of that term. Terms before my snapshot are unknown to me and treated as missing.
     *
     * @return the leader's new {@code nextIndex} for that follower (the caller keeps it above matchIndex)
     */
    static int nextIndexAfterConflict(RaftLog leaderLog, Conflict conflict) {
        if (conflict.xTerm() == -1) {
            return conflict.xLen();
        }
        for (int i = leaderLog.lastIndex(); i >= leaderLog.snapshotIndex(); i--) {
            int term = leaderLog.termAt(i);
            if (term == conflict.xTerm()) {
                return i + 1;
            }
            if (term < conflict.xTerm()) {
                break;
            }
        }
        return conflict.xIndex();
    }
}
