package raftlab.linearizability;

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
public interface NondeterministicModel<S, I, O> extends ModelBasics<S, I, O> {

    /** {@return the possible initial states: at least one, none of them {@code null}} */
    Set<S> init();

    /**
     * {@return every state {@code input} answered by {@code output} may lead to from {@code state}; empty if the
     * operation is illegal there} Never {@code null}, no {@code null} member; must not modify {@code state}.
     */
    Set<S> step(S state, I input, O output);

    /** {@return this model as a deterministic one over sets of states, for the checker and the view} */
    default Model<StateSet<S>, I, O> toModel() {
        return new PowerSetModel<>(this);
    }
}
