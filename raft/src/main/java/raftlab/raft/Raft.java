package raftlab.raft;

import java.util.List;
import raftlab.labrpc.chan.Channel;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;

/**
 * One Raft peer, as the tests and the service above (the RSM) see it. This interface is the whole graded contract
 * of Lab 3: the tests call nothing else.
 *
 * <p>What the tests rely on:
 * <ul>
 *   <li>{@link #make} returns quickly; long-running work (elections, heartbeats, applying) runs on threads started
 *       with {@code Sim.go}.</li>
 *   <li>Every committed entry is sent on {@code applyCh} exactly once per incarnation, in index order, with
 *       consecutive indices starting at 1 (or right after the restored snapshot), as an
 *       {@link ApplyMsg.Command}.</li>
 *   <li>After a restart, the first message is either an {@link ApplyMsg.Snapshot} or the command right after the
 *       snapshot restored from the persister (3D).</li>
 *   <li>{@link #kill()} closes {@code applyCh} (so the service above can finish) and stops every thread this peer
 *       started; the tester fails a test whose threads outlive it.</li>
 *   <li>Calls after {@code kill()} are harmless: they do nothing and report "not leader".</li>
 * </ul>
 */
public interface Raft {

    /**
     * The answer of {@link #start(Object)}.
     *
     * @param index    the log index the command will have if it is ever committed
     * @param term     the current term
     * @param isLeader whether this peer believes it is the leader; if not, the command was not appended
     */
    record StartResult(int index, int term, boolean isLeader) {}

    /**
     * The answer of {@link #getState()}.
     *
     * @param term     the current term
     * @param isLeader whether this peer believes it is the leader
     */
    record State(int term, boolean isLeader) {}

    /**
     * Creates a Raft peer and returns quickly.
     *
     * @param peers     client ends to every peer, including this one ({@code peers.get(me)})
     * @param me        this peer's index in {@code peers}
     * @param persister this peer's stable storage; holds its most recently saved state, if any
     * @param applyCh   where committed commands and snapshots are delivered to the service
     */
    static Raft make(List<ClientEnd> peers, int me, Persister persister, Channel<ApplyMsg> applyCh) {
        return new RaftNode(peers, me, persister, applyCh);
    }

    /**
     * Starts agreement on {@code command} and returns at once, without waiting for it to commit. If this peer is
     * not the leader, nothing is appended and {@code isLeader} is false. There is no guarantee the command will
     * ever be committed: the leader may fail or lose an election.
     *
     * @throws NullPointerException                if {@code command} is null
     * @throws raftlab.labrpc.codec.CodecException if the codec cannot copy {@code command}
     */
    StartResult start(Object command);

    /** {@return the current term and whether this peer believes it is the leader} */
    State getState();

    /**
     * The service has taken a snapshot of everything up to and including {@code index}; Raft may now discard its
     * log through that index (3D). Ignored when {@code index} is not above the last snapshot or is beyond the
     * commit index.
     */
    void snapshot(int index, byte[] snapshot);

    /** {@return the size in bytes of this peer's persisted Raft state (the RSM snapshots when it grows too big)} */
    int persistBytes();

    /** Stops this peer: closes {@code applyCh} and ends every thread it started. */
    void kill();
}
