package raftlab.linearizability;

import java.util.List;
import java.util.Objects;

/**
 * A sequential specification: what the object may answer to each input, in each state.
 *
 * <p>The checker calls {@link #step} many times on the same state, in any order and from several threads, so a model
 * must be <em>pure</em>: {@code step} must not mutate the state it is given, and must give the same answer for equal
 * arguments. Immutable states (records, strings) make this automatic. {@link #equal} and {@link #hash} decide when
 * two search configurations are the same; the memo cache depends on them being consistent (equal states, equal
 * hashes).
 *
 * <p>A model of a map whose keys are independent should {@link #partition} the history by key, so that each key is
 * checked on its own with a one-key state: that is what makes the KV histories cheap to check.
 *
 * @param <S> state
 * @param <I> operation input
 * @param <O> operation output
 */
public interface Model<S, I, O> {

    /** {@return the initial state (of each partition, when partitioning)} */
    S init();

    /**
     * {@return whether {@code input} answered by {@code output} is legal in {@code state}, and the next state}
     * Must not modify {@code state}.
     */
    Step<S> step(S state, I input, O output);

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
