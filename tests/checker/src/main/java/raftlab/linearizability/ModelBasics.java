package raftlab.linearizability;

import java.util.List;
import java.util.Objects;

/**
 * What every kind of model shares, with its defaults: when two states are the same, how a history splits into
 * independent partitions, which operations it can interpret, and how the view shows operations and states. A
 * {@link Model} (one next state per step) and a {@link NondeterministicModel} (a set of them) add their own
 * {@code init} and {@code step}.
 *
 * @param <S> state
 * @param <I> operation input
 * @param <O> operation output
 */
public interface ModelBasics<S, I, O> {

    /** {@return whether two states are the same}; {@code equals} by default */
    default boolean equal(S a, S b) {
        return Objects.equals(a, b);
    }

    /** {@return a hash of {@code state}, equal for {@link #equal} states}; {@code hashCode} by default */
    default long hash(S state) {
        return Objects.hashCode(state);
    }

    /**
     * Splits a history into independent sub-histories, each checked from {@link #init()}. Every operation must be in
     * exactly one partition, and the partitions must contain the given {@code Operation} instances. By default the
     * whole history is one partition. See {@link Partitions#byKey}.
     */
    default List<List<Operation<I, O>>> partition(List<Operation<I, O>> history) {
        return List.of(history);
    }

    /**
     * Rejects an operation the model cannot interpret, before checking starts. By default inputs and outputs must
     * be non-null; a model that gives {@code null} a meaning overrides this.
     *
     * @throws IllegalArgumentException with the reason
     */
    default void validate(I input, O output) {
        if (input == null) {
            throw new IllegalArgumentException("input is null");
        }
        if (output == null) {
            throw new IllegalArgumentException("output is null (for a call that never returned, use an output the "
                    + "model accepts either way, see Operation.neverReturned)");
        }
    }

    /** {@return the label of an operation in the view} */
    default String describeOperation(I input, O output) {
        return input + " -> " + output;
    }

    /** {@return the text of a state in the view} */
    default String describeState(S state) {
        return String.valueOf(state);
    }
}
