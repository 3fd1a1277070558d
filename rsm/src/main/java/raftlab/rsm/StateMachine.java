package raftlab.rsm;

/**
 * A service replicated by the {@link Rsm}: a deterministic state machine whose operations the RSM applies, in log
 * order, on every replica.
 *
 * <p>Contract (what the RSM guarantees and what it needs):
 * <ul>
 *   <li>The RSM calls these methods from <em>one thread at a time</em> (its reader), so an implementation needs no
 *       locking for state that only these methods touch.</li>
 *   <li>{@link #doOp} is called exactly once per committed operation on every replica, in log order. It must be
 *       deterministic: replicas that apply the same operations must reach the same state and results.</li>
 *   <li>An exception thrown by {@code doOp} is a bug in the service: the RSM stops that replica loudly (the
 *       exception names the operation) instead of skipping the operation.</li>
 *   <li>{@link #restore} replaces the whole state with the one {@link #snapshot} encoded; a replica that restores a
 *       snapshot must then behave as if it had applied every operation the snapshot covers.</li>
 * </ul>
 *
 * @param <C> the type of the commands it applies, e.g. a sealed interface over the service's request records: the
 *            RSM passes each one from {@link Rsm#submit} to {@link #doOp} as it is, so neither needs a type check
 * @param <R> the type of the results it returns, handed back by {@code submit}
 */
public interface StateMachine<C, R> {

    /**
     * Applies one committed operation and returns its result, which the RSM hands back to the {@link Rsm#submit}
     * that proposed it (on the leader; on other replicas the result is dropped).
     *
     * @param command the operation as given to {@code submit} (a copy made by the codec)
     * @return the result; must be copyable by the codec if it is sent in an RPC reply
     */
    R doOp(C command);

    /** {@return the whole state, encoded, for a snapshot; {@link #restore} must accept it} */
    byte[] snapshot();

    /** Replaces the whole state with the one encoded in {@code snapshot} (as returned by {@link #snapshot}). */
    void restore(byte[] snapshot);
}
