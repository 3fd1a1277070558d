package raftlab.linearizability.nondet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import raftlab.linearizability.CheckOptions;
import raftlab.linearizability.CheckResult;
import raftlab.linearizability.Linearizability;
import raftlab.linearizability.Model;
import raftlab.linearizability.NondeterministicModel;
import raftlab.linearizability.Operation;
import raftlab.linearizability.PartitionResult;
import raftlab.linearizability.StateSet;
import raftlab.linearizability.Step;
import raftlab.linearizability.VerboseResult;

/**
 * A model whose steps may lead to several states, checked through {@link NondeterministicModel#toModel()} (the
 * power-set construction), against the definition run literally: every real-time order, every outcome.
 */
class NondeterministicModelTest {

    private static final EitherRegisterModel ND = new EitherRegisterModel();
    private static final Model<StateSet<Integer>, RegisterOp, Integer> MODEL = ND.toModel();

    @Property(tries = 2000)
    @Label("random register histories with nondeterministic writes get the oracle's verdict")
    void agreesWithOracle(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int ops,
                          @ForAll @IntRange(min = 1, max = 3) int clients,
                          @ForAll @IntRange(min = 1, max = 2) int keys,
                          @ForAll boolean corrupt, @ForAll @IntRange(min = 1, max = 2) int threads) {
        Random random = new Random(seed);
        var legal = RandomRegisterHistories.legal(random, ops, clients, keys);
        assertThat(NondeterministicOracle.linearizable(legal)).as("the generator's own claim").isTrue();
        var history = corrupt ? RandomRegisterHistories.corrupt(random, legal) : legal;
        boolean expected = NondeterministicOracle.linearizable(history);
        CheckOptions options = CheckOptions.withTimeout(Duration.ZERO).parallelism(threads).debugChecks(true);

        CheckResult want = expected ? CheckResult.OK : CheckResult.ILLEGAL;
        assertThat(Linearizability.check(MODEL, history, options)).as("check of %s", history).isEqualTo(want);
        VerboseResult<RegisterOp, Integer> verbose = Linearizability.checkVerbose(MODEL, history, options);
        assertThat(verbose.result()).as("verbose check of %s", history).isEqualTo(want);
        for (PartitionResult p : verbose.partitions()) {
            p.partialLinearizations().forEach(order -> assertAcceptedInRealTimeOrder(history, order));
            p.witness().ifPresent(order -> {
                assertThat(new HashSet<>(order)).isEqualTo(new HashSet<>(p.operations()));
                assertAcceptedInRealTimeOrder(history, order);
            });
        }
        Statistics.label("verdict").collect(corrupt ? "corrupted" : "legal", want);
        Statistics.label("verdict").coverage(c -> {
            c.check("corrupted", CheckResult.ILLEGAL).count(n -> n > 100);
            c.check("corrupted", CheckResult.OK).count(n -> n > 100);
        });
    }

    @Example
    @Label("a read is legal if some outcome of an earlier nondeterministic write explains it, and only then")
    void readExplainedByOneOutcome() {
        var either = new Operation<RegisterOp, Integer>(0, new RegisterOp.WriteEither(0, 1, 2), 0, 0, 10);
        var inc = new Operation<RegisterOp, Integer>(0, new RegisterOp.Increment(0), 20, 0, 30);

        for (int read : List.of(2, 3)) { // 1 + 1 or 2 + 1
            var history = List.<Operation<RegisterOp, Integer>>of(either, inc,
                    new Operation<>(1, new RegisterOp.Read(0), 40, read, 50));
            assertThat(Linearizability.check(MODEL, history, Duration.ZERO)).as("read %d", read)
                    .isEqualTo(CheckResult.OK);
        }
        for (int read : List.of(0, 1, 4)) {
            var history = List.<Operation<RegisterOp, Integer>>of(either, inc,
                    new Operation<>(1, new RegisterOp.Read(0), 40, read, 50));
            assertThat(Linearizability.check(MODEL, history, Duration.ZERO)).as("read %d", read)
                    .isEqualTo(CheckResult.ILLEGAL);
        }
    }

    @Example
    @Label("the power set: duplicates merge by the model's equality, order does not matter, several states show as {a | b}")
    void powerSetStates() {
        StateSet<Integer> init = MODEL.init();
        assertThat(init.members()).containsExactly(0);
        StateSet<Integer> afterEither = legalNext(MODEL.step(init, new RegisterOp.WriteEither(0, 1, 2), 0));
        assertThat(afterEither.members()).containsExactlyInAnyOrder(1, 2);
        assertThat(MODEL.describeState(afterEither)).isIn("{1 | 2}", "{2 | 1}");
        // Writing 5 from either state leads to one state: {5}, deduplicated.
        StateSet<Integer> afterWrite = legalNext(MODEL.step(afterEither, new RegisterOp.Write(0, 5), 0));
        assertThat(afterWrite.members()).containsExactly(5);
        assertThat(MODEL.describeState(afterWrite)).isEqualTo("5");
        // {1, 2} reached in the other order is the same search state, with the same hash (so the memo meets it).
        StateSet<Integer> reversed = legalNext(MODEL.step(init, new RegisterOp.WriteEither(0, 2, 1), 0));
        assertThat(MODEL.equal(afterEither, reversed)).isTrue();
        assertThat(MODEL.hash(afterEither)).isEqualTo(MODEL.hash(reversed));
        assertThat(MODEL.equal(afterEither, afterWrite)).isFalse();
        // A read legal in no member is illegal; legal in one member narrows the set to it.
        assertThat(MODEL.step(afterEither, new RegisterOp.Read(0), 3)).isInstanceOf(Step.Illegal.class);
        assertThat(legalNext(MODEL.step(afterEither, new RegisterOp.Read(0), 2)).members()).containsExactly(2);
    }

    @Example
    @Label("a nondeterministic model with no initial state, a null one, or a step answering null gets a clear error")
    void badNondeterministicModels() {
        var history = List.of(new Operation<RegisterOp, Integer>(0, new RegisterOp.Read(0), 0, 0, 1));
        assertThatThrownBy(() -> Linearizability.check(withInit(Set.of()).toModel(), history, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("init() returned no state");
        assertThatThrownBy(() -> Linearizability.check(withInit(null).toModel(), history, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("init() returned null");
        var nullStep = new NondeterministicModel<Integer, RegisterOp, Integer>() {
            @Override
            public Set<Integer> init() {
                return Set.of(0);
            }

            @Override
            public Set<Integer> step(Integer state, RegisterOp input, Integer output) {
                return null;
            }
        };
        assertThatThrownBy(() -> Linearizability.check(nullStep.toModel(), history, Duration.ZERO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("return an empty set for an illegal operation");
    }

    private static NondeterministicModel<Integer, RegisterOp, Integer> withInit(Set<Integer> init) {
        return new NondeterministicModel<>() {
            @Override
            public Set<Integer> init() {
                return init;
            }

            @Override
            public Set<Integer> step(Integer state, RegisterOp input, Integer output) {
                return ND.step(state, input, output);
            }
        };
    }

    private static StateSet<Integer> legalNext(Step<StateSet<Integer>> step) {
        assertThat(step).isInstanceOf(Step.Legal.class);
        return ((Step.Legal<StateSet<Integer>>) step).next();
    }

    /** The wrapper accepts the order from its initial state, and the order never inverts real time. */
    private static void assertAcceptedInRealTimeOrder(List<Operation<RegisterOp, Integer>> history,
                                                      List<Integer> order) {
        StateSet<Integer> state = MODEL.init();
        Set<Integer> done = new HashSet<>();
        for (int i : order) {
            Operation<RegisterOp, Integer> op = history.get(i);
            for (int j : order) {
                if (!done.contains(j) && j != i) {
                    assertThat(history.get(j).returned() < op.call())
                            .as("%s is ordered before %s, which returned before it was called", op, history.get(j))
                            .isFalse();
                }
            }
            state = legalNext(MODEL.step(state, op.input(), op.output()));
            done.add(i);
        }
    }
}
