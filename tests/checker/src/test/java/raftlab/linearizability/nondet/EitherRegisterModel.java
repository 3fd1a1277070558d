package raftlab.linearizability.nondet;

import java.util.List;
import java.util.Set;

import raftlab.linearizability.NondeterministicModel;
import raftlab.linearizability.Operation;
import raftlab.linearizability.Partitions;

/**
 * Integer registers, starting at 0, whose {@link RegisterOp.WriteEither} may set either of two values: a model with
 * nondeterministic steps. The output of a write or increment is ignored ({@code 0}); a read's output is the value.
 */
public final class EitherRegisterModel implements NondeterministicModel<Integer, RegisterOp, Integer> {

    @Override
    public Set<Integer> init() {
        return Set.of(0);
    }

    @Override
    public Set<Integer> step(Integer state, RegisterOp input, Integer output) {
        return switch (input) {
            case RegisterOp.Write w -> Set.of(w.value());
            case RegisterOp.WriteEither e -> Set.of(e.a(), e.b()); // Set.of refuses a == b: see the generator
            case RegisterOp.Increment i -> Set.of(state + 1);
            case RegisterOp.Read r -> state.equals(output) ? Set.of(state) : Set.of();
        };
    }

    @Override
    public List<List<Operation<RegisterOp, Integer>>> partition(List<Operation<RegisterOp, Integer>> history) {
        return Partitions.byKey(history, RegisterOp::key);
    }

    /** {@return the same transitions as a plain function: the oracle's view, without the checker's wrapper} */
    static Set<Integer> outcomes(int state, RegisterOp input, int output) {
        return new EitherRegisterModel().step(state, input, output);
    }
}
