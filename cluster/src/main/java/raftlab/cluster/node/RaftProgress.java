package raftlab.cluster.node;

import raftlab.cluster.transport.WireTap;
import raftlab.labrpc.codec.Codec;
import raftlab.labrpc.codec.CodecException;
import raftlab.raft.RaftMessage;
import raftlab.raft.RaftMessage.AppendEntriesArgs;
import raftlab.raft.RaftMessage.AppendEntriesReply;
import raftlab.raft.RaftMessage.InstallSnapshotArgs;
import raftlab.raft.RaftMessage.InstallSnapshotReply;

/**
 * A node's commit index and last log index as its Raft peer's own messages show them: the kit fixes the fields of
 * AppendEntries and InstallSnapshot (Figure 2 and 13, {@link RaftMessage}), so the transport can read them without
 * any hook in the student's {@code RaftNode}.
 *
 * <ul>
 *   <li>As sender (the leader): {@code leaderCommit} of each answered AppendEntries is the leader's commit index, and
 *       {@code prevLogIndex + entries} its last index when it sent.</li>
 *   <li>As receiver (a follower): a successful AppendEntries means the follower holds the log through
 *       {@code prevLogIndex + entries} and, by Figure 2's rule 5, has set its commit index to at least
 *       {@code min(leaderCommit, that index)}; an accepted InstallSnapshot puts it at {@code lastIncludedIndex}.</li>
 * </ul>
 * So the numbers are what the wire proves, at most one heartbeat late; a node that restarted shows 0 until it
 * sends or accepts its first AppendEntries.
 */
public final class RaftProgress {

    private final String appendEntries = RaftMessage.APPEND_ENTRIES.name();
    private final String installSnapshot = RaftMessage.INSTALL_SNAPSHOT.name();
    private int term;          // the term of the latest message that set lastIndex
    private int commitIndex;
    private int lastIndex;

    /** A tap for the node's outgoing calls (as leader). */
    public WireTap asSender() {
        return (method, request, reply) -> observe(method, request, reply, true);
    }

    /** A tap for the node's incoming calls (as follower). */
    public WireTap asReceiver() {
        return (method, request, reply) -> observe(method, request, reply, false);
    }

    /** {@return the highest commit index the wire has shown for this node} */
    public synchronized int commitIndex() {
        return commitIndex;
    }

    /** {@return this node's last log index as its latest AppendEntries (sent as leader, accepted as follower) showed} */
    public synchronized int lastIndex() {
        return lastIndex;
    }

    private void observe(String method, byte[] request, byte[] reply, boolean sender) {
        try {
            if (method.equals(appendEntries)) {
                AppendEntriesArgs args = Codec.decode(request, AppendEntriesArgs.class);
                AppendEntriesReply answer = Codec.decode(reply, AppendEntriesReply.class);
                int through = args.prevLogIndex() + args.entries().size();
                if (sender) {
                    if (answer.term() <= args.term()) {   // still the leader of args.term() when it sent this
                        advance(args.term(), args.leaderCommit(), through);
                    }
                } else if (answer.success()) {
                    advance(args.term(), Math.min(args.leaderCommit(), through), through);
                }
            } else if (method.equals(installSnapshot) && !sender) {
                InstallSnapshotArgs args = Codec.decode(request, InstallSnapshotArgs.class);
                InstallSnapshotReply answer = Codec.decode(reply, InstallSnapshotReply.class);
                if (answer.term() == args.term()) {
                    advance(args.term(), args.lastIncludedIndex(), args.lastIncludedIndex());
                }
            }
        } catch (CodecException | ClassCastException e) {
            // Not the kit's message shapes (a different build?): the status shows what it has.
        }
    }

    private synchronized void advance(int msgTerm, int commit, int through) {
        commitIndex = Math.max(commitIndex, commit);
        // Within a term a leader's log only grows; a new leader may cut a follower's back: the messages of the
        // highest term seen say where the log ends.
        if (msgTerm > term) {
            term = msgTerm;
            lastIndex = through;
        } else if (msgTerm == term) {
            lastIndex = Math.max(lastIndex, through);
        }
    }
}
