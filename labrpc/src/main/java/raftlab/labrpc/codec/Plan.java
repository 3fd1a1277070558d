package raftlab.labrpc.codec;

/**
 * How to encode and decode the values of one class (or, for {@link ContainerPlan}, one family of JDK classes).
 * Plans are built once per class and cached by {@link Plans}; each has the small per-JVM type id that precedes its
 * payload on the wire.
 */
sealed interface Plan permits ScalarPlan, ContainerPlan, RecordPlan, EnumPlan, ArrayPlan, RejectedPlan {

    /** {@return the type id written before the payload} */
    int id();

    /** {@return the class of the values {@link #read} returns, for type checks before decoding} */
    Class<?> decodedType();

    /** {@return a human name for error messages} */
    default String typeName() {
        return decodedType().getName();
    }

    /** Writes the payload of {@code value} (its id is already written). */
    void write(Writer w, Object value);

    /** Reads a payload written by {@link #write} and builds a fresh value from it. */
    Object read(Reader r);
}
