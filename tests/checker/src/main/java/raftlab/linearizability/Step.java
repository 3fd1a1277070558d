package raftlab.linearizability;

/**
 * The answer of {@link Model#step}: is the transition legal, and if so, what is the next state.
 */
public sealed interface Step<S> permits Step.Legal, Step.Illegal {

    /**
     * The operation is legal in the state it was given and leads to {@code next}.
     *
     * @throws IllegalArgumentException if {@code next} is null: a state is never null (model "nothing" as a value,
     *                                  e.g. {@code ""}, an empty record or {@code Optional.empty()})
     */
    record Legal<S>(S next) implements Step<S> {
        public Legal {
            if (next == null) {
                throw new IllegalArgumentException("a legal step needs a non-null next state; a model's states are "
                        + "never null (model \"nothing\" as a value, e.g. \"\", an empty record or Optional.empty())");
            }
        }
    }

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
