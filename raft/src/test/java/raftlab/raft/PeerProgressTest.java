//+solution-file
package raftlab.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static raftlab.raft.PeerProgress.HEARTBEAT_MS;
import static raftlab.raft.PeerProgress.PROBE_MS;
import static raftlab.raft.PeerProgress.SILENT_MS;
import static raftlab.raft.PeerProgress.SLOW_PROBE_MS;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What a leader knows about one follower, and when it talks to it. No threads, no clock: each test passes the time
 * in, the way {@link RaftNode} does with its lock held.
 */
class PeerProgressTest {

    /** A follower's progress as a leader of a log ending at {@code lastLogIndex} sees it at {@code now}. */
    static PeerProgress leaderWithLogEndingAt(int lastLogIndex, long now) {
        PeerProgress p = new PeerProgress();
        p.becomeLeader(lastLogIndex, now);
        return p;
    }

    @Nested
    @DisplayName("nextIndex and matchIndex")
    class Replication {

        @Test
        @DisplayName("§5.3: a new leader sets nextIndex just past its last entry and matchIndex to 0")
        void newLeader() {
            PeerProgress p = new PeerProgress();
            p.acknowledged(4);   // from an earlier term as leader

            p.becomeLeader(7, 0);

            assertThat(p.nextIndex()).isEqualTo(8);
            assertThat(p.matchIndex()).isZero();
        }

        @Test
        @DisplayName("§5.3: a successful AppendEntries moves matchIndex to the last entry sent and nextIndex past it")
        void success() {
            PeerProgress p = leaderWithLogEndingAt(3, 0);

            p.acknowledged(5);

            assertThat(p.matchIndex()).isEqualTo(5);
            assertThat(p.nextIndex()).isEqualTo(6);
        }

        @Test
        @DisplayName("§5.3: a late reply to an older, shorter AppendEntries moves neither index back")
        void lateReplyIsHarmless() {
            PeerProgress p = leaderWithLogEndingAt(3, 0);
            p.acknowledged(9);

            p.acknowledged(4);

            assertThat(p.matchIndex()).isEqualTo(9);
            assertThat(p.nextIndex()).isEqualTo(10);
        }

        @Test
        @DisplayName("§5.3: after a rejection nextIndex backs up, to where the fast backup says")
        void rejectionBacksUp() {
            PeerProgress p = leaderWithLogEndingAt(10, 0);

            p.rejected(4, 10);

            assertThat(p.nextIndex()).isEqualTo(4);
        }

        @Test
        @DisplayName("§5.3: a rejection never sends nextIndex to or below what the follower is known to hold")
        void rejectionStaysAboveMatch() {
            PeerProgress p = leaderWithLogEndingAt(10, 0);
            p.acknowledged(6);

            p.rejected(2, 10);   // a late rejection of an RPC sent before the acknowledgement

            assertThat(p.nextIndex()).isEqualTo(7);
        }

        @Test
        @DisplayName("§5.3: a rejection never sends nextIndex past the end of the leader's log")
        void rejectionStaysInsideTheLog() {
            PeerProgress p = leaderWithLogEndingAt(10, 0);

            p.rejected(50, 10);   // a follower with a longer log (xLen 50)

            assertThat(p.nextIndex()).isEqualTo(11);
        }

        @Test
        @DisplayName("§7: a follower whose next entry was compacted away needs the snapshot")
        void needsSnapshot() {
            PeerProgress p = leaderWithLogEndingAt(10, 0);
            p.rejected(3, 10);

            assertThat(p.needsSnapshot(2)).isFalse();
            assertThat(p.needsSnapshot(3)).isTrue();
        }

        @Test
        @DisplayName("an answered follower gets more at once if it lacks entries or the latest commit index")
        void wantsMore() {
            PeerProgress p = leaderWithLogEndingAt(5, 0);
            int seq = p.beginSend(0);
            p.sentCommit(3);
            assertThat(p.wantsMore(6, 3)).as("latest RPC still out").isFalse();

            p.finished(seq, true, 10);
            assertThat(p.wantsMore(6, 3)).as("lacks entry 6, appended since").isTrue();

            p.acknowledged(6);
            assertThat(p.wantsMore(6, 3)).as("up to date").isFalse();
            assertThat(p.wantsMore(6, 4)).as("commit index moved since").isTrue();
        }
    }

    @Nested
    @DisplayName("pacing AppendEntries")
    class Pacing {

        @Test
        @DisplayName("§5.2: an answered follower gets a heartbeat every HEARTBEAT_MS")
        void heartbeatWhenAnswered() {
            PeerProgress p = leaderWithLogEndingAt(0, 0);
            p.finished(p.beginSend(1000), true, 1010);

            assertThat(p.heartbeatDue(1000 + HEARTBEAT_MS - 1)).isFalse();
            assertThat(p.heartbeatDue(1000 + HEARTBEAT_MS)).isTrue();
        }

        @Test
        @DisplayName("a follower with an RPC still out is probed every PROBE_MS while it answered recently")
        void probeWhileOut() {
            PeerProgress p = leaderWithLogEndingAt(0, 1000);
            p.beginSend(1000);

            assertThat(p.idle()).isFalse();
            assertThat(p.heartbeatDue(1000 + HEARTBEAT_MS)).isFalse();
            assertThat(p.heartbeatDue(1000 + PROBE_MS)).isTrue();
        }

        @Test
        @DisplayName("a follower silent for SILENT_MS is probed only every SLOW_PROBE_MS")
        void slowProbeWhenSilent() {
            PeerProgress p = leaderWithLogEndingAt(0, 0);
            long sent = SILENT_MS + 500;
            p.beginSend(sent);

            assertThat(p.heartbeatDue(sent + PROBE_MS)).isFalse();
            assertThat(p.heartbeatDue(sent + SLOW_PROBE_MS)).isTrue();
        }

        @Test
        @DisplayName("only the latest RPC counts as out: an older one failing late does not free the follower")
        void onlyTheLatestRpcCounts() {
            PeerProgress p = leaderWithLogEndingAt(0, 0);
            int first = p.beginSend(0);
            int second = p.beginSend(PROBE_MS);

            p.finished(first, false, 7000);
            assertThat(p.idle()).as("the second is still out").isFalse();

            p.finished(second, true, 7001);
            assertThat(p.idle()).isTrue();
        }

        @Test
        @DisplayName("a request from a silent follower says it is back; one from a chatty one does not")
        void heardFrom() {
            PeerProgress p = leaderWithLogEndingAt(0, 0);

            assertThat(p.heardFrom(SILENT_MS - 1)).isFalse();
            assertThat(p.heardFrom(2 * SILENT_MS)).isTrue();
            assertThat(p.heardFrom(2 * SILENT_MS + 1)).isFalse();
        }
    }

    @Nested
    @DisplayName("pacing RequestVote")
    class Votes {

        @Test
        @DisplayName("§5.2: a peer that answered is asked in every election")
        void answeredPeerIsAskedAgain() {
            PeerProgress p = new PeerProgress();
            p.voteFinished(p.beginVote(0));

            assertThat(p.shouldRequestVote(1)).isTrue();
        }

        @Test
        @DisplayName("a peer whose RequestVote is still out is asked again only after SILENT_MS")
        void silentPeerIsAskedOncePerSecond() {
            PeerProgress p = new PeerProgress();
            p.beginVote(0);

            assertThat(p.shouldRequestVote(SILENT_MS - 1)).isFalse();
            assertThat(p.shouldRequestVote(SILENT_MS)).isTrue();
        }

        @Test
        @DisplayName("only the latest RequestVote counts as out")
        void onlyTheLatestVoteCounts() {
            PeerProgress p = new PeerProgress();
            int first = p.beginVote(0);
            p.beginVote(SILENT_MS);

            p.voteFinished(first);

            assertThat(p.shouldRequestVote(SILENT_MS + 1)).isFalse();
        }
    }
}
