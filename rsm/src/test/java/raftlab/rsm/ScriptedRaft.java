//+solution-file
package raftlab.rsm;

import java.util.ArrayList;
import java.util.List;
import raftlab.labrpc.chan.Channel;
import raftlab.labrpc.codec.Codec;
import raftlab.labrpc.persist.Persister;
import raftlab.raft.ApplyMsg;
import raftlab.raft.Raft;

/**
 * A stand-in Raft peer that the test drives by hand: it says whether it is leader and in which term, appends what
 * {@code start} gets, and delivers on {@code applyCh} exactly what the test tells it to.
 */
final class ScriptedRaft implements Raft {

    record SnapshotCall(int index, byte[] snapshot) {}

    final Persister persister;
    final Channel<ApplyMsg> applyCh;
    private boolean leader;
    private int term = 1;
    private int persistBytes;
    private boolean killed;
    private final List<Object> log = new ArrayList<>();
    private final List<SnapshotCall> snapshots = new ArrayList<>();

    ScriptedRaft(Persister persister, Channel<ApplyMsg> applyCh) {
        this.persister = persister;
        this.applyCh = applyCh;
    }

    synchronized void setLeader(boolean leader, int term) {
        this.leader = leader;
        this.term = term;
    }

    synchronized void setPersistBytes(int bytes) {
        persistBytes = bytes;
    }

    synchronized Object logAt(int index) {
        return log.get(index - 1);
    }

    synchronized int logLength() {
        return log.size();
    }

    synchronized List<SnapshotCall> snapshots() {
        return List.copyOf(snapshots);
    }

    synchronized boolean killed() {
        return killed;
    }

    /** Delivers log entry {@code index} as committed; blocks until the RSM's reader takes it. */
    void commit(int index) {
        applyCh.send(new ApplyMsg.Command(index, logAt(index)));
    }

    /** Delivers {@code command} as committed at {@code index}, whatever this peer's log says. */
    void commitOther(int index, Object command) {
        applyCh.send(new ApplyMsg.Command(index, command));
    }

    /**
     * Returns once the RSM's reader has finished with everything delivered before: it sends a stale snapshot (index
     * 0), which the reader can take only after it is done with the previous message, and then ignores.
     */
    void barrier() {
        applyCh.send(new ApplyMsg.Snapshot(0, 0, new byte[4]));
    }

    @Override
    public synchronized StartResult start(Object command) {
        Object copy = Codec.copy(command);   // as Raft.start's contract says: a command the codec refuses fails here
        if (!leader || killed) {
            return new StartResult(-1, term, false);
        }
        log.add(copy);
        return new StartResult(log.size(), term, true);
    }

    @Override
    public synchronized State getState() {
        return new State(term, leader && !killed);
    }

    @Override
    public synchronized void snapshot(int index, byte[] snapshot) {
        snapshots.add(new SnapshotCall(index, snapshot));
    }

    @Override
    public synchronized int persistBytes() {
        return persistBytes;
    }

    @Override
    public void kill() {
        synchronized (this) {
            killed = true;
        }
        applyCh.close();
    }
}
