//+solution-file
package raftlab.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static raftlab.raft.RaftRules.NO_VOTE;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of Figure 2 and §7, in etcd's raft_paper_test style: set up a state, apply the rule, check the
 * outcome. No threads, no clock. Each test names the section of the extended Raft paper it checks.
 */
class RaftRulesTest {

    /** A log holding entries with the given terms at indices 1, 2, ... */
    static RaftLog logOf(int... terms) {
        RaftLog log = new RaftLog();
        for (int term : terms) {
            log.append(new LogEntry(term, "x" + log.lastIndex()));
        }
        return log;
    }

    static List<LogEntry> entries(int... terms) {
        List<LogEntry> result = new ArrayList<>();
        for (int term : terms) {
            result.add(new LogEntry(term, "new" + result.size()));
        }
        return result;
    }

    static int[] termsOf(RaftLog log) {
        int[] terms = new int[log.lastIndex() - log.snapshotIndex()];
        for (int i = log.firstIndex(); i <= log.lastIndex(); i++) {
            terms[i - log.firstIndex()] = log.termAt(i);
        }
        return terms;
    }

    @Nested
    @DisplayName("RequestVote")
    class Votes {

        @Test
        @DisplayName("§5.1: a candidate from an older term gets no vote")
        void rejectStaleTerm() {
            assertThat(RaftRules.grantVote(5, NO_VOTE, 4, 1, 10, 4, 0, 0)).isFalse();
        }

        @Test
        @DisplayName("§5.2: one vote per term, first come first served")
        void oneVotePerTerm() {
            assertThat(RaftRules.grantVote(3, NO_VOTE, 3, 1, 0, 0, 0, 0)).isTrue();
            assertThat(RaftRules.grantVote(3, 1, 3, 2, 0, 0, 0, 0)).isFalse();
        }

        @Test
        @DisplayName("§5.2: voting again for the same candidate is allowed (its reply may have been lost)")
        void repeatVoteForSameCandidate() {
            assertThat(RaftRules.grantVote(3, 2, 3, 2, 0, 0, 0, 0)).isTrue();
        }

        @Test
        @DisplayName("§5.1: a higher term is a new term in which I have not voted yet")
        void newTermFreesTheVote() {
            assertThat(RaftRules.grantVote(3, 1, 4, 2, 0, 0, 0, 0)).isTrue();
        }

        @Test
        @DisplayName("§5.4.1: a higher last term is more up-to-date, whatever the lengths")
        void higherLastTermWins() {
            assertThat(RaftRules.isUpToDate(1, 3, 10, 2)).isTrue();
            assertThat(RaftRules.isUpToDate(10, 2, 1, 3)).isFalse();
        }

        @Test
        @DisplayName("§5.4.1: with equal last terms, the longer log is more up-to-date; equal logs qualify")
        void equalLastTermLongerWins() {
            assertThat(RaftRules.isUpToDate(5, 2, 4, 2)).isTrue();
            assertThat(RaftRules.isUpToDate(5, 2, 5, 2)).isTrue();
            assertThat(RaftRules.isUpToDate(4, 2, 5, 2)).isFalse();
        }

        @Test
        @DisplayName("§5.4.1: no vote for a candidate whose log is behind mine, even in a newer term")
        void electionRestriction() {
            assertThat(RaftRules.grantVote(3, NO_VOTE, 4, 1, 2, 3, 3, 3)).isFalse();
        }

        @Test
        @DisplayName("§5.2: a candidate needs a strict majority of all peers")
        void majority() {
            assertThat(RaftRules.isMajority(2, 3)).isTrue();
            assertThat(RaftRules.isMajority(1, 3)).isFalse();
            assertThat(RaftRules.isMajority(2, 4)).isFalse();
            assertThat(RaftRules.isMajority(3, 5)).isTrue();
            assertThat(RaftRules.isMajority(1, 1)).isTrue();
        }
    }

    @Nested
    @DisplayName("AppendEntries consistency check and fast backup")
    class Consistency {

        @Test
        @DisplayName("§5.3: prevLogIndex 0 (the dummy entry) always matches")
        void emptyPrefixMatches() {
            assertThat(RaftRules.checkPrevious(logOf(), 0, 0)).isNull();
            assertThat(RaftRules.checkPrevious(logOf(1, 1), 0, 0)).isNull();
        }

        @Test
        @DisplayName("§5.3: an entry with the same index and term matches")
        void sameIndexAndTermMatches() {
            assertThat(RaftRules.checkPrevious(logOf(1, 2, 2), 3, 2)).isNull();
        }

        @Test
        @DisplayName("§5.3, 3C hint: a log too short for prevLogIndex reports its length (XLen), XTerm = -1")
        void tooShort() {
            RaftRules.Conflict c = RaftRules.checkPrevious(logOf(1, 1), 5, 1);
            assertThat(c).isEqualTo(new RaftRules.Conflict(-1, -1, 3));
        }

        @Test
        @DisplayName("§5.3, 3C hint: a term mismatch reports the conflicting term and its first index")
        void termMismatch() {
            // index:            1  2  3  4  5
            RaftLog log = logOf(1, 1, 2, 2, 2);
            RaftRules.Conflict c = RaftRules.checkPrevious(log, 5, 3);
            assertThat(c).isEqualTo(new RaftRules.Conflict(2, 3, 6));
        }

        @Test
        @DisplayName("§7: an index inside my snapshot is committed, so it matches")
        void snapshotPrefixMatches() {
            RaftLog log = logOf(1, 1, 2, 2);
            log.compact(3);
            assertThat(RaftRules.checkPrevious(log, 2, 99)).isNull();
            assertThat(RaftRules.checkPrevious(log, 3, 2)).isNull();
        }

        @Test
        @DisplayName("§7, 3C hint: the conflicting term's first index never reaches into the snapshot")
        void firstIndexStopsAtSnapshot() {
            RaftLog log = logOf(2, 2, 2, 2, 2);
            log.compact(2);
            assertThat(RaftRules.checkPrevious(log, 5, 3)).isEqualTo(new RaftRules.Conflict(2, 3, 6));
        }

        @Test
        @DisplayName("3C hint: leader lacks XTerm, so nextIndex = XIndex (skip the follower's whole term)")
        void leaderLacksTerm() {
            RaftLog leader = logOf(1, 1, 3, 3);
            assertThat(RaftRules.nextIndexAfterConflict(leader, new RaftRules.Conflict(2, 3, 6))).isEqualTo(3);
        }

        @Test
        @DisplayName("3C hint: leader has XTerm, so nextIndex = its last entry of XTerm + 1")
        void leaderHasTerm() {
            RaftLog leader = logOf(1, 1, 2, 2, 4, 4);
            assertThat(RaftRules.nextIndexAfterConflict(leader, new RaftRules.Conflict(2, 3, 6))).isEqualTo(5);
        }

        @Test
        @DisplayName("3C hint: follower's log too short, so nextIndex = XLen")
        void followerTooShort() {
            RaftLog leader = logOf(1, 1, 2, 2);
            assertThat(RaftRules.nextIndexAfterConflict(leader, new RaftRules.Conflict(-1, -1, 2))).isEqualTo(2);
        }

        @Test
        @DisplayName("§7, 3C hint: a term the leader compacted away counts as missing")
        void leaderTermInSnapshot() {
            RaftLog leader = logOf(1, 1, 2, 2, 3);
            leader.compact(3);   // index 3 (term 2) is now the snapshot's last entry; 1 and 2 (term 1) are gone
            assertThat(RaftRules.nextIndexAfterConflict(leader, new RaftRules.Conflict(1, 1, 4))).isEqualTo(1);
            assertThat(RaftRules.nextIndexAfterConflict(leader, new RaftRules.Conflict(2, 3, 4))).isEqualTo(5);
        }
    }

    @Nested
    @DisplayName("AppendEntries log update")
    class Append {

        @Test
        @DisplayName("§5.3: new entries are appended after a match")
        void appendsNew() {
            RaftLog log = logOf(1);
            assertThat(RaftRules.appendEntries(log, 1, entries(1, 2))).isTrue();
            assertThat(termsOf(log)).containsExactly(1, 1, 2);
        }

        @Test
        @DisplayName("§5.3: a conflicting entry is deleted with all that follow it, then replaced")
        void conflictTruncates() {
            RaftLog log = logOf(1, 2, 2, 2);
            assertThat(RaftRules.appendEntries(log, 1, entries(3))).isTrue();
            assertThat(termsOf(log)).containsExactly(1, 3);
        }

        @Test
        @DisplayName("§5.3: entries that match are kept, and so is what follows (a delayed, shorter RPC)")
        void neverTruncateOnMatch() {
            RaftLog log = logOf(1, 1, 1, 1);
            assertThat(RaftRules.appendEntries(log, 1, entries(1))).isFalse();
            assertThat(termsOf(log)).containsExactly(1, 1, 1, 1);
        }

        @Test
        @DisplayName("§5.3: a heartbeat (no entries) changes nothing")
        void heartbeat() {
            RaftLog log = logOf(1, 2);
            assertThat(RaftRules.appendEntries(log, 2, List.of())).isFalse();
            assertThat(termsOf(log)).containsExactly(1, 2);
        }

        @Test
        @DisplayName("§7: entries already covered by my snapshot are skipped")
        void skipsSnapshotted() {
            RaftLog log = logOf(1, 1, 1);
            log.compact(2);
            assertThat(RaftRules.appendEntries(log, 0, entries(1, 1, 1, 2))).isTrue();
            assertThat(log.snapshotIndex()).isEqualTo(2);
            assertThat(log.lastIndex()).isEqualTo(4);
            assertThat(log.termAt(4)).isEqualTo(2);
        }

        @Test
        @DisplayName("§5.3: commitIndex = min(leaderCommit, index of last new entry), never backwards")
        void followerCommit() {
            assertThat(RaftRules.followerCommitIndex(0, 5, 3)).isEqualTo(3);
            assertThat(RaftRules.followerCommitIndex(0, 2, 3)).isEqualTo(2);
            assertThat(RaftRules.followerCommitIndex(4, 2, 3)).isEqualTo(4);
        }
    }

    @Nested
    @DisplayName("Leader commit")
    class Commit {

        @Test
        @DisplayName("§5.3: an entry of the current term stored on a majority is committed")
        void majorityCommits() {
            RaftLog log = logOf(1, 1, 1);
            assertThat(RaftRules.leaderCommitIndex(new int[] {3, 2, 0}, log, 1, 0)).isEqualTo(2);
        }

        @Test
        @DisplayName("§5.3: a minority does not commit")
        void minorityDoesNot() {
            RaftLog log = logOf(1, 1, 1);
            assertThat(RaftRules.leaderCommitIndex(new int[] {3, 0, 0, 1, 0}, log, 1, 0)).isEqualTo(0);
        }

        @Test
        @DisplayName("§5.4.2 (Figure 8): an older term's entry is not committed by counting replicas")
        void oldTermNotByCounting() {
            RaftLog log = logOf(1, 2, 4);   // leader of term 4; index 2 from term 2 is on a majority
            assertThat(RaftRules.leaderCommitIndex(new int[] {3, 2, 2, 0, 0}, log, 4, 1)).isEqualTo(1);
        }

        @Test
        @DisplayName("§5.4.2: committing a current-term entry commits the older entries before it")
        void currentTermCommitsPrefix() {
            RaftLog log = logOf(1, 2, 4);
            assertThat(RaftRules.leaderCommitIndex(new int[] {3, 3, 3, 0, 0}, log, 4, 1)).isEqualTo(3);
        }

        @Test
        @DisplayName("§5.3: the commit index never goes back")
        void neverBackwards() {
            RaftLog log = logOf(1, 1, 1);
            assertThat(RaftRules.leaderCommitIndex(new int[] {3, 1, 1}, log, 1, 2)).isEqualTo(2);
        }
    }
}
