package raftlab.raft;

import java.util.concurrent.locks.ReentrantLock;
import raftlab.tester.monitor.RaftMonitor;

/**
 * The Raft peer as the tests call it: every {@code getState} and {@code start} answer also goes to the invariant
 * monitor. Calls of one incarnation are serialized, so that the monitor sees answers in the order they were given
 * (Raft takes its own lock in both anyway).
 */
final class MonitoredRaft implements Raft {

    private final Raft raft;
    private final RaftMonitor.Peer watch;
    private final ReentrantLock order = new ReentrantLock();

    MonitoredRaft(Raft raft, RaftMonitor.Peer watch) {
        this.raft = raft;
        this.watch = watch;
    }

    @Override
    public StartResult start(Object command) {
        order.lock();
        try {
            int floor = watch.termFloor();
            StartResult r = raft.start(command);
            watch.started(command, r.index(), r.term(), r.isLeader(), floor);
            return r;
        } finally {
            order.unlock();
        }
    }

    @Override
    public State getState() {
        order.lock();
        try {
            int floor = watch.termFloor();
            State s = raft.getState();
            watch.state(s.term(), s.isLeader(), floor);
            return s;
        } finally {
            order.unlock();
        }
    }

    @Override
    public void snapshot(int index, byte[] snapshot) {
        raft.snapshot(index, snapshot);
    }

    @Override
    public int persistBytes() {
        return raft.persistBytes();
    }

    @Override
    public void kill() {
        raft.kill();
    }
}
