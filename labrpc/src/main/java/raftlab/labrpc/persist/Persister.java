package raftlab.labrpc.persist;

import java.util.Arrays;

/**
 * Stable storage for one Raft peer: its Raft state and its snapshot, as two byte arrays that survive a crash.
 *
 * <p>Semantics (as MIT's persister):
 * <ul>
 *   <li>{@link #save(byte[], byte[])} replaces <em>both</em> arrays atomically and stores copies; passing
 *       {@code null} as the snapshot <strong>erases</strong> the snapshot, so once Raft has a snapshot it must pass
 *       it on every save.</li>
 *   <li>Reads return copies; a fresh persister returns empty (never {@code null}) arrays, so test
 *       {@code length > 0}.</li>
 *   <li>{@link #copy()} makes an independent persister with the same contents. The tester crashes a server by
 *       replacing its persister with a copy before killing it: whatever the dead instance saves afterwards lands in
 *       the orphaned object that nobody reads again.</li>
 * </ul>
 * Encode what you save with {@link raftlab.labrpc.codec.Codec}; its byte counts are what {@link #raftStateSize()}
 * reports and what the log-size limits of the tests measure.
 */
public final class Persister {

    private static final byte[] EMPTY = new byte[0];

    private byte[] raftState = EMPTY;
    private byte[] snapshot = EMPTY;
    private SaveObserver observer;     // null: nobody watches; not carried over by copy()

    /** Sees every {@link #save}: the tester's seam for checking what a peer makes durable. */
    @FunctionalInterface
    public interface SaveObserver {

        /**
         * {@code raftState} and {@code snapshot} were saved (the stored arrays: read them, never change them). Runs
         * on the saving thread while the persister is locked, usually under the peer's own lock: be quick, never
         * block, never throw.
         */
        void saved(byte[] raftState, byte[] snapshot);
    }

    /** An empty persister: no Raft state, no snapshot. */
    public Persister() {}

    /** Installs {@code observer} (or removes it, with null) to see every later save of this persister. */
    public synchronized void setObserver(SaveObserver observer) {
        this.observer = observer;
    }

    /** {@return an independent persister holding the same Raft state and snapshot} */
    public synchronized Persister copy() {
        Persister copy = new Persister();
        copy.raftState = raftState;   // safe to share: stored arrays are never mutated
        copy.snapshot = snapshot;
        return copy;
    }

    /** {@return a copy of the saved Raft state; empty if none was saved} */
    public synchronized byte[] readRaftState() {
        return raftState.clone();
    }

    /** {@return the length of the saved Raft state in bytes} */
    public synchronized int raftStateSize() {
        return raftState.length;
    }

    /** {@return a copy of the saved snapshot; empty if there is none} */
    public synchronized byte[] readSnapshot() {
        return snapshot.clone();
    }

    /** {@return the length of the saved snapshot in bytes} */
    public synchronized int snapshotSize() {
        return snapshot.length;
    }

    /**
     * Saves Raft state and snapshot together, atomically. A {@code null} snapshot erases the saved one; a
     * {@code null} Raft state is stored as empty.
     */
    public synchronized void save(byte[] raftState, byte[] snapshot) {
        this.raftState = raftState == null ? EMPTY : Arrays.copyOf(raftState, raftState.length);
        this.snapshot = snapshot == null ? EMPTY : Arrays.copyOf(snapshot, snapshot.length);
        if (observer != null) {
            observer.saved(this.raftState, this.snapshot);
        }
    }
}
