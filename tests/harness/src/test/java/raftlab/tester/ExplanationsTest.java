package raftlab.tester;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MIT's terse failure messages get one explaining line (raftlab's own); others are left as they are. */
class ExplanationsTest {

    private static final List<String> TERSE = List.of(
        "one(101) failed to reach agreement",
        "only 0 decided for index 4; wanted 3",
        "expected one leader, got none",
        "term 3 has 2 (>1) leaders",
        "1 committed but no majority",
        "servers disagree on term",
        "term changed too often",
        "too many RPCs (61) for 1 second of idleness",
        "too many RPCs (93) for 10 entries",
        "apply error: server 2 apply out of order 7",
        "apply error: commit index=5 server=1 300 != server=0 200",
        "logs were not trimmed (2100 > 2 * 2000)",
        "Reliable: Wrong number of puts: server 12 clnts {Nok:13 Nmaybe:0}",
        "history is not linearizable",
        "test took longer than 120 seconds");

    @Test
    void mitsTerseMessagesAreExplainedInOneLine() {
        for (String message : TERSE) {
            String line = Explanations.lineFor(message);
            assertThat(line).as(message).startsWith("\n  what it means: ").contains("Usual causes:");
            assertThat(line.lines().count()).as(message).isEqualTo(2);    // the empty first line, then the text
        }
    }

    @Test
    void aSelfExplainingMessageGetsNothing() {
        assertThat(Explanations.lineFor("Put in minority completed with version = 3")).isEmpty();
    }
}
