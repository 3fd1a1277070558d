package raftlab.rsm;

/**
 * The answer of {@link Rsm#submit}: the operation was applied, or this peer could not get it applied (MIT's
 * {@code rpc.OK} and {@code rpc.ErrWrongLeader}). These two are all the RSM itself can say; what an operation's
 * result means (a key was missing, a version did not match, ...) is the service's business, in its own reply type.
 *
 * @param <R> the state machine's result type
 */
public sealed interface SubmitResult<R> permits SubmitResult.Applied, SubmitResult.WrongLeader {

    /**
     * The operation was committed and applied.
     *
     * @param result what {@link StateMachine#doOp} returned for it
     */
    record Applied<R>(R result) implements SubmitResult<R> {}

    /**
     * The operation was not applied, or may not have been: this peer is not the leader, lost leadership before the
     * operation committed, or was shut down. The caller should retry through another server.
     */
    record WrongLeader<R>() implements SubmitResult<R> {}
}
