package raftlab.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import raftlab.cluster.transport.WireTap;
import raftlab.labrpc.codec.Codec;
import raftlab.raft.LogEntry;
import raftlab.raft.RaftMessage;
import raftlab.raft.RaftMessage.AppendEntriesArgs;
import raftlab.raft.RaftMessage.AppendEntriesReply;
import raftlab.raft.RaftMessage.InstallSnapshotArgs;
import raftlab.raft.RaftMessage.InstallSnapshotReply;

/** Ours (not MIT's): the status's commit and last log index, as the node's own Raft messages prove them. */
class RaftProgressTest {

    private final RaftProgress progress = new RaftProgress();

    @Test
    void aLeaderShowsTheCommitIndexItAnnouncesAndWhereItsLogEnds() {
        exchange(progress.asSender(), append(2, 4, entries(3), 5), new AppendEntriesReply(2, true));
        assertThat(progress.commitIndex()).isEqualTo(5);
        assertThat(progress.lastIndex()).isEqualTo(7);
    }

    @Test
    void aFollowerCommitsOnlyWhatASuccessfulAppendEntriesProvesItHolds() {
        exchange(progress.asReceiver(), append(1, 0, entries(2), 9), new AppendEntriesReply(1, true));
        assertThat(progress.commitIndex()).as("Figure 2 rule 5: min(leaderCommit, last new entry)").isEqualTo(2);
        exchange(progress.asReceiver(), append(1, 2, entries(5), 9), new AppendEntriesReply(1, false));
        assertThat(progress.commitIndex()).as("a rejected AppendEntries proves nothing").isEqualTo(2);
        assertThat(progress.lastIndex()).isEqualTo(2);
    }

    @Test
    void aNewLeaderMayCutAFollowersLogBackButNotItsCommitIndex() {
        exchange(progress.asReceiver(), append(1, 0, entries(6), 3), new AppendEntriesReply(1, true));
        exchange(progress.asReceiver(), append(2, 4, entries(0), 4), new AppendEntriesReply(2, true));
        assertThat(progress.lastIndex()).isEqualTo(4);
        assertThat(progress.commitIndex()).isEqualTo(4);
    }

    @Test
    void anAcceptedSnapshotMovesTheFollowerToItsLastIncludedIndex() {
        byte[] request = Codec.encode(new InstallSnapshotArgs(3, 0, 40, 3, new byte[] {1}));
        progress.asReceiver().exchanged(RaftMessage.INSTALL_SNAPSHOT.name(), request,
                Codec.encode(new InstallSnapshotReply(3)));
        assertThat(progress.commitIndex()).isEqualTo(40);
        assertThat(progress.lastIndex()).isEqualTo(40);
    }

    @Test
    void otherCallsAndUnreadableBytesChangeNothing() {
        progress.asReceiver().exchanged("KVServer.put", new byte[] {1, 2}, new byte[] {3});
        progress.asReceiver().exchanged(RaftMessage.APPEND_ENTRIES.name(), new byte[] {1, 2}, new byte[] {3});
        assertThat(progress.commitIndex()).isZero();
        assertThat(progress.lastIndex()).isZero();
    }

    private static AppendEntriesArgs append(int term, int prev, List<LogEntry> entries, int leaderCommit) {
        return new AppendEntriesArgs(term, 0, prev, prev == 0 ? 0 : term, entries, leaderCommit);
    }

    private static List<LogEntry> entries(int n) {
        return IntStream.range(0, n).mapToObj(i -> new LogEntry(1, "c" + i)).toList();
    }

    private static void exchange(WireTap tap, AppendEntriesArgs args, AppendEntriesReply reply) {
        tap.exchanged(RaftMessage.APPEND_ENTRIES.name(), Codec.encode(args), Codec.encode(reply));
    }
}
