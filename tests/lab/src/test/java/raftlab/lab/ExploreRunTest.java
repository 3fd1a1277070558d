package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import raftlab.lab.fixture.FakeSweep;

/**
 * {@code ./lab explore} end to end over forked JVMs, with {@link FakeSweep} in place of SimSweep: seed ranges over
 * two JVMs, the failures of both added up and grouped, the replay command of the lowest failing seed, and a JVM
 * that dies without its summary reported with its last lines and a non-zero exit status.
 */
class ExploreRunTest {

    private static String explore(long first, int seeds, int[] status) {
        GradedTest fails = Catalogue.discover("raftlab.lab.fixture", null).select(List.of("TestFails9Z")).get(0);
        ExploreCommand command = new ExploreCommand();
        command.seeds = seeds;
        command.sweepMain = FakeSweep.class.getName();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        status[0] = command.explore(List.of(fails), Forker.ofThisJvm(List.of(Forker.SIM_OPTION), 0), first, 2,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void twoJvmsSweepTheirRangesAndTheFailuresAreGroupedWithTheirReplay() {
        int[] status = new int[1];
        String out = explore(1, 12, status);   // seeds 1..6 and 7..12: failures at 3, 6, 9, 12

        assertThat(status[0]).isEqualTo(1);
        assertThat(out).contains("lab: 12 of 12 seeds done")
                .contains("lab: 8 of 12 runs passed: pass rate 66.7% (95% CI 39.1% to 86.2%, Wilson)")
                .contains("lab: 4 failed run(s) in 1 group(s) by first failure line:")
                .contains("  4x TestFails9Z: org.opentest4j.AssertionFailedError: the fixture fails on purpose\n")
                .contains("first failing seed 3, replay: ./lab test TestFails9Z --sim --seed 3")
                .contains("lab: seeds 1..6, Test (9Z): fails ... warning: a passing fixture run warns\n")
                .doesNotContain("ended without its summary");
    }

    @Test
    void aJvmThatDiesWithoutItsSummaryIsReported() {
        int[] status = new int[1];
        String out = explore(10, 2, status);   // seeds 10 and 11 pass; 12..13 is not asked for
        assertThat(status[0]).isZero();
        assertThat(out).contains("lab: no failures");

        out = explore(11, 4, status);          // 11..12 in one JVM, 13..14 in the other, which dies at 13
        assertThat(status[0]).isEqualTo(1);
        assertThat(out).contains("lab: the JVM for seeds 13..14 ended without its summary (exit status 3)")
                .contains("fake sweep: crashing at seed 13");
    }
}
