package raftlab.rsm;

/**
 * The answer of {@link Rsm#submit}.
 *
 * @param err    {@link Err#OK} if the operation was committed and applied; {@link Err#ErrWrongLeader} if it was not
 *               (or may not have been: the caller should retry through another server)
 * @param result what {@link StateMachine#doOp} returned for the operation when {@code err} is OK; otherwise null
 */
public record SubmitResult(Err err, Object result) {

    /** {@return whether the operation was applied and {@link #result()} holds its result} */
    public boolean ok() {
        return err == Err.OK;
    }
}
