package raftlab.cluster.wire;

import java.util.Set;
import raftlab.labrpc.net.RpcMethod;

/** The node's own service, {@code "Node"}: status for the CLI, partitions for the nemesis. */
public final class NodeRpc {

    private NodeRpc() {}

    public static final RpcMethod<StatusArgs, Status> STATUS =
            RpcMethod.of("Node.status", StatusArgs.class, Status.class);

    public static final RpcMethod<PartitionArgs, PartitionReply> PARTITION =
            RpcMethod.of("Node.partition", PartitionArgs.class, PartitionReply.class);

    /** Asks for a node's status. */
    public record StatusArgs(boolean unused) {}

    /**
     * What a node can tell through the student contract ({@code Raft.getState}, {@code persistBytes}) and its own
     * storage.
     *
     * @param node           the node's id
     * @param pid            its process id
     * @param term           the current term
     * @param leader         whether it thinks it is the leader
     * @param commitIndex    its commit index as its Raft messages show it ({@code RaftProgress})
     * @param lastLogIndex   its last log index, likewise
     * @param snapshotIndex  the last index its persisted snapshot covers, from its persisted Raft state (-1: unknown)
     * @param logEntries     the log entries in its persisted Raft state (-1: unknown)
     * @param raftStateBytes the size of the persisted Raft state (log included)
     * @param snapshotBytes  the size of the persisted snapshot
     * @param savedBytes     bytes written to disk since the node started
     * @param fsyncs         fsyncs since the node started
     * @param partitionedFrom the peers this node is cut off from
     */
    public record Status(int node, long pid, int term, boolean leader, int commitIndex, int lastLogIndex,
                         int snapshotIndex, int logEntries, int raftStateBytes, int snapshotBytes,
                         long savedBytes, long fsyncs, Set<Integer> partitionedFrom) {}

    /** Cuts the node off from exactly these peers (empty heals). */
    public record PartitionArgs(Set<Integer> peers) {}

    /** The peers the node is now cut off from. */
    public record PartitionReply(Set<Integer> partitionedFrom) {}
}
