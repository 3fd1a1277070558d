package raftlab.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference statistics (raftlab's own): the table's format, the ratio line, the warning past 2x. */
class ReferenceStatsTest {

    private static final String TABLE = """
            # comment
            testBackup3B\t20\t8.28\t9.50\t709\t790\t62344\t70000
            """;

    private static Map<String, ReferenceStats.Reference> table() {
        return ReferenceStats.load(new ByteArrayInputStream(TABLE.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theTableIsReadByLowerCaseName() {
        assertThat(table()).containsOnlyKeys("testbackup3b");
        assertThat(table().get("testbackup3b").rpcsMedian()).isEqualTo(709);
    }

    @Test
    void aTestNearTheReferenceGetsItsRatioAndNoWarning() {
        String report = ReferenceStats.report("testBackup3B", new ReferenceStats.Measure(9.6, 730, 64_000),
                table().get("testbackup3b"));

        assertThat(report).isEqualTo("  ... vs reference: time 1.2x (median 8.3s), #RPCs 1.0x (median 709), "
                + "#bytes 1.0x (median 62344), over 20 reference runs");
    }

    @Test
    void twiceTheReferencesTimeWarnsButDoesNotFail() {
        // A student's correct 3B with a replication pause: 17.3 s against the reference's 8.3 s.
        String report = ReferenceStats.report("testBackup3B", new ReferenceStats.Measure(17.3, 720, 64_000),
                table().get("testbackup3b"));

        assertThat(report).contains("time 2.1x").contains("\nwarning: testBackup3B passed, but used 2.1x the "
                + "reference's time; not a failure");
    }

    @Test
    void tooManyRpcsWarnToo() {
        String report = ReferenceStats.report("testBackup3B", new ReferenceStats.Measure(8.0, 2_500, 64_000),
                table().get("testbackup3b"));

        assertThat(report).contains("used 3.5x the reference's RPCs");
    }

    @Test
    void aMalformedTableSaysHowToRegenerateIt() {
        assertThatThrownBy(() -> ReferenceStats.load(new ByteArrayInputStream("testX\t1\n".getBytes())))
                .hasMessageContaining("regenerate it with scripts/refstats");
    }
}
