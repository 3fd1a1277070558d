package raftlab.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvInput;
import raftlab.linearizability.kv.KvOutput;
import raftlab.linearizability.kv.KvState;
import raftlab.linearizability.kv.VersionedKvModel;

/** Malformed histories and misbehaving models get a clear error at once, never a hang or a wrong verdict. */
@Timeout(10)
class BadInputTest {

    private static final VersionedKvModel KV = new VersionedKvModel();
    private static final KvInput GET = new KvInput.Get("k");
    private static final KvOutput EMPTY = new KvOutput.GetResult("", 0, Err.ErrNoKey);

    @Test
    @DisplayName("an empty history is linearizable, at once")
    void emptyHistoryIsOk() {
        assertThat(Linearizability.check(KV, List.of(), Duration.ZERO)).isEqualTo(CheckResult.OK);
        assertThat(Linearizability.checkVerbose(KV, List.of(), Duration.ZERO).partitions()).isEmpty();
        assertThat(Linearizability.checkEvents(KV, List.of(), Duration.ZERO)).isEqualTo(CheckResult.OK);
    }

    @Test
    void returnBeforeCall() {
        var history = List.of(new Operation<>(0, GET, 10, EMPTY, 20), new Operation<>(3, GET, 50, EMPTY, 40));
        assertThatThrownBy(() -> Linearizability.check(KV, history, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("operation 1 (client 3, Get[key=k]) returns at 40, before its call at 50");
    }

    @Test
    void nullHistoryOperationInputOrOutput() {
        List<Operation<KvInput, KvOutput>> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> Linearizability.check(KV, withNull, Duration.ZERO))
                .hasMessage("operation 0 is null");
        assertThatThrownBy(() -> Linearizability.check(KV, null, Duration.ZERO))
                .hasMessage("history is null");
        assertThatThrownBy(() -> Linearizability.check(KV, List.of(new Operation<>(2, null, 0, EMPTY, 1)),
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("operation 0 (client 2): input is null");
        assertThatThrownBy(() -> Linearizability.check(KV, List.of(new Operation<>(2, GET, 0, null, 1)),
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("operation 0 (client 2): output is null");
    }

    @Test
    @DisplayName("outputs the model cannot interpret: a Put answered like a Get, a null value or error")
    void modelRejectsMismatchedOutputs() {
        var put = new KvInput.Put("k", "v", 0);
        assertThatThrownBy(() -> Linearizability.check(KV, List.of(new Operation<>(0, put, 0, EMPTY, 1)),
                Duration.ZERO)).hasMessageContaining("a Put needs a PutResult");
        assertThatThrownBy(() -> Linearizability.check(KV, List.of(new Operation<>(0, GET, 0,
                new KvOutput.GetResult(null, 0, Err.OK), 1)), Duration.ZERO)).hasMessageContaining("value is null");
        assertThatThrownBy(() -> Linearizability.check(KV, List.of(new Operation<>(0, put, 0,
                new KvOutput.PutResult(null), 1)), Duration.ZERO)).hasMessageContaining("err is null");
    }

    @Test
    @DisplayName("event histories: a return without a call, a reused id, a second return, a call that never returned")
    void malformedEvents() {
        assertThatThrownBy(() -> Histories.fromEvents(List.of(new Event.Return<KvInput, KvOutput>(0, 7, EMPTY))))
                .hasMessage("event 0: return for id 7 without a call before it");
        assertThatThrownBy(() -> Histories.fromEvents(List.<Event<KvInput, KvOutput>>of(
                new Event.Call<>(0, 1, GET), new Event.Return<>(0, 1, EMPTY), new Event.Call<>(1, 1, GET))))
                .hasMessage("event 2: call id 1 is used by an earlier call too");
        assertThatThrownBy(() -> Histories.fromEvents(List.<Event<KvInput, KvOutput>>of(
                new Event.Call<>(0, 1, GET), new Event.Return<>(0, 1, EMPTY), new Event.Return<>(0, 1, EMPTY))))
                .hasMessage("event 2: return for id 1 which already returned");
        List<Event<KvInput, KvOutput>> open = List.of(new Event.Call<>(4, 9, GET));
        assertThatThrownBy(() -> Histories.fromEvents(open))
                .hasMessageStartingWith("1 call(s) never returned, the first is id 9 of client 4");

        // The fix the message suggests: returns at the end, with an output the model accepts either way.
        var closed = Histories.completePending(open, KvOutput::unknown);
        assertThat(Linearizability.checkEvents(KV, closed, Duration.ZERO)).isEqualTo(CheckResult.OK);
    }

    /** A model with a mutable state (an int[] counter) whose step changes the array it was given. */
    static final class MutatingModel implements Model<int[], String, String> {
        @Override
        public int[] init() {
            return new int[1];
        }

        @Override
        public Step<int[]> step(int[] state, String input, String output) {
            state[0]++; // the bug: must copy
            return Step.to(state);
        }

        @Override
        public boolean equal(int[] a, int[] b) {
            return java.util.Arrays.equals(a, b);
        }

        @Override
        public long hash(int[] state) {
            return java.util.Arrays.hashCode(state);
        }

        @Override
        public String describeState(int[] state) {
            return java.util.Arrays.toString(state);
        }
    }

    @Test
    @DisplayName("debug checks catch a step that mutates its input state")
    void mutatingStepIsDetected() {
        var history = List.of(new Operation<>(0, "inc", 0, "ok", 10), new Operation<>(1, "inc", 0, "ok", 10));
        assertThatThrownBy(() -> Linearizability.check(new MutatingModel(), history,
                CheckOptions.withTimeout(Duration.ZERO).debugChecks(true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mutated its input state (was [0], now [1])");
    }

    @Test
    @DisplayName("a partition function that loses, duplicates or invents operations is refused")
    void badPartitionFunction() {
        var history = List.of(new Operation<>(0, GET, 0, EMPTY, 1), new Operation<>(1, GET, 0, EMPTY, 1));
        assertThatThrownBy(() -> Linearizability.check(partitionedAs(h -> List.of(h.subList(0, 1))), history,
                Duration.ZERO)).hasMessage("the model's partition left out 1 operation(s)");
        assertThatThrownBy(() -> Linearizability.check(partitionedAs(h -> List.of(h, h.subList(0, 1))), history,
                Duration.ZERO)).hasMessage("the model's partition put operation 0 in two places");
        assertThatThrownBy(() -> Linearizability.check(
                partitionedAs(h -> List.of(List.of(new Operation<>(0, GET, 0, EMPTY, 1)))), history, Duration.ZERO))
                .hasMessageStartingWith("the model's partition returned an operation that is not in the history");
    }

    @Test
    @DisplayName("a step that returns null instead of Step.illegal() is reported")
    void stepReturningNull() {
        Model<String, String, String> model = new Model<>() {
            @Override
            public String init() {
                return "";
            }

            @Override
            public Step<String> step(String state, String input, String output) {
                return null;
            }
        };
        assertThatThrownBy(() -> Linearizability.check(model, List.of(new Operation<>(0, "x", 0, "y", 1)),
                Duration.ZERO)).hasMessageContaining("return Step.illegal() for an illegal operation");
    }

    /** The KV model with another partition function. */
    private static Model<KvState, KvInput, KvOutput> partitionedAs(
            Function<List<Operation<KvInput, KvOutput>>, List<List<Operation<KvInput, KvOutput>>>> partition) {
        return new Model<>() {
            @Override
            public KvState init() {
                return KV.init();
            }

            @Override
            public Step<KvState> step(KvState state, KvInput input, KvOutput output) {
                return KV.step(state, input, output);
            }

            @Override
            public List<List<Operation<KvInput, KvOutput>>> partition(List<Operation<KvInput, KvOutput>> history) {
                return partition.apply(history);
            }
        };
    }
}
