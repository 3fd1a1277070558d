package raftlab.linearizability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A {@link NondeterministicModel} as a deterministic {@link Model}: the power-set construction, as Porcupine's
 * {@code NondeterministicModel.ToModel} does it. The state is the set of states the object may be in; a step applies
 * the nondeterministic step to each and keeps every outcome; it is legal iff some outcome exists.
 */
final class PowerSetModel<S, I, O> implements Model<StateSet<S>, I, O> {

    private final NondeterministicModel<S, I, O> model;

    PowerSetModel(NondeterministicModel<S, I, O> model) {
        this.model = model;
    }

    @Override
    public StateSet<S> init() {
        Set<S> init = model.init();
        if (init == null) {
            throw new IllegalArgumentException("the nondeterministic model's init() returned null; it must return "
                    + "the set of possible initial states (at least one, none null)");
        }
        StateSet<S> set = StateSet.of(model, init);
        if (set == null) {
            throw new IllegalArgumentException("the nondeterministic model's init() returned no state; it must return "
                    + "at least one possible initial state");
        }
        return set;
    }

    @Override
    public Step<StateSet<S>> step(StateSet<S> state, I input, O output) {
        List<S> outcomes = new ArrayList<>();
        for (S s : state.members()) {
            Set<S> next = model.step(s, input, output);
            if (next == null) {
                throw new IllegalStateException("the nondeterministic model's step returned null in state "
                        + model.describeState(s) + "; return an empty set for an illegal operation");
            }
            outcomes.addAll(next);
        }
        StateSet<S> next = StateSet.of(model, outcomes);
        return next == null ? Step.illegal() : Step.to(next);
    }

    @Override
    public boolean equal(StateSet<S> a, StateSet<S> b) {
        return a.sameAs(model, b);
    }

    @Override
    public long hash(StateSet<S> state) {
        return state.hash();
    }

    @Override
    public List<List<Operation<I, O>>> partition(List<Operation<I, O>> history) {
        return model.partition(history);
    }

    @Override
    public void validate(I input, O output) {
        model.validate(input, output);
    }

    @Override
    public String describeOperation(I input, O output) {
        return model.describeOperation(input, output);
    }

    /** One state as itself; several as {@code {a | b}}. */
    @Override
    public String describeState(StateSet<S> state) {
        if (state.size() == 1) {
            return model.describeState(state.members().getFirst());
        }
        StringJoiner j = new StringJoiner(" | ", "{", "}");
        for (S s : state.members()) {
            j.add(model.describeState(s));
        }
        return j.toString();
    }
}
