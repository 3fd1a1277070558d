package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import raftlab.labrpc.log.Log;
import raftlab.labrpc.log.Topic;

/** The topic logger's line format and {@code ./lab logs} on a fixture log. */
class LogViewerTest {

    private static List<String> log;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = LogViewerTest.class.getResourceAsStream("/lab/sample.log")) {
            log = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void loggerLinesAreTimeTopicPeerMessage() {
        assertThat(Log.format(12345, Topic.VOTE, 2, "granted vote to S%d in term %d", 0, 3))
                .isEqualTo("012345 VOTE S2 granted vote to S0 in term 3");
        assertThat(Log.format(7, Topic.LEAD, 0, "no arguments %d")).isEqualTo("000007 LEAD S0 no arguments %d");
        assertThat(Log.verbosity(null, null)).isZero();
        assertThat(Log.verbosity("1", null)).isEqualTo(1);
        assertThat(Log.verbosity(null, "2")).isEqualTo(2);
        assertThat(Log.verbosity("yes", "")).isZero();
        assertThat(Log.enabled()).isFalse();      // the test JVM has neither VERBOSE nor -Dverbose
    }

    @Test
    void plainViewFiltersTopicsAndPassesOtherLinesThrough() {
        List<String> out = LogViewer.render(log, new LogViewer.Options(0, LogViewer.parseTopics("vote,LEAD"),
                false, 100));
        assertThat(out).containsExactly(
                "Test (3A): initial election (reliable network)...",
                "000014 VOTE S1 granted vote to S0 in term 1",
                "000015 VOTE S2 granted vote to S0 in term 1",
                "000020 LEAD S0 became leader in term 1 with 3 votes",
                "junk line from somewhere",
                "Exception in thread \"x\" java.lang.IllegalStateException: boom",
                "\tat demo.Foo.bar(Foo.java:1)",
                "  ... Passed --  time  3.0s #peers 3 #RPCs    30 #bytes   432 #ops    0");
    }

    @Test
    void columnsPutEachPeerInItsColumnAndTesterLinesAcrossTheFullWidth() {
        EnumSet<Topic> all = EnumSet.allOf(Topic.class);
        all.remove(Topic.TIMR);
        List<String> out = LogViewer.render(log, new LogViewer.Options(3, all, false, 120));
        assertThat(out.get(0)).isEqualTo("S0" + " ".repeat(38) + "S1" + " ".repeat(38) + "S2");
        assertThat(out).contains("Test (3A): initial election (reliable network)...");
        assertThat(out).contains("TERM term 0 -> 1, starting election");
        assertThat(out).contains(" ".repeat(40) + "VOTE granted vote to S0 in term 1");
        assertThat(out).contains(" ".repeat(80) + "VOTE granted vote to S0 in term 1");
        assertThat(out).contains("000022 TEST starting phase two");
        assertThat(out).noneMatch(l -> l.contains("election timeout"));
        // a long message wraps inside its column
        assertThat(out).containsSubsequence("LEAD became leader in term 1 with 3", "votes");
    }

    @Test
    void colourMarksTopicsWithAnsiAndNoColourHasNone() {
        List<String> coloured = LogViewer.render(log, new LogViewer.Options(0, EnumSet.of(Topic.VOTE), true, 100));
        assertThat(coloured.get(1)).contains("\u001b[").contains("granted vote");
        List<String> plain = LogViewer.render(log, new LogViewer.Options(0, EnumSet.of(Topic.VOTE), false, 100));
        assertThat(plain).noneMatch(l -> l.contains("\u001b["));
    }

    @Test
    void unknownTopicsAreAnErrorListingTheValidOnes() {
        assertThatThrownBy(() -> LogViewer.parseTopics("VOTE,VOTES")).isInstanceOf(Lab.UsageException.class)
                .hasMessageContaining("unknown topic VOTES").hasMessageContaining("CLNT,CMIT");
    }
}
