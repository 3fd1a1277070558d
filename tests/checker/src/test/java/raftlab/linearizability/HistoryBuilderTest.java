package raftlab.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import raftlab.linearizability.kvlog.AppendKvModel;
import raftlab.linearizability.kvlog.KvLogs;
import raftlab.linearizability.kvlog.LogKvInput;
import raftlab.linearizability.kvlog.LogKvOutput;

/** A history built call by call from a log: a new log format is a few lines of parser. */
class HistoryBuilderTest {

    private static final AppendKvModel KV = new AppendKvModel();

    /**
     * A log format of our own, Jepsen-like: {@code <client> <invoke|ok|info|fail> <get|put> <key> [value]}. The
     * whole parser is this method.
     */
    private static List<Operation<LogKvInput, LogKvOutput>> parse(String log) {
        HistoryBuilder<LogKvInput, LogKvOutput> h = HistoryBuilder.inLogOrder();
        for (String line : log.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            int client = Integer.parseInt(f[0]);
            String value = f.length > 4 ? f[4] : "";
            switch (f[1]) {
                case "invoke" -> h.call(client, f[2].equals("get") ? new LogKvInput.Get(f[3])
                        : new LogKvInput.Put(f[3], value));
                case "ok" -> h.returned(client, new LogKvOutput(value));
                case "info" -> h.neverReturned(client, LogKvOutput.UNKNOWN);
                case "fail" -> h.noEffect(client);
                default -> throw new IllegalArgumentException("bad line: " + line);
            }
        }
        return h.build(input -> LogKvOutput.UNKNOWN);
    }

    @Test
    @DisplayName("a parsed log: a timed-out put may explain a later read, a failed one may not")
    void logWithTimeoutsAndFailures() {
        String timedOut = """
                0 invoke put x 1
                0 ok put x
                1 invoke put x 2
                1 info put x
                2 invoke get x
                2 ok get x 2
                """;
        String failed = timedOut.replace("1 info put x", "1 fail put x");

        var ok = parse(timedOut);
        assertThat(ok).hasSize(3);
        assertThat(ok.get(1).pending()).isTrue();
        assertThat(Linearizability.check(KV, ok, Duration.ZERO)).isEqualTo(CheckResult.OK);

        var illegal = parse(failed);
        assertThat(illegal).as("the failed put is left out").hasSize(2);
        assertThat(Linearizability.check(KV, illegal, Duration.ZERO)).isEqualTo(CheckResult.ILLEGAL);
    }

    @Test
    @DisplayName("a call still open at the end of the log: build() names it, build(unknown) closes it at infinity")
    void openCallsAtTheEnd() {
        HistoryBuilder<LogKvInput, LogKvOutput> h = HistoryBuilder.inLogOrder();
        h.call(0, new LogKvInput.Put("x", "1")).call(1, new LogKvInput.Get("x")).returned(1, new LogKvOutput("1"));

        assertThat(h.pendingClients()).containsExactly(0);
        assertThatThrownBy(h::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("1 call(s) still open, the first by client 0 (Put[key=x, value=1], log position 0); "
                        + "close them with neverReturned(client, unknownOutput) or build(input -> unknownOutput)");
        var history = h.build(input -> LogKvOutput.UNKNOWN);
        assertThat(history).containsExactly(
                new Operation<>(0, new LogKvInput.Put("x", "1"), 0, LogKvOutput.UNKNOWN, Operation.NEVER),
                new Operation<>(1, new LogKvInput.Get("x"), 1, new LogKvOutput("1"), 2));
        assertThat(Linearizability.check(KV, history, Duration.ZERO)).isEqualTo(CheckResult.OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c01-ok", "c01-bad", "c10-ok", "c10-bad", "c50-ok", "c50-bad"})
    @DisplayName("Porcupine's kv logs built through the builder equal their event conversion")
    void sameAsEvents(String name) {
        List<Event<LogKvInput, LogKvOutput>> events = KvLogs.load(name);
        HistoryBuilder<LogKvInput, LogKvOutput> h = HistoryBuilder.inLogOrder();
        for (Event<LogKvInput, LogKvOutput> e : events) {
            switch (e) {
                case Event.Call<LogKvInput, LogKvOutput> c -> h.call(c.clientId(), c.input());
                case Event.Return<LogKvInput, LogKvOutput> r -> h.returned(r.clientId(), r.output());
            }
        }
        var built = h.build();

        assertThat(built).isEqualTo(Histories.fromEvents(events));
        assertThat(Linearizability.check(KV, built, Duration.ofSeconds(30)))
                .isEqualTo(name.endsWith("ok") ? CheckResult.OK : CheckResult.ILLEGAL);
    }

    @Test
    @DisplayName("a timed builder keeps the given times; equal times overlap (closed intervals)")
    void timedBuilder() {
        HistoryBuilder<LogKvInput, LogKvOutput> h = HistoryBuilder.timed();
        h.call(0, new LogKvInput.Put("x", "1"), 100).call(1, new LogKvInput.Get("x"), 40)
                .returned(1, new LogKvOutput("1"), 100).returned(0, LogKvOutput.NONE, 150);

        var history = h.build();
        assertThat(history).containsExactly(
                new Operation<>(0, new LogKvInput.Put("x", "1"), 100, LogKvOutput.NONE, 150),
                new Operation<>(1, new LogKvInput.Get("x"), 40, new LogKvOutput("1"), 100));
        assertThat(Linearizability.check(KV, history, Duration.ZERO)).isEqualTo(CheckResult.OK);
    }

    @Test
    @DisplayName("misuse fails at once, naming the log position and the fix")
    void misuse() {
        var get = new LogKvInput.Get("x");
        assertThatThrownBy(() -> HistoryBuilder.<LogKvInput, LogKvOutput>inLogOrder().call(3, get).call(3, get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("log position 1: client 3 called (Get[key=x]) while its call at log position 0 "
                        + "(Get[key=x]) is still open; a client makes one call at a time");
        assertThatThrownBy(() -> HistoryBuilder.<LogKvInput, LogKvOutput>inLogOrder().returned(2, LogKvOutput.NONE))
                .hasMessage("log position 0: client 2 returned but has no open call");
        assertThatThrownBy(() -> HistoryBuilder.<LogKvInput, LogKvOutput>inLogOrder().noEffect(2))
                .hasMessage("log position 0: client 2 had no effect but has no open call");
        assertThatThrownBy(() -> HistoryBuilder.<LogKvInput, LogKvOutput>timed().call(0, get, 50)
                .returned(0, LogKvOutput.NONE, 40))
                .hasMessage("log position 1: client 0 returned at 40, before its call at 50");
        assertThatThrownBy(() -> HistoryBuilder.<LogKvInput, LogKvOutput>timed().call(0, get))
                .hasMessageContaining("without a time on a timed builder");
        assertThatThrownBy(() -> HistoryBuilder.<LogKvInput, LogKvOutput>inLogOrder().call(0, get, 5))
                .hasMessageContaining("with a time on a log-order builder");
    }
}
