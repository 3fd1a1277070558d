package raftlab.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import raftlab.linearizability.HardModels.Op;
import raftlab.linearizability.HardModels.OrderModel;

/**
 * How a check ends when it cannot finish every partition: an illegal partition, the timeout, an interrupt, a model
 * that throws. In each case the check returns promptly and leaves no thread behind.
 */
class CancellationTest {

    private static final OrderModel MODEL = new OrderModel();

    @AfterEach
    void noThreadOutlivesTheCheck() {
        assertThat(HardModels.liveCheckerThreads()).isEmpty();
    }

    @ParameterizedTest(name = "pool of {0}")
    @ValueSource(ints = {1, 2, 4})
    @DisplayName("the first illegal partition cancels the hopeless ones, in verbose mode too")
    @Timeout(10)
    void illegalPartitionCancelsTheOthers(int threads) {
        // Two partitions that would take 20! steps, queued before the one that is illegal at once.
        List<Operation<Op, Boolean>> history = new ArrayList<>();
        history.addAll(HardModels.hardPartition("a", 20));
        history.addAll(HardModels.hardPartition("b", 20));
        history.addAll(HardModels.easyIllegalPartition("c"));
        CheckOptions noTimeout = CheckOptions.withTimeout(Duration.ZERO).parallelism(threads);

        assertThat(Linearizability.check(MODEL, history, noTimeout)).isEqualTo(CheckResult.ILLEGAL);

        VerboseResult<Op, Boolean> verbose = Linearizability.checkVerbose(MODEL, history, noTimeout);
        assertThat(verbose.result()).isEqualTo(CheckResult.ILLEGAL);
        // The hard ones were stopped, not finished; what they found so far is still there for the view.
        assertThat(verbose.partitions()).extracting(PartitionResult::result)
                .containsExactly(CheckResult.UNKNOWN, CheckResult.UNKNOWN, CheckResult.ILLEGAL);
    }

    @Test
    @DisplayName("the timeout yields UNKNOWN, on time, with the partial linearizations found so far")
    @Timeout(10)
    void timeoutYieldsUnknown() {
        List<Operation<Op, Boolean>> history = new ArrayList<>(HardModels.hardPartition("a", 20));
        history.addAll(HardModels.hardPartition("b", 20));
        history.addAll(HardModels.hardPartition("c", 20));

        // The timeout must outlast the first 10 ms slices of all three partitions even if the machine stalls: with
        // 300 ms, a 280 ms stall early on left the last partition without a turn. A second needs a stall of most of
        // a second; "on time" still allows 1.2 s past the timeout.
        long start = System.nanoTime();
        VerboseResult<Op, Boolean> result = Linearizability.checkVerbose(MODEL, history, Duration.ofMillis(1000));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.result()).isEqualTo(CheckResult.UNKNOWN);
        assertThat(millis).isBetween(1000L, 2200L);
        // Every partition had turns (time slices), so each got as far as all 20 concurrent operations.
        assertThat(result.partitions()).allSatisfy(p -> {
            assertThat(p.result()).isEqualTo(CheckResult.UNKNOWN);
            assertThat(p.partialLinearizations().getFirst()).hasSize(20);
        });
        assertThat(Linearizability.check(MODEL, history, Duration.ofMillis(100))).isEqualTo(CheckResult.UNKNOWN);
    }

    @Test
    @DisplayName("a timeout after a partition was found illegal still says ILLEGAL")
    @Timeout(10)
    void illegalBeatsTimeout() {
        List<Operation<Op, Boolean>> history = new ArrayList<>(HardModels.easyIllegalPartition("a"));
        history.addAll(HardModels.hardPartition("b", 20));

        assertThat(Linearizability.check(MODEL, history, CheckOptions.withTimeout(Duration.ofMillis(1)).parallelism(1)))
                .isEqualTo(CheckResult.ILLEGAL);
    }

    @ParameterizedTest(name = "pool of {0}")
    @ValueSource(ints = {1, 2})
    @DisplayName("interrupting the caller stops the check: UNKNOWN, interrupt flag kept")
    @Timeout(10)
    void interruptStopsTheCheck(int threads) throws Exception {
        List<Operation<Op, Boolean>> history = new ArrayList<>(HardModels.hardPartition("a", 20));
        history.addAll(HardModels.hardPartition("b", 20));
        AtomicReference<CheckResult> result = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            result.set(Linearizability.check(MODEL, history,
                    CheckOptions.withTimeout(Duration.ZERO).parallelism(threads)));
            flag.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        Thread.sleep(200);
        caller.interrupt();
        caller.join(5000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(result.get()).isEqualTo(CheckResult.UNKNOWN);
        assertThat(flag.get()).isTrue();
    }

    @ParameterizedTest(name = "pool of {0}")
    @ValueSource(ints = {1, 2})
    @DisplayName("a model whose step throws stops the check with the model's exception as the cause")
    @Timeout(10)
    void throwingModelFailsTheCheck(int threads) {
        Model<List<Integer>, Op, Boolean> throwing = new OrderModel() {
            @Override
            public Step<List<Integer>> step(List<Integer> state, Op input, Boolean output) {
                if (input.part().equals("c")) {
                    throw new ArithmeticException("boom");
                }
                return super.step(state, input, output);
            }
        };
        List<Operation<Op, Boolean>> history = new ArrayList<>(HardModels.hardPartition("a", 20));
        history.addAll(HardModels.hardPartition("c", 3));

        assertThatThrownBy(() -> Linearizability.check(throwing, history,
                CheckOptions.withTimeout(Duration.ZERO).parallelism(threads)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partition 1")
                .hasMessageContaining("step threw")
                .hasRootCauseInstanceOf(ArithmeticException.class);
    }
}
