package raftlab.linearizability.kvlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

import raftlab.linearizability.Event;
import raftlab.linearizability.Histories;

/** Porcupine's kv log format, read line by line. */
class KvLogParserTest {

    private static List<Event<LogKvInput, LogKvOutput>> parse(String text) {
        return KvLogParser.parse(new BufferedReader(new StringReader(text)));
    }

    @Test
    void callsAndReturnsArePairedPerProcess() {
        var events = parse("""
                {:process 0, :type :invoke, :f :append, :key "4", :value "x 0 1 y"}
                {:process 1, :type :invoke, :f :get, :key "4", :value nil}
                {:process 0, :type :ok, :f :append, :key "4", :value "x 0 1 y"}
                {:process 1, :type :ok, :f :get, :key "4", :value "x 0 1 y"}
                {:process 2, :type :invoke, :f :put, :key "5", :value "z"}
                """);
        assertThat(events).containsExactly(
                new Event.Call<>(0, 0, new LogKvInput.Append("4", "x 0 1 y")),
                new Event.Call<>(1, 1, new LogKvInput.Get("4")),
                new Event.Return<>(0, 0, LogKvOutput.NONE),
                new Event.Return<>(1, 1, new LogKvOutput("x 0 1 y")),
                new Event.Call<>(2, 2, new LogKvInput.Put("5", "z")),
                new Event.Return<>(2, 2, LogKvOutput.UNKNOWN)); // still open at the end: closed with "unknown"
        assertThat(Histories.fromEvents(events)).hasSize(3);
    }

    @Test
    void badLinesAreReportedWithTheirNumber() {
        assertThatThrownBy(() -> parse("{:process 0, :type :invoke, :f :get, :key \"1\", :value nil}\nhello\n"))
                .hasMessage("line 2: not a kv log entry: hello");
        assertThatThrownBy(() -> parse("{:process 3, :type :ok, :f :put, :key \"1\", :value \"a\"}\n"))
                .hasMessage("line 1: process 3 returns without an open call");
        assertThatThrownBy(() -> parse("""
                {:process 0, :type :invoke, :f :get, :key "1", :value nil}
                {:process 0, :type :invoke, :f :get, :key "1", :value nil}
                """)).hasMessage("line 2: process 0 calls again before its previous call returned");
    }
}
