package raftlab.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import raftlab.linearizability.kv.BruteForceOracle;
import raftlab.linearizability.kv.KvInput;
import raftlab.linearizability.kv.KvOutput;
import raftlab.linearizability.kv.RandomKvHistories;
import raftlab.linearizability.kv.RandomKvHistories.Mutation;
import raftlab.linearizability.kv.VersionedKvModel;

/**
 * The checker against the definition. On random small KV histories (up to 8 operations, 4 clients, 3 keys, with
 * shared timestamps, zero-duration and never-returning operations), legal ones and mutated ones, its verdict must
 * equal the brute-force oracle's, whatever the pool size; and what the verbose check returns must be true: the
 * witness a legal order that respects real time, every partial linearization a legal prefix.
 */
class CheckerAgainstOracleTest {

    private static final VersionedKvModel MODEL = new VersionedKvModel();

    @Property(tries = 1500)
    @Label("a history made by a sequential KV is linearizable, and the checker says so")
    void legalHistories(@ForAll long seed, @ForAll @IntRange(max = 8) int ops,
                        @ForAll @IntRange(min = 1, max = 4) int clients, @ForAll @IntRange(min = 1, max = 3) int keys,
                        @ForAll @IntRange(min = 1, max = 3) int threads) {
        var history = RandomKvHistories.legal(new Random(seed), ops, clients, keys);

        assertThat(BruteForceOracle.linearizable(history)).as("the generator's own claim").isTrue();
        assertAgreesWithOracle(history, threads);
    }

    @Property(tries = 3000)
    @Label("a mutated history gets the oracle's verdict")
    void mutatedHistories(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int ops,
                          @ForAll @IntRange(min = 1, max = 4) int clients, @ForAll @IntRange(min = 1, max = 3) int keys,
                          @ForAll Mutation mutation, @ForAll @IntRange(min = 1, max = 3) int threads) {
        Random random = new Random(seed);
        var history = RandomKvHistories.mutate(random, RandomKvHistories.legal(random, ops, clients, keys), mutation);

        boolean expected = assertAgreesWithOracle(history, threads);
        Statistics.label("verdict").collect(mutation, expected ? "OK" : "ILLEGAL");
        Statistics.label("verdict").coverage(c -> {
            for (Mutation m : Mutation.values()) {
                c.check(m, "ILLEGAL").count(n -> n > 0);
                c.check(m, "OK").count(n -> n > 0);
            }
        });
    }

    @Property(tries = 500)
    @Label("a memo that is full (it stops remembering, to bound memory) costs time, never correctness")
    void fullMemoStaysCorrect(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int ops,
                              @ForAll @IntRange(min = 1, max = 4) int clients, @ForAll Mutation mutation) {
        Random random = new Random(seed);
        // One key, so the whole history is one partition, searched directly with a memo of two entries.
        var history = RandomKvHistories.mutate(random, RandomKvHistories.legal(random, ops, clients, 1), mutation);
        int[] global = java.util.stream.IntStream.range(0, history.size()).toArray();
        var search = new PartitionSearch<>(0, MODEL, history, global, true, true, 2);

        var status = search.run(raftlab.labrpc.sim.Sim.nanoTime() + Long.MAX_VALUE / 4, () -> false);

        boolean expected = BruteForceOracle.linearizable(history);
        assertThat(status).isEqualTo(expected ? PartitionSearch.Status.OK : PartitionSearch.Status.ILLEGAL);
    }

    private static boolean assertAgreesWithOracle(List<Operation<KvInput, KvOutput>> history, int threads) {
        boolean expected = BruteForceOracle.linearizable(history);
        CheckOptions options = CheckOptions.withTimeout(Duration.ZERO).parallelism(threads).debugChecks(true);

        CheckResult plain = Linearizability.check(MODEL, history, options);
        VerboseResult<KvInput, KvOutput> verbose = Linearizability.checkVerbose(MODEL, history, options);

        CheckResult want = expected ? CheckResult.OK : CheckResult.ILLEGAL;
        assertThat(plain).as("check of %s", history).isEqualTo(want);
        assertThat(verbose.result()).as("verbose check of %s", history).isEqualTo(want);
        for (PartitionResult p : verbose.partitions()) {
            for (List<Integer> partial : p.partialLinearizations()) {
                assertLegalRealTimeOrder(history, partial);
            }
            if (p.result() == CheckResult.OK) {
                assertThat(p.witness()).isPresent();
                assertThat(new HashSet<>(p.witness().orElseThrow())).isEqualTo(new HashSet<>(p.operations()));
                assertLegalRealTimeOrder(history, p.witness().orElseThrow());
                assertThat(p.partialLinearizations()).containsExactly(p.witness().orElseThrow());
            }
        }
        return expected;
    }

    /** The order is accepted by the model from the initial state, and never puts an operation before one that had
     * returned before it was called. */
    private static void assertLegalRealTimeOrder(List<Operation<KvInput, KvOutput>> history, List<Integer> order) {
        var state = MODEL.init();
        Set<Integer> done = new HashSet<>();
        for (int i : order) {
            Operation<KvInput, KvOutput> op = history.get(i);
            for (int j : order) {
                if (!done.contains(j) && j != i) {
                    assertThat(history.get(j).returned() < op.call())
                            .as("%s is ordered before %s, which returned before it was called", op, history.get(j))
                            .isFalse();
                }
            }
            var step = MODEL.step(state, op.input(), op.output());
            assertThat(step).as("step %s in order %s", op, order).isInstanceOf(Step.Legal.class);
            state = ((Step.Legal<raftlab.linearizability.kv.KvState>) step).next();
            done.add(i);
        }
    }
}
