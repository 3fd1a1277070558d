package raftlab.linearizability.nondet;

/** An operation on one of a few integer registers (the key), some of whose effects are not observed. */
public sealed interface RegisterOp {

    /** The register this operation touches: the partition key. */
    int key();

    /** Sets the register to {@code value}. */
    record Write(int key, int value) implements RegisterOp {}

    /** Sets the register to {@code a} or to {@code b}, and the client is not told which: nondeterministic. */
    record WriteEither(int key, int a, int b) implements RegisterOp {}

    /** Adds one, so that the order of writes and increments matters. */
    record Increment(int key) implements RegisterOp {}

    /** Reads the register; the output is the value read. */
    record Read(int key) implements RegisterOp {}
}
