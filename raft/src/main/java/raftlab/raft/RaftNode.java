package raftlab.raft;

import java.util.List;
import raftlab.labrpc.chan.Channel;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;

/** PLACEHOLDER: the Raft implementation is being written. */
final class RaftNode implements Raft {

    private final Persister persister;
    private final Channel<ApplyMsg> applyCh;

    RaftNode(List<ClientEnd> peers, int me, Persister persister, Channel<ApplyMsg> applyCh) {
        this.persister = persister;
        this.applyCh = applyCh;
    }

    @Override
    public StartResult start(Object command) {
        return new StartResult(-1, -1, true);
    }

    @Override
    public State getState() {
        return new State(0, false);
    }

    @Override
    public void snapshot(int index, byte[] snapshot) {}

    @Override
    public int persistBytes() {
        return persister.raftStateSize();
    }

    @Override
    public void kill() {
        applyCh.close();
    }
}
