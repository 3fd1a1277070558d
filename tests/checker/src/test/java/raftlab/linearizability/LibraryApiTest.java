package raftlab.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import raftlab.linearizability.HardModels.Op;
import raftlab.linearizability.HardModels.OrderModel;
import raftlab.linearizability.kvlog.AppendKvModel;
import raftlab.linearizability.kvlog.KvLogs;
import raftlab.linearizability.kvlog.LogKvInput;
import raftlab.linearizability.kvlog.LogKvOutput;

/**
 * The checker as a library used from outside: null states refused where the user can see why, event histories
 * taking the same options as operation histories, and search statistics that add up.
 */
@Timeout(30)
class LibraryApiTest {

    /** A counter: "inc" adds one, "read" must see the count. */
    static final class Counter implements Model<Integer, String, Integer> {
        @Override
        public Integer init() {
            return 0;
        }

        @Override
        public Step<Integer> step(Integer state, String input, Integer output) {
            return input.equals("inc") ? Step.to(state + 1) : Step.legalIf(state.equals(output), state);
        }
    }

    @AfterEach
    void noThreadOutlivesTheCheck() {
        assertThat(HardModels.liveCheckerThreads()).isEmpty();
    }

    @Test
    @DisplayName("a model whose initial state is null is refused before the search, saying states are never null")
    void nullInitialState() {
        Model<String, String, String> nullInit = new Model<>() {
            @Override
            public String init() {
                return null;
            }

            @Override
            public Step<String> step(String state, String input, String output) {
                return Step.to(state + input); // would "work" on null: "nullx"; the boundary must stop it first
            }
        };
        var history = List.of(new Operation<>(0, "x", 0, "ok", 1));

        for (var check : List.<Runnable>of(
                () -> Linearizability.check(nullInit, history, Duration.ZERO),
                () -> Linearizability.checkVerbose(nullInit, history, Duration.ZERO),
                () -> Linearizability.check(nullInit, List.of(), Duration.ZERO))) {
            assertThatThrownBy(check::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the model's init() returned null; a model's states are never null");
        }
        assertThatThrownBy(() -> Linearizability.check(null, history, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("model is null");
    }

    @Test
    @DisplayName("a step to a null state fails in the model's step, with the operation and the fix in the message")
    void stepToNullState() {
        assertThatThrownBy(() -> Step.to(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a legal step needs a non-null next state");
        Model<String, String, String> toNull = new Model<>() {
            @Override
            public String init() {
                return "";
            }

            @Override
            public Step<String> step(String state, String input, String output) {
                return Step.to(input.equals("clear") ? null : state + input);
            }
        };
        var history = List.of(new Operation<>(0, "a", 0, "ok", 1), new Operation<>(0, "clear", 2, "ok", 3));
        assertThatThrownBy(() -> Linearizability.check(toNull, history, Duration.ZERO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the model's step threw on clear -> ok in state a")
                .hasMessageContaining("a legal step needs a non-null next state");
    }

    @Test
    @DisplayName("checkEvents honours CheckOptions: the timeout and debug checks")
    void checkEventsTakesOptions() {
        // Three 20!-step partitions as events: without the timeout this would not end (and UNKNOWN is only ever the
        // answer of a timeout), so the options reached the search.
        List<Operation<Op, Boolean>> hard = new ArrayList<>(HardModels.hardPartition("a", 20));
        hard.addAll(HardModels.hardPartition("b", 20));
        hard.addAll(HardModels.hardPartition("c", 20));
        List<Event<Op, Boolean>> events = asEvents(hard);
        CheckOptions shortTimeout = CheckOptions.withTimeout(Duration.ofMillis(1000)).parallelism(2);

        assertThat(Linearizability.checkEvents(new OrderModel(), events, shortTimeout)).isEqualTo(CheckResult.UNKNOWN);
        VerboseResult<Op, Boolean> verbose = Linearizability.checkEventsVerbose(new OrderModel(), events, shortTimeout);
        assertThat(verbose.result()).isEqualTo(CheckResult.UNKNOWN);
        assertThat(verbose.statistics().steps()).as("it did search before giving up").isPositive();

        // Debug checks reach the search: a model that mutates its state is caught.
        List<Event<String, String>> incs = List.of(new Event.Call<>(0, 1, "inc"), new Event.Call<>(1, 2, "inc"),
                new Event.Return<>(0, 1, "ok"), new Event.Return<>(1, 2, "ok"));
        CheckOptions debug = CheckOptions.withTimeout(Duration.ZERO).debugChecks(true);
        assertThatThrownBy(() -> Linearizability.checkEvents(new BadInputTest.MutatingModel(), incs, debug))
                .hasMessageContaining("mutated its input state");
        assertThatCode(() -> Linearizability.checkEvents(new BadInputTest.MutatingModel(), incs,
                debug.debugChecks(false))).as("the same history without debug checks").doesNotThrowAnyException();
    }

    @Test
    @DisplayName("statistics count the search exactly: two concurrent incs then an impossible read")
    void statisticsOfASmallSearch() {
        // inc a and inc b overlap; read sees 5 after both returned: impossible in any order.
        var history = List.of(new Operation<>(0, "inc", 0, 0, 10), new Operation<>(1, "inc", 0, 0, 10),
                new Operation<>(2, "read", 20, 5, 30));

        VerboseResult<String, Integer> result = Linearizability.checkVerbose(new Counter(), history, Duration.ZERO);

        assertThat(result.result()).isEqualTo(CheckResult.ILLEGAL);
        // a (count 1), b (2), read illegal; back to {a}; back to {}; b (1), a (2) = {a, b} at count 2, seen before: a
        // memo hit; back to {}; nothing left: illegal. Five steps, three configurations, one hit, three backtracks.
        assertThat(result.statistics()).isEqualTo(new SearchStatistics(5, 3, 1, 3));
        assertThat(result.partitions()).singleElement().extracting(PartitionResult::statistics)
                .isEqualTo(result.statistics());
    }

    @Test
    @DisplayName("statistics on c50-ok add up over partitions and are plausible")
    void statisticsOfARealHistory() {
        var history = Histories.fromEvents(KvLogs.load("c50-ok"));

        VerboseResult<LogKvInput, LogKvOutput> result =
                Linearizability.checkVerbose(new AppendKvModel(), history, Duration.ofSeconds(60));

        assertThat(result.result()).isEqualTo(CheckResult.OK);
        SearchStatistics total = result.statistics();
        assertThat(total).isEqualTo(SearchStatistics.sum(
                result.partitions().stream().map(PartitionResult::statistics).toList()));
        for (PartitionResult p : result.partitions()) {
            SearchStatistics s = p.statistics();
            assertThat(s.statesExplored()).as("every operation linearized at least once")
                    .isGreaterThanOrEqualTo(p.operations().size());
            assertThat(s.steps()).as("each step is illegal, new, or a memo hit")
                    .isGreaterThanOrEqualTo(s.statesExplored() + s.memoHits());
        }
        // c50 has 50 concurrent clients: the memo must have pruned something, and the search backtracked.
        assertThat(total.memoHits()).isPositive();
        assertThat(total.backtracks()).isPositive();
    }

    private static <I, O> List<Event<I, O>> asEvents(List<Operation<I, O>> ops) {
        record Timed<I, O>(long time, int kind, Event<I, O> event) {}
        List<Timed<I, O>> timed = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Operation<I, O> op = ops.get(i);
            timed.add(new Timed<>(op.call(), 0, new Event.Call<>(op.clientId(), i, op.input())));
            timed.add(new Timed<>(op.returned(), 1, new Event.Return<>(op.clientId(), i, op.output())));
        }
        timed.sort((a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time()) : Integer.compare(a.kind(), b.kind()));
        return timed.stream().map(Timed::event).toList();
    }
}
