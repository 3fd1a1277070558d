package raftlab.linearizability;

/**
 * A sequential specification: what the object may answer to each input, in each state.
 *
 * <p>The checker calls {@link #step} many times on the same state, in any order and from several threads, so a model
 * must be <em>pure</em>: {@code step} must not mutate the state it is given, and must give the same answer for equal
 * arguments. Immutable states (records, strings) make this automatic. {@link #equal} and {@link #hash} decide when
 * two search configurations are the same; the memo cache depends on them being consistent (equal states, equal
 * hashes).
 *
 * <p>States are never {@code null}: {@link #init()} must return a state and a legal {@link Step} carries one
 * ({@link Step#to} refuses {@code null}). Model "no value yet" as a value ({@code ""}, an empty record,
 * {@code Optional.empty()}). The check rejects a {@code null} initial state with an {@link IllegalArgumentException}
 * before it starts searching.
 *
 * <p>A model whose operations may have several outcomes (a step that may lead to several states) is written as a
 * {@link NondeterministicModel} and checked through {@link NondeterministicModel#toModel()}.
 *
 * <p>A model of a map whose keys are independent should {@link #partition} the history by key, so that each key is
 * checked on its own with a one-key state: that is what makes the KV histories cheap to check.
 *
 * @param <S> state
 * @param <I> operation input
 * @param <O> operation output
 */
public interface Model<S, I, O> extends ModelBasics<S, I, O> {

    /** {@return the initial state (of each partition, when partitioning); never {@code null}} */
    S init();

    /**
     * {@return whether {@code input} answered by {@code output} is legal in {@code state}, and the next state}
     * Must not modify {@code state}. {@code state} is never {@code null}; return {@link Step#illegal()} (not
     * {@code null}) for an illegal operation.
     */
    Step<S> step(S state, I input, O output);
}
