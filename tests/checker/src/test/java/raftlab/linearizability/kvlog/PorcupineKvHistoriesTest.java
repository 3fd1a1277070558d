package raftlab.linearizability.kvlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import raftlab.linearizability.CheckResult;
import raftlab.linearizability.Histories;
import raftlab.linearizability.Linearizability;
import raftlab.linearizability.VerboseResult;

/**
 * The six kvraft histories Porcupine ships, with the verdicts Porcupine gives them. They are real student-lab
 * recordings, so they exercise the search the way the KV suites will.
 */
class PorcupineKvHistoriesTest {

    // No timeout: these must reach a verdict, and do in well under a second each.
    @ParameterizedTest(name = "{0} partitioned by key is {1}")
    @CsvSource({"c01-ok, OK", "c01-bad, ILLEGAL", "c10-ok, OK", "c10-bad, ILLEGAL", "c50-ok, OK", "c50-bad, ILLEGAL"})
    @Timeout(30)
    void partitionedModelGivesPorcupinesVerdict(String file, CheckResult expected) {
        assertThat(Linearizability.checkEvents(new AppendKvModel(), KvLogs.load(file), Duration.ZERO))
                .isEqualTo(expected);
    }

    // The whole map as one state: seconds instead of milliseconds for c10, which is why models partition.
    @ParameterizedTest(name = "{0} unpartitioned is {1}")
    @CsvSource({"c01-ok, OK", "c01-bad, ILLEGAL", "c10-ok, OK", "c10-bad, ILLEGAL"})
    @Timeout(60)
    void unpartitionedModelGivesTheSameVerdict(String file, CheckResult expected) {
        assertThat(Linearizability.checkEvents(new AppendKvMapModel(), KvLogs.load(file), Duration.ZERO))
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("c01-bad: the first wrong read is get('7') returning only the first append")
    void singleClientViolationIsTheStaleRead() {
        var history = Histories.fromEvents(KvLogs.load("c01-bad"));
        VerboseResult<LogKvInput, LogKvOutput> result =
                Linearizability.checkVerbose(new AppendKvModel(), history, Duration.ZERO);

        assertThat(result.result()).isEqualTo(CheckResult.ILLEGAL);
        // One client means one possible order: the illegal partition's longest prefix stops right before the read.
        var illegal = result.partitions().stream().filter(p -> p.result() == CheckResult.ILLEGAL).findFirst()
                .orElseThrow();
        var longest = illegal.partialLinearizations().getFirst();
        int nextOp = illegal.operations().get(longest.size());
        assertThat(history.get(nextOp).input()).isEqualTo(new LogKvInput.Get("7"));
        assertThat(history.get(nextOp).output().value()).isEqualTo("x 0 0 y");
    }

    @Test
    @DisplayName("verbose c50-bad with a 1 s timeout returns in 2 s (Porcupine's verbose mode ran out of 23 GB)")
    @Timeout(10)
    void verboseCheckOfHardIllegalHistoryStaysBounded() {
        var events = KvLogs.load("c50-bad");
        long start = System.nanoTime();
        var result = Linearizability.checkEventsVerbose(new AppendKvModel(), events, Duration.ofSeconds(1));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.result()).isEqualTo(CheckResult.ILLEGAL);
        assertThat(millis).isLessThan(2000);
    }
}
