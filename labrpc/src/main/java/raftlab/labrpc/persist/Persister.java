package raftlab.labrpc.persist;

import java.util.Arrays;
import java.util.Objects;

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
 *
 * <p>Cluster mode (outside the labs) gives a persister a {@link Durability}: every {@link #save} then also writes
 * both arrays to disk before it returns. Reads are always served from memory. The labs' persisters have none.
 */
public final class Persister {

    /**
     * Where a durable persister writes every save, before {@link #save} returns (cluster mode). Called under the
     * persister's lock, so saves reach it one at a time and in order. A failure propagates out of {@link #save}.
     */
    @FunctionalInterface
    public interface Durability {

        /** Makes {@code raftState} and {@code snapshot} (never null, possibly empty) durable, together. */
        void save(byte[] raftState, byte[] snapshot);
    }

    private static final byte[] EMPTY = new byte[0];

    private byte[] raftState = EMPTY;
    private byte[] snapshot = EMPTY;
    private final Durability durability;   // null: memory only, as in the labs
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

    /** Installs {@code observer} (or removes it, with null) to see every later save of this persister. */
    public synchronized void setObserver(SaveObserver observer) {
        this.observer = observer;
    }

    /** An empty persister: no Raft state, no snapshot. */
    public Persister() {
        this.durability = null;
    }

    /**
     * A durable persister (cluster mode) that starts with the recovered {@code raftState} and {@code snapshot}
     * (null means empty) and hands every later save to {@code durability} before returning.
     */
    public Persister(byte[] raftState, byte[] snapshot, Durability durability) {
        this.raftState = raftState == null ? EMPTY : raftState.clone();
        this.snapshot = snapshot == null ? EMPTY : snapshot.clone();
        this.durability = Objects.requireNonNull(durability, "Persister: durability is null");
    }

    /** {@return an independent, memory-only persister holding the same Raft state and snapshot} */
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
        byte[] state = raftState == null ? EMPTY : Arrays.copyOf(raftState, raftState.length);
        byte[] snap = snapshot == null ? EMPTY : Arrays.copyOf(snapshot, snapshot.length);
        if (durability != null) {
            durability.save(state, snap);   // durable first: a failed write leaves memory as it was
        }
        this.raftState = state;
        this.snapshot = snap;
        if (observer != null) {
            observer.saved(state, snap);
        }
    }
}
