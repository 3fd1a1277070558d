package raftlab.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Report lines, failure messages and seeded randomness of a config. */
class ConfigTest {

    @RegisterExtension
    final TesterExtension tester = new TesterExtension();

    private Config start(int n, boolean reliable) {
        return tester.makeConfig(n, reliable, (ends, gid, me, persister) -> List.of(() -> { }));
    }

    @Test
    void passedLineHasMitsColumnsPlusBytes() {
        Config cfg = start(3, true);
        cfg.begin("Test (XX): something");
        cfg.op();
        cfg.op();

        // The time column is four wide whatever it shows: a stalled machine may make this phase last a second.
        assertThat(cfg.passedLine()).matches("  \\.\\.\\. Passed --  time (?: \\d|\\d\\d)\\.\\ds"
                + " #peers 3 #RPCs     0 #bytes     0 #ops    2");
    }

    @Test
    void fatalNamesTheSeed() {
        // outside the extension, which would fail this test for the recorded failure.
        Config cfg = Config.standalone("fatal", 1, false, (ends, gid, me, p) -> List.of(() -> { }));
        try {
            assertThatThrownBy(() -> cfg.fatalf("one(%d) failed to reach agreement", 7))
                    .hasMessage("one(7) failed to reach agreement (seed " + cfg.seed() + "; replay with -Dlab.seed="
                            + cfg.seed() + ")");
            assertThatThrownBy(cfg::checkpoint).hasMessageContaining("one(7) failed to reach agreement");
        } finally {
            cfg.cleanup();
        }
    }

    @Test
    void randstringIsUrlSafeAndOfTheAskedLength() {
        Config cfg = start(1, true);

        assertThat(cfg.randstring(20)).hasSize(20).matches("[A-Za-z0-9_-]{20}");
        assertThat(cfg.randstring(5000)).hasSize(5000);
    }

    @Test
    void sameSeedGivesTheSameHarnessDraws() {
        Config a = Config.standalone("a", 1, true, (ends, gid, me, p) -> List.of(() -> { }));
        Config b = Config.standalone("b", 1, true, (ends, gid, me, p) -> List.of(() -> { }));
        try {
            if (a.seed() == b.seed()) {       // only with -Dlab.seed
                assertThat(a.randstring(30)).isEqualTo(b.randstring(30));
            }
            assertThat(new TestRun("x", 5).random.fork().nextLong())
                    .isEqualTo(new TestRun("y", 5).random.fork().nextLong());
        } finally {
            a.cleanup();
            b.cleanup();
        }
    }
}
