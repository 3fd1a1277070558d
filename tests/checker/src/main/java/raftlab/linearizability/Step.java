package raftlab.linearizability;

/**
 * The answer of {@link Model#step}: is the transition legal, and if so, what is the next state.
 */
public sealed interface Step<S> permits Step.Legal, Step.Illegal {

    /** The operation is legal in the state it was given and leads to {@code next}. */
    record Legal<S>(S next) implements Step<S> {}

    /** The operation cannot have happened in the state it was given. */
    record Illegal<S>() implements Step<S> {
        private static final Illegal<?> INSTANCE = new Illegal<>();
    }

    /** {@return a legal step to {@code next}} */
    static <S> Step<S> to(S next) {
        return new Legal<>(next);
    }

    /** {@return the illegal step} */
    @SuppressWarnings("unchecked")
    static <S> Step<S> illegal() {
        return (Step<S>) Illegal.INSTANCE;
    }

    /** {@return a legal step to {@code next} if {@code legal}, else the illegal step} */
    static <S> Step<S> legalIf(boolean legal, S next) {
        return legal ? to(next) : illegal();
    }

}
