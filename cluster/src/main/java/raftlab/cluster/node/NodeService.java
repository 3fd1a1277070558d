package raftlab.cluster.node;

import raftlab.cluster.storage.DurableStore;
import raftlab.cluster.transport.Partition;
import raftlab.cluster.wire.NodeRpc.PartitionArgs;
import raftlab.cluster.wire.NodeRpc.PartitionReply;
import raftlab.cluster.wire.NodeRpc.Status;
import raftlab.cluster.wire.NodeRpc.StatusArgs;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.persist.Persister;
import raftlab.raft.Raft;

/**
 * The node's own RPC service, {@code "Node"}. It reads Raft only through the student contract ({@code getState}),
 * the messages Raft sends ({@link RaftProgress}) and what the kit holds itself (the persisted state, the store, the
 * partition): no hooks in student code.
 */
public final class NodeService {

    private final int id;
    private final Raft raft;
    private final Persister persister;
    private final DurableStore store;
    private final Partition partition;
    private final RaftProgress progress;

    NodeService(int id, Raft raft, Persister persister, DurableStore store, Partition partition,
                RaftProgress progress) {
        this.progress = progress;
        this.id = id;
        this.raft = raft;
        this.persister = persister;
        this.store = store;
        this.partition = partition;
    }

    @Rpc
    public Status status(StatusArgs args) {
        Raft.State state = raft.getState();
        PersistedRaftState persisted = PersistedRaftState.read(persister.readRaftState());
        return new Status(id, ProcessHandle.current().pid(), state.term(), state.isLeader(), progress.commitIndex(),
                progress.lastIndex(), persisted.snapshotIndex(), persisted.logEntries(), persister.raftStateSize(), persister.snapshotSize(), store.bytesWritten(), store.syncs(),
                partition.blocked());
    }

    @Rpc
    public PartitionReply partition(PartitionArgs args) {
        partition.set(args.peers());
        System.out.println("node " + id + ": partitioned from " + partition.blocked());
        return new PartitionReply(partition.blocked());
    }
}
