package raftlab.raft;

import java.util.List;
import raftlab.labrpc.net.RpcMethod;

/**
 * The RPC arguments and replies Raft peers exchange, one record each, with exactly the fields of Figure 2 of the
 * paper (and Figure 13 for InstallSnapshot), and the typed names of the three RPCs.
 *
 * <p>These records belong to the kit, not to you: fill them in, don't change them. The tester reads every request
 * and reply on the network to check Raft's safety rules while a test runs (one vote per voter per term, one leader
 * per term, entries that never change once committed, ...; see the Lab 3 handout, "The invariant monitor"), and it
 * can read them only because their shape is fixed. Keep your own bookkeeping (sequence numbers, send times) in your
 * peer's state, not in the messages.
 *
 * <p>The network deep-copies every argument and reply through the codec, so records are the right shape: immutable
 * values, no references into a peer's state. Handlers are {@code @Rpc} methods of {@link RaftNode}; call them with
 * the typed names below, e.g. {@code peers.get(i).call(RaftMessage.REQUEST_VOTE, args)}.
 */
public sealed interface RaftMessage {

    /** RequestVote: {@code requestVote(RequestVoteArgs)} on service {@code "Raft"}, answering RequestVoteReply. */
    RpcMethod<RequestVoteArgs, RequestVoteReply> REQUEST_VOTE =
            RpcMethod.of("Raft.requestVote", RequestVoteArgs.class, RequestVoteReply.class);

    /** AppendEntries: {@code appendEntries(AppendEntriesArgs)} on service {@code "Raft"} (3B). */
    RpcMethod<AppendEntriesArgs, AppendEntriesReply> APPEND_ENTRIES =
            RpcMethod.of("Raft.appendEntries", AppendEntriesArgs.class, AppendEntriesReply.class);

    /** InstallSnapshot: {@code installSnapshot(InstallSnapshotArgs)} on service {@code "Raft"} (3D). */
    RpcMethod<InstallSnapshotArgs, InstallSnapshotReply> INSTALL_SNAPSHOT =
            RpcMethod.of("Raft.installSnapshot", InstallSnapshotArgs.class, InstallSnapshotReply.class);

    /** {@return the sender's current term: whoever sees a higher term adopts it and becomes a follower (§5.1)} */
    int term();

    /**
     * RequestVote arguments: invoked by candidates to gather votes (§5.2).
     *
     * @param term         the candidate's term
     * @param candidateId  the candidate requesting the vote (its index in {@code peers})
     * @param lastLogIndex the index of the candidate's last log entry (§5.4)
     * @param lastLogTerm  the term of the candidate's last log entry (§5.4)
     */
    record RequestVoteArgs(int term, int candidateId, int lastLogIndex, int lastLogTerm) implements RaftMessage {}

    /**
     * RequestVote reply.
     *
     * @param term        the voter's current term, for the candidate to update itself
     * @param voteGranted true means the candidate received the vote
     */
    record RequestVoteReply(int term, boolean voteGranted) implements RaftMessage {}

    /**
     * AppendEntries arguments: replicates log entries (§5.3); with no entries, a heartbeat (§5.2).
     *
     * @param term         the leader's term
     * @param leaderId     the leader (its index in {@code peers}), so followers can redirect clients
     * @param prevLogIndex the index of the log entry immediately preceding {@code entries}
     * @param prevLogTerm  the term of that entry
     * @param entries      the entries to store, from index {@code prevLogIndex + 1} on (empty for a heartbeat)
     * @param leaderCommit the leader's commit index
     */
    record AppendEntriesArgs(int term, int leaderId, int prevLogIndex, int prevLogTerm, List<LogEntry> entries,
                             int leaderCommit) implements RaftMessage {
        public AppendEntriesArgs {
            entries = List.copyOf(entries);
        }
    }

    /**
     * AppendEntries reply.
     *
     * <p>{@code xTerm}, {@code xIndex} and {@code xLen} are the kit's optional fields for the faster log backup the
     * handout describes ("the accelerated log backtracking optimization"): on a failed consistency check they say
     * where the follower's log diverges (the term of the conflicting entry, the first index it has with that term,
     * and the follower's log length), so that the leader skips a whole conflicting term per round trip. Use them or
     * not as you like; set them to 0 when you don't (the tester does not read them).
     *
     * @param term    the follower's current term, for the leader to update itself
     * @param success true if the follower contained an entry matching {@code prevLogIndex} and {@code prevLogTerm}
     * @param xTerm   optional: the term of the follower's conflicting entry, or 0
     * @param xIndex  optional: the follower's first index holding {@code xTerm}, or 0
     * @param xLen    optional: the follower's log length, or 0
     */
    record AppendEntriesReply(int term, boolean success, int xTerm, int xIndex, int xLen) implements RaftMessage {

        /** A reply without backup hints. */
        public AppendEntriesReply(int term, boolean success) {
            this(term, success, 0, 0, 0);
        }
    }

    /**
     * InstallSnapshot arguments (Figure 13, §7): the whole snapshot in one RPC, no chunks (no offset, no done flag).
     *
     * @param term              the leader's term
     * @param leaderId          the leader, so followers can redirect clients
     * @param lastIncludedIndex the snapshot replaces all entries up to and including this index
     * @param lastIncludedTerm  the term of that entry
     * @param data              the service's snapshot
     */
    record InstallSnapshotArgs(int term, int leaderId, int lastIncludedIndex, int lastIncludedTerm, byte[] data)
            implements RaftMessage {}

    /**
     * InstallSnapshot reply.
     *
     * @param term the follower's current term, for the leader to update itself
     */
    record InstallSnapshotReply(int term) implements RaftMessage {}
}
