package raftlab.linearizability.kv;

/** The reply a clerk returned to its caller. */
public sealed interface KvOutput permits KvOutput.GetResult, KvOutput.PutResult {

    /** {@return the error the call returned} */
    Err err();

    /** A Get's reply: for a missing key, {@code ("", 0, ErrNoKey)}. */
    record GetResult(String value, long version, Err err) implements KvOutput {}

    /** A Put's reply. */
    record PutResult(Err err) implements KvOutput {}

    /**
     * {@return the output to record for a call that never returned}: {@code ErrMaybe}, which the model accepts whether
     * or not the call took effect (for a Get, with any value). Use with {@code Operation.neverReturned}.
     */
    static KvOutput unknown(KvInput input) {
        return switch (input) {
            case KvInput.Get g -> new GetResult("", 0, Err.ErrMaybe);
            case KvInput.Put p -> new PutResult(Err.ErrMaybe);
        };
    }
}
