package raftlab.linearizability;

/**
 * One call of a client on the object and its answer: the unit of a history.
 *
 * <p>{@code [call, returned]} is a <em>closed</em> interval: an operation returning at time 20 and one called at
 * time 20 are concurrent, and either may be linearized first. A clock that can return the same value twice would
 * otherwise produce false violations. Times are in any one unit (the KV tests use {@code Sim.nanoTime()}); only
 * their order matters to the checker.
 *
 * @param clientId the client that made the call; one row per client in the view
 * @param input    what the client asked for
 * @param call     when the call started
 * @param output   what the client got back (for an operation that never returned: what the model should accept
 *                 as "unknown", e.g. {@code ErrMaybe})
 * @param returned when the call returned; {@link #NEVER} if it did not
 */
public record Operation<I, O>(int clientId, I input, long call, O output, long returned) {

    /** The return time of an operation that never returned: it stays concurrent with everything after its call. */
    public static final long NEVER = Long.MAX_VALUE;

    /**
     * An operation whose client gave up (a timeout, a crash): its effect may or may not have happened, at any time
     * after the call. Expressed, as Porcupine's users do, as a return at +infinity with an output the model accepts
     * both ways.
     */
    public static <I, O> Operation<I, O> neverReturned(int clientId, I input, long call, O unknownOutput) {
        return new Operation<>(clientId, input, call, unknownOutput, NEVER);
    }

    /** {@return whether this operation never returned} */
    public boolean pending() {
        return returned == NEVER;
    }
}
