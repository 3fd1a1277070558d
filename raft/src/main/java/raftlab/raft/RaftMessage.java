package raftlab.raft;
//+solution

import java.util.List;
//-solution

/**
 * The RPC arguments and replies Raft peers exchange, one record each (Figure 2 of the paper).
 *
 * <p>The network deep-copies every argument and reply through the codec, so records are the right shape: immutable
 * values, no references into a peer's state. Handlers are {@code @Rpc} methods of {@link RaftNode}, called by name:
 * {@code peers.get(i).call("Raft.requestVote", args, RequestVoteReply.class)}.
 */
public sealed interface RaftMessage {
//+solution

    /** {@return the sender's current term: whoever sees a higher term adopts it and becomes a follower (§5.1)} */
    int term();
//-solution

    /** RequestVote arguments: invoked by candidates to gather votes (§5.2). */
    record RequestVoteArgs(
//+solution
            int term, int candidateId, int lastLogIndex, int lastLogTerm
//-solution
//+student
//            // Your data here (3A, 3B): the arguments of RequestVote in Figure 2.
//-student
    ) implements RaftMessage {}

    /** RequestVote reply. */
    record RequestVoteReply(
//+solution
            int term, boolean voteGranted
//-solution
//+student
//            // Your data here (3A): the results of RequestVote in Figure 2.
//-student
    ) implements RaftMessage {}
//+solution

    /**
     * AppendEntries arguments: replicates log entries (§5.3); with no entries, a heartbeat (§5.2).
     *
     * @param prevLogIndex the index of the entry just before {@code entries}
     * @param prevLogTerm  the term of that entry
     * @param leaderCommit the leader's commit index
     */
    record AppendEntriesArgs(int term, int leaderId, int prevLogIndex, int prevLogTerm, List<LogEntry> entries,
                             int leaderCommit) implements RaftMessage {
        public AppendEntriesArgs {
            entries = List.copyOf(entries);
        }
    }

    /**
     * AppendEntries reply. On a failed consistency check, {@code xTerm}, {@code xIndex} and {@code xLen} say where the
     * follower's log diverges, so that the leader skips a whole conflicting term per round trip (see
     * {@link RaftRules.Conflict}); they are 0 otherwise.
     */
    record AppendEntriesReply(int term, boolean success, int xTerm, int xIndex, int xLen) implements RaftMessage {}

    /**
     * InstallSnapshot arguments (§7): the whole snapshot in one RPC, no chunks.
     *
     * @param lastIncludedIndex the snapshot replaces all entries up to and including this index
     * @param lastIncludedTerm  the term of that entry
     * @param data              the service's snapshot
     */
    record InstallSnapshotArgs(int term, int leaderId, int lastIncludedIndex, int lastIncludedTerm, byte[] data)
            implements RaftMessage {}

    /** InstallSnapshot reply. */
    record InstallSnapshotReply(int term) implements RaftMessage {}
//-solution
//+student
//
//    // Your code here (3B, 3D): AppendEntries and InstallSnapshot arguments and replies, as records here.
//-student
}
