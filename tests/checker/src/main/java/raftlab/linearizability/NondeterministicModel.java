package raftlab.linearizability;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A sequential specification in which an operation may have several outcomes: a step leads to a <em>set</em> of
 * possible states (for example a queue whose dequeue may return any element, or a write whose effect on a replica is
 * not observed). The Java form of Porcupine's {@code NondeterministicModel}.
 *
 * <p>Check it through {@link #toModel()}, which turns it into a deterministic {@link Model} by the power-set
 * construction: a search state is the set of states the object may be in, and an operation is legal iff it is legal
 * from at least one of them. That is exact, not an approximation: a history is linearizable iff some order of its
 * operations leaves this set non-empty.
 * <pre>{@code
 * CheckResult r = Linearizability.check(myNondeterministicModel.toModel(), history, Duration.ofSeconds(1));
 * }</pre>
 *
 * <p>The rules of {@link Model} hold: {@link #step} must be pure, states and sets are never {@code null}, and
 * {@link #equal} / {@link #hash} must be consistent. Sets of states are deduplicated with {@link #equal}, so a step
 * may return states that are equal by {@link #equal} but not by {@code equals}.
 *
 * @param <S> state
 * @param <I> operation input
 * @param <O> operation output
 */
public interface NondeterministicModel<S, I, O> {

    /** {@return the possible initial states: at least one, none of them {@code null}} */
    Set<S> init();

    /**
     * {@return every state {@code input} answered by {@code output} may lead to from {@code state}; empty if the
     * operation is illegal there} Never {@code null}, no {@code null} member; must not modify {@code state}.
     */
    Set<S> step(S state, I input, O output);

    /** {@return whether two states are the same}; {@code equals} by default */
    default boolean equal(S a, S b) {
        return Objects.equals(a, b);
    }

    /** {@return a hash of {@code state}, equal for {@link #equal} states}; {@code hashCode} by default */
    default long hash(S state) {
        return Objects.hashCode(state);
    }

    /** As {@link Model#partition}. */
    default List<List<Operation<I, O>>> partition(List<Operation<I, O>> history) {
        return List.of(history);
    }

    /** As {@link Model#validate}: by default inputs and outputs must be non-null. */
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

    /** {@return the text of one state in the view} (a set of states is shown as its members') */
    default String describeState(S state) {
        return String.valueOf(state);
    }

    /** {@return this model as a deterministic one over sets of states, for the checker and the view} */
    default Model<StateSet<S>, I, O> toModel() {
        return new PowerSetModel<>(this);
    }
}
