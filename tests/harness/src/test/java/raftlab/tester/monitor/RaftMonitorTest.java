package raftlab.tester.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import raftlab.raft.ApplyMsg;
import raftlab.raft.LogEntry;
import raftlab.raft.RaftMessage.AppendEntriesArgs;
import raftlab.raft.RaftMessage.AppendEntriesReply;
import raftlab.raft.RaftMessage.InstallSnapshotArgs;
import raftlab.raft.RaftMessage.InstallSnapshotReply;
import raftlab.raft.RaftMessage.RequestVoteArgs;
import raftlab.raft.RaftMessage.RequestVoteReply;

/**
 * The invariant monitor on crafted event sequences (raftlab's own, beyond MIT): each rule fires on the first event
 * that breaks it, with a message naming rule, section, peers, term and index; and legal sequences, including the
 * ones a lossy, reordering network produces, raise nothing.
 */
class RaftMonitorTest {

    private final List<String> reported = new ArrayList<>();
    private long now = 1234;
    private RaftMonitor monitor;
    private final RaftMonitor.Peer[] peers = new RaftMonitor.Peer[3];

    @BeforeEach
    void threePeers() {
        monitor = new RaftMonitor(3, () -> now, reported::add);
        for (int i = 0; i < 3; i++) {
            incarnation[i] = 0;
            peers[i] = start(i, 0, 0);
        }
    }

    private final int[] incarnation = new int[3];

    /** A new incarnation of {@code peer}, with fresh ends and some persisted Raft state. */
    private RaftMonitor.Peer start(int peer, int restoredIndex) {
        return start(peer, restoredIndex, 40);
    }

    private RaftMonitor.Peer start(int peer, int restoredIndex, int restoredStateBytes) {
        incarnation[peer]++;
        List<String> ends = new ArrayList<>();
        for (int to = 0; to < 3; to++) {
            ends.add(end(peer, to));
        }
        return monitor.incarnation(peer, "s" + peer, ends, restoredIndex, restoredStateBytes);
    }

    /** The current incarnation's end from S{from} to S{to}. */
    private String end(int from, int to) {
        return end(from, to, incarnation[from]);
    }

    private static String end(int from, int to, int incarnation) {
        return "e" + from + "-" + to + "#" + incarnation;
    }

    private void rpc(int from, int to, Object args, Object reply) {
        monitor.delivered(end(from, to), "s" + to, "Raft.x", args, reply);
    }

    private void vote(int voter, int candidate, int term, boolean granted) {
        rpc(candidate, voter, new RequestVoteArgs(term, candidate, 0, 0), new RequestVoteReply(term, granted));
    }

    /** S{leader} wins {@code term} with S{voter}'s vote. */
    private void elect(int leader, int voter, int term) {
        vote(voter, leader, term, true);
    }

    private void heartbeat(int leader, int to, int term, int prev, int leaderCommit, LogEntry... entries) {
        rpc(leader, to, new AppendEntriesArgs(term, leader, prev, prev == 0 ? 0 : term, List.of(entries), leaderCommit),
                new AppendEntriesReply(term, true));
    }

    /** {@code getState()} answered {@code (term, isLeader)}, with nothing delivered while it ran. */
    private static void getState(RaftMonitor.Peer p, int term, boolean isLeader) {
        p.state(term, isLeader, p.termFloor());
    }

    /** {@code start(command)} answered, with nothing delivered while it ran. */
    private static void start(RaftMonitor.Peer p, Object command, int index, int term, boolean isLeader) {
        p.started(command, index, term, isLeader, p.termFloor());
    }

    private String onlyViolation() {
        assertThat(reported).hasSize(1);
        assertThat(monitor.violation()).isEqualTo(reported.get(0));
        return reported.get(0);
    }

    @Test
    void aLegalHistoryRaisesNothing() {
        elect(0, 1, 1);
        vote(2, 0, 1, true);                                     // a late extra vote: fine
        getState(peers[0], 1, true);
        start(peers[0], 100, 1, 1, true);
        heartbeat(0, 1, 1, 0, 0, new LogEntry(1, 100));
        heartbeat(0, 2, 1, 0, 1, new LogEntry(1, 100));          // a resend carries the same entry
        peers[1].applied(new ApplyMsg.Command(1, 100));
        peers[1].saved(0);
        vote(1, 2, 2, true);                                     // term 2: S2 wins
        vote(0, 2, 2, false);
        rpc(0, 2, new AppendEntriesArgs(1, 0, 1, 1, List.of(), 1), new AppendEntriesReply(2, false));  // stale leader
        getState(peers[2], 2, true);
        getState(peers[0], 2, false);
        assertThat(reported).isEmpty();
    }

    @Test
    void aSecondVoteInOneTermAcrossARestartFires() {
        // Mutant "votedFor not restored after a restart": readPersist forgets votedFor.
        elect(0, 1, 4);
        now = 2500;
        peers[1] = start(1, 0);                                  // S1 crashes and restarts
        vote(1, 2, 4, true);
        assertThat(onlyViolation()).contains("Election Safety: a peer votes at most once per term", "§5.2",
                "S1 voted in term 4 for S0", "and for S2", "at 1.234 s", "at 2.500 s", "usual causes: votedFor");
    }

    @Test
    void votingForAnotherAfterCampaigningFires() {
        rpc(1, 0, new RequestVoteArgs(3, 1, 0, 0), new RequestVoteReply(3, false));   // S1 campaigns in term 3
        vote(1, 2, 3, true);                                                            // and then votes for S2
        assertThat(onlyViolation()).contains("S1 voted in term 3 for S1 (its own RequestVote to S0",
                "and for S2");
    }

    @Test
    void aLeaderWithoutAMajorityFires() {
        // Mutant "count a vote reply from an earlier campaign": S0's term-5 vote counted in term 6.
        elect(0, 1, 5);
        vote(2, 0, 6, false);
        getState(peers[0], 6, true);
        assertThat(onlyViolation()).contains("becomes leader only with votes from a majority", "§5.2",
                "S0 acted as leader of term 6 (answered getState() as leader), but only [S0] granted it a vote in term 6");
    }

    @Test
    void twoLeadersInOneTermFire() {
        elect(0, 1, 7);
        elect(2, 1, 7);                      // S1's double vote is the root cause; report whichever comes first
        assertThat(onlyViolation()).contains("votes at most once per term");

        reported.clear();
        threePeers();
        // Leaders seen without the votes: an AppendEntries from each (the second also lacks a majority, but
        // the one-leader rule is checked first).
        elect(0, 1, 7);
        heartbeat(0, 1, 7, 0, 0);
        rpc(2, 1, new AppendEntriesArgs(7, 2, 0, 0, List.of(), 0), new AppendEntriesReply(7, true));
        assertThat(onlyViolation()).contains("at most one leader per term", "S0 and S2 both led term 7",
                "S0 sent AppendEntries to S1", "S2 sent AppendEntries to S1");
    }

    @Test
    void aWrongLeaderIdFires() {
        elect(0, 1, 1);
        rpc(0, 1, new AppendEntriesArgs(1, 1, 0, 0, List.of(), 0), new AppendEntriesReply(1, true));
        assertThat(onlyViolation()).contains("leaderId name the peer that sends", "S0 sent AppendEntries(term 1) "
                + "with leaderId 1");
    }

    @Test
    void aReplyInAnOlderTermFires() {
        // Mutant: requestVote answers before adopting the candidate's higher term.
        rpc(0, 1, new RequestVoteArgs(3, 0, 0, 0), new RequestVoteReply(2, false));
        assertThat(onlyViolation()).contains("adopts it before it replies", "§5.1",
                "S1 answered S0's RequestVote of term 3 with term 2");
    }

    @Test
    void acceptingAStaleLeaderFires() {
        // Mutant: appendEntries without "reply false if term < currentTerm".
        elect(0, 1, 2);
        rpc(0, 2, new AppendEntriesArgs(2, 0, 0, 0, List.of(), 0), new AppendEntriesReply(4, true));
        assertThat(onlyViolation()).contains("a request from an older term is refused",
                "S2 accepted S0's AppendEntries of term 2 while in term 4");
    }

    @Test
    void twoCommandsAtOneIndexAndTermFire() {
        // Mutant: entries sent from nextIndex but labelled with prevLogIndex = nextIndex (off by one).
        elect(0, 1, 1);
        start(peers[0], "a", 1, 1, true);
        start(peers[0], "b", 2, 1, true);
        heartbeat(0, 1, 1, 1, 0, new LogEntry(1, "a"), new LogEntry(1, "b"));
        assertThat(onlyViolation()).contains("Log Matching", "§5.3",
                "index 2, term 1 holds b (start() on S0", "and a (in S0's AppendEntries to S1)");
    }

    @Test
    void anEntryFromALaterTermFires() {
        elect(0, 1, 2);
        heartbeat(0, 1, 2, 0, 0, new LogEntry(3, "x"));
        assertThat(onlyViolation()).contains("no entry from a term after its own",
                "term 2 carries an entry of term 3 at index 1");
    }

    @Test
    void aCommitIndexBeyondEveryEntryFires() {
        // Mutant: the leader sends its log length + 1 as leaderCommit.
        elect(0, 1, 1);
        start(peers[0], "a", 1, 1, true);
        heartbeat(0, 1, 1, 1, 1);
        assertThat(reported).isEmpty();
        heartbeat(0, 2, 1, 1, 2);
        assertThat(onlyViolation()).contains("leaderCommit never names an index", "S0 sent leaderCommit 2 in term 1, "
                + "but no leader has created an entry beyond index 1");
    }

    @Test
    void appliedGoingBackwardsFires() {
        peers[1].applied(new ApplyMsg.Command(1, "a"));
        peers[1].applied(new ApplyMsg.Command(2, "b"));
        peers[1].applied(new ApplyMsg.Command(2, "b"));
        assertThat(onlyViolation()).contains("applied index never moves backwards", "S1 applied index 2 after index 2");
    }

    @Test
    void aNewIncarnationMayApplyFromItsSnapshot() {
        peers[1].applied(new ApplyMsg.Command(1, "a"));
        peers[1].applied(new ApplyMsg.Command(2, "b"));
        peers[1] = start(1, 0);
        peers[1].applied(new ApplyMsg.Command(1, "a"));
        assertThat(reported).isEmpty();
    }

    @Test
    void anOlderSnapshotOnApplyChFires() {
        // Mutant: installSnapshot accepts lastIncludedIndex <= commitIndex.
        RaftMonitor.Peer p = start(2, 10);
        p.applied(new ApplyMsg.Command(11, "k"));
        p.applied(new ApplyMsg.Command(12, "l"));
        p.applied(new ApplyMsg.Snapshot(12, 1, new byte[0]));      // same index: harmless
        p.applied(new ApplyMsg.Snapshot(10, 1, new byte[0]));
        assertThat(onlyViolation()).contains("a snapshot never rolls applied state back", "§7",
                "S2 delivered a snapshot through index 10 (term 1) after applying index 12");
    }

    @Test
    void erasingTheSavedSnapshotFires() {
        // Mutant: persist() passes null as the snapshot after snapshots began.
        peers[0].saved(0);
        peers[0].saved(9);
        peers[0].saved(9);
        RaftMonitor.Peer next = start(0, 9);
        next.saved(0);
        assertThat(onlyViolation()).contains("snapshot on stable storage never moves backwards",
                "S0 saved a snapshot through index 0 over one through index 9 (an empty snapshot)");
    }

    @Test
    void aForgottenTermFires() {
        // Mutant: currentTerm not persisted.
        rpc(0, 1, new RequestVoteArgs(5, 0, 0, 0), new RequestVoteReply(5, false));
        peers[1] = start(1, 0);
        getState(peers[1], 0, false);
        assertThat(onlyViolation()).contains("currentTerm never decreases", "S1's getState() said term 0, but S1 had "
                + "already answered an RPC in term 5");
    }

    @Test
    void aReplyDeliveredWhileGetStateRanDoesNotCountAgainstIt() {
        int floor = peers[1].termFloor();                                                   // getState() called
        rpc(0, 1, new RequestVoteArgs(5, 0, 0, 0), new RequestVoteReply(5, false));         // S1 moves to term 5
        peers[1].state(4, false, floor);                                                    // answered before it
        assertThat(reported).isEmpty();
        getState(peers[1], 4, false);                                                       // but not after it
        assertThat(onlyViolation()).contains("S1's getState() said term 4, but S1 had already answered an RPC in "
                + "term 5");
    }

    @Test
    void aTermGoingDownWithinAnIncarnationFires() {
        getState(peers[2], 3, false);
        start(peers[2], 1, -1, 2, false);
        assertThat(onlyViolation()).contains("S2's start() said term 2 after saying term 3");
    }

    @Test
    void aDeadIncarnationIsNotHeldToTheCurrentOnesRules() {
        RaftMonitor.Peer old = peers[1];
        elect(1, 0, 3);
        peers[1] = start(1, 0);
        getState(old, 3, true);              // the tester raced a restart: the dead one's answer is not evidence
        getState(peers[1], 3, false);
        assertThat(reported).isEmpty();
    }

    @Test
    void otherServicesAndUnknownEndsAreIgnored() {
        monitor.delivered("clerk-1", "s0", "KVServer.get", "a string", "reply");
        monitor.delivered("unknown", "s0", "Raft.requestVote", new RequestVoteArgs(1, 2, 0, 0),
                new RequestVoteReply(0, true));
        rpc(0, 1, new InstallSnapshotArgs(1, 0, 5, 1, new byte[0]), new InstallSnapshotReply(1));
        assertThat(reported).hasSize(1);                       // S0 leads term 1 without votes
        assertThat(reported.get(0)).contains("S0 acted as leader of term 1 (sent InstallSnapshot to S1)");
    }

    // ---- persistence across restarts (raftlab's own; catches the zoo's persist-noop) ----------------------------

    @Test
    void aRestartWithNothingPersistedAfterAnsweringFires() {
        // Mutant "persist-noop": persist() saves nothing, so S1 comes back empty after granting a vote in term 4
        // and acknowledging entries through index 2.
        elect(0, 1, 4);
        heartbeat(0, 1, 4, 0, 0, new LogEntry(4, "a"), new LogEntry(4, "b"));
        now = 3000;
        start(1, 0, 0);
        assertThat(onlyViolation()).contains("restarts from the state it persisted before answering",
                "Figure 2 (persistent state: updated on stable storage before responding to RPCs)",
                "S1 restarted at 3.000 s with no persisted Raft state",
                "answered S0's RequestVote of term 4 with term 4 (delivered at 1.234 s)",
                "acknowledged AppendEntries through index 2", "usual causes: persist() left empty");
    }

    @Test
    void aRestartWithNothingPersistedIsFineForAPeerThatNeverAnswered() {
        // A peer may crash before it persisted anything, as long as nobody heard from it (a crash before the save);
        // and a peer that only campaigned (its own RequestVote, no reply of its own delivered) revealed nothing.
        rpc(1, 0, new RequestVoteArgs(1, 1, 0, 0), new RequestVoteReply(1, false));
        start(1, 0, 0);
        start(2, 0, 0);
        assertThat(reported).isEmpty();
    }

    @Test
    void aRestartedPeerCampaigningInAnOlderTermFires() {
        // Mutant "currentTerm not restored": S2 answered in term 6, restarts with state, then campaigns in term 1.
        rpc(0, 2, new RequestVoteArgs(6, 0, 0, 0), new RequestVoteReply(6, false));
        now = 4000;
        peers[2] = start(2, 0);
        now = 4300;
        rpc(2, 0, new RequestVoteArgs(1, 2, 0, 0), new RequestVoteReply(6, false));
        assertThat(onlyViolation()).contains("currentTerm never decreases, also across restarts",
                "S2 restarted at 4.000 s and then sent RequestVote with term 1, though before the crash it answered "
                        + "S0's RequestVote of term 6 with term 6");
    }

    @Test
    void anOldIncarnationsRequestDeliveredAfterARestartIsNotHeldToTheNewFloor() {
        // S2's first incarnation sent RequestVote(term 2), then answered in term 6; the reply to its old request
        // arrives (long reordering) after S2 restarted: the request came through the old incarnation's end.
        String oldEnd = end(2, 0);
        rpc(0, 2, new RequestVoteArgs(6, 0, 0, 0), new RequestVoteReply(6, false));
        peers[2] = start(2, 0);
        monitor.delivered(oldEnd, "s0", "Raft.requestVote", new RequestVoteArgs(2, 2, 0, 0),
                new RequestVoteReply(6, false));
        rpc(2, 0, new RequestVoteArgs(7, 2, 0, 0), new RequestVoteReply(7, false));   // the new one campaigns on
        assertThat(reported).isEmpty();
        assertThat(end(2, 0, 1)).isEqualTo(oldEnd);
    }

    @Test
    void repliesDeliveredAfterARestartDoNotRaiseThatRestartsFloor() {
        // A reply delivered after S1's restart may come from the old incarnation (sent before the crash, held back
        // by long reordering) or from the new one after it sent its own request: the monitor cannot tell, so it
        // counts for the next restart's floor only, and a request of the new incarnation below it is no evidence.
        peers[1] = start(1, 0);
        rpc(0, 1, new RequestVoteArgs(9, 0, 0, 0), new RequestVoteReply(9, false));   // the old one's late reply
        rpc(1, 2, new RequestVoteArgs(3, 1, 0, 0), new RequestVoteReply(3, false));   // new incarnation, term 3
        assertThat(reported).isEmpty();
    }

    @Test
    void onlyTheFirstViolationIsReported() {
        peers[1].applied(new ApplyMsg.Command(2, "b"));
        peers[1].applied(new ApplyMsg.Command(1, "a"));
        peers[1].applied(new ApplyMsg.Command(1, "a"));
        assertThat(reported).hasSize(1);
    }

    // ---- the term-rise warning (raftlab's own liveness check) ---------------------------------------------------

    private final List<String> warnings = new ArrayList<>();
    private long calmSince;         // what the harness would say: -1 while a fault lasts

    private void watchTerms() {
        monitor.watchTermRises(() -> calmSince, warnings::add);
    }

    @Test
    void aTermRiseWithNoFailuresLongAfterALeaderWarnsOnce() {
        watchTerms();
        elect(0, 1, 1);
        heartbeat(0, 1, 1, 0, 0);             // the leader of term 1 is seen at 1.234 s
        now += 2000;
        heartbeat(0, 2, 1, 0, 0);
        vote(0, 1, 2, false);                 // S1's timer fired although S0 sends heartbeats
        assertThat(warnings).singleElement().asString()
                .startsWith("warning: term changed to 2 at 3.234 s even though there were no failures")
                .contains("S1 started an election: RequestVote for term 2 to S0 while S0 led term 1 (seen since "
                        + "1.234 s)", "election timer not reset on a valid AppendEntries", "heartbeats too slow");
        assertThat(monitor.warning()).isEqualTo(warnings.get(0));
        assertThat(reported).isEmpty();       // a warning, not a violation

        elect(1, 2, 3);                       // once per test
        heartbeat(1, 2, 3, 0, 0);
        now += 2000;
        vote(0, 2, 4, true);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void aTermRiseRevealedOnlyByAReplyWarnsToo() {
        watchTerms();
        elect(0, 1, 1);
        heartbeat(0, 1, 1, 0, 0);
        now += 2000;
        rpc(0, 2, new AppendEntriesArgs(1, 0, 0, 0, List.of(), 0), new AppendEntriesReply(2, false));
        assertThat(warnings).singleElement().asString().contains("S2 answered S0's AppendEntries of term 1 with term 2");
    }

    @Test
    void aTermRiseRightAfterAFaultOrARestartIsExpected() {
        watchTerms();
        elect(0, 1, 1);
        heartbeat(0, 1, 1, 0, 0);
        now += 2000;
        calmSince = -1;                       // S2 is disconnected: its elections are expected
        vote(0, 2, 2, false);
        calmSince = now;                      // reconnected now; it disrupts the leader within the settling time
        now += 500;
        vote(0, 2, 3, false);
        assertThat(warnings).isEmpty();

        now += 2000;                          // calm again, but no leader of term 3 yet: elections go on
        vote(1, 0, 4, true);
        assertThat(warnings).isEmpty();
        heartbeat(0, 1, 4, 0, 0);
        now += 50;                            // S2's timer fired just as S0 won, before its first heartbeat
        vote(1, 2, 5, false);
        assertThat(warnings).isEmpty();

        elect(1, 2, 6);
        heartbeat(1, 2, 6, 0, 0);
        now += 2000;
        peers[0] = start(0, 0);               // a restart starts the settling time again
        now += 500;
        vote(1, 0, 7, false);
        assertThat(warnings).isEmpty();
    }

    @Test
    void withoutTheHarnessTermRisesAreNotWatched() {
        elect(0, 1, 1);
        heartbeat(0, 1, 1, 0, 0);
        now += 5000;
        vote(0, 1, 2, false);
        assertThat(warnings).isEmpty();
        assertThat(monitor.warning()).isNull();
    }
}
