package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ./lab explore}'s arithmetic and text without running a test: SimSweep's lines read back, the Wilson
 * interval against published values, seed ranges over JVMs, failures grouped by first line with the replay command
 * of each group's first seed.
 */
class ExploreTest {

    private static final GradedTest ELECTION = new GradedTest("raftlab.raft.Raft3ATest", "testInitialElection3A",
            "Test (3A): initial election", "3A", 120);
    private static final GradedTest REELECTION = new GradedTest("raftlab.raft.Raft3ATest", "testReElection3A",
            "Test (3A): election after network failure", "3A", 120);

    @Test
    void wilsonIntervalMatchesPublishedValues() {
        // Newcombe (1998), Statistics in Medicine 17:857, table I: 81/263 -> 0.2553 to 0.3662; 0/10 -> 0 to 0.2775
        Wilson a = Wilson.of95(81, 263);
        assertThat(a.low()).isCloseTo(0.2553, within(1e-4));
        assertThat(a.high()).isCloseTo(0.3662, within(1e-4));
        Wilson none = Wilson.of95(0, 10);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.2775, within(1e-4));
        // all passed still leaves room for a rare bug: 20 of 20 -> 83.9% to 100%
        Wilson all = Wilson.of95(20, 20);
        assertThat(all.low()).isCloseTo(0.8389, within(1e-4));
        assertThat(all.high()).isEqualTo(1.0);
        assertThat(Wilson.of95(60, 60).high()).isEqualTo(1.0);   // where the formula alone gives 0.99999...
        assertThat(Wilson.of95(60, 60).low()).isCloseTo(0.9398, within(1e-4));
        assertThatThrownBy(() -> Wilson.of95(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentagesNeverRoundAMissToAHundred() {
        assertThat(Exploration.percent(1.0)).isEqualTo("100.0%");
        assertThat(Exploration.percent(0.99999)).isEqualTo("99.9%");
        assertThat(Exploration.percent(0.00001)).isEqualTo("0.1%");
        assertThat(Exploration.percent(0.8389)).isEqualTo("83.9%");
    }

    @Test
    void seedsSplitIntoContiguousRangesOfNearlyEqualSize() {
        assertThat(ExploreCommand.split(100, 10, 3)).containsExactly(new ExploreCommand.SeedRange(100, 103),
                new ExploreCommand.SeedRange(104, 106), new ExploreCommand.SeedRange(107, 109));
        assertThat(ExploreCommand.split(5, 2, 8)).containsExactly(new ExploreCommand.SeedRange(5, 5),
                new ExploreCommand.SeedRange(6, 6));
    }

    @Test
    void sweepLinesAreReadAndOtherOutputIsNot() {
        assertThat(SweepLine.parse("FAILED Raft3ATest#testInitialElection3A seed 17 (virtual 3.000000 s, 812 steps, "
                + "hash 1f): org.opentest4j.AssertionFailedError: expected one leader, got none (seed 17; replay "
                + "with -Dlab.sim=true -Dlab.seed=17)"))
                .contains(new SweepLine.Failure("Raft3ATest#testInitialElection3A", 17,
                        "org.opentest4j.AssertionFailedError: expected one leader, got none (seed 17; replay with "
                                + "-Dlab.sim=true -Dlab.seed=17)"));
        assertThat(SweepLine.parse("FAILED Raft3ATest#testReElection3A seed 3: java.lang.IllegalStateException: x"))
                .contains(new SweepLine.Failure("Raft3ATest#testReElection3A", 3,
                        "java.lang.IllegalStateException: x"));
        assertThat(SweepLine.parse("NONDETERMINISTIC Raft3ATest#testReElection3A seed 9: hash 1a then 2b"))
                .contains(new SweepLine.Nondeterministic("Raft3ATest#testReElection3A", 9, "hash 1a then 2b"));
        assertThat(SweepLine.parse(String.format("%-60s runs %4d  failed %3d  nondeterministic 1  mean virtual "
                + "%6.1f s  mean wall %5.2f s", "Raft3ATest#testReElection3A", 20, 2, 4.5, 0.3)))
                .contains(new SweepLine.Summary("Raft3ATest#testReElection3A", 20, 2, 1));
        assertThat(SweepLine.parse(String.format("%-60s runs %4d  failed %3d  mean virtual %6.1f s  mean wall "
                + "%5.2f s", "Raft3ATest#testInitialElection3A", 20, 0, 4.5, 0.3)))
                .contains(new SweepLine.Summary("Raft3ATest#testInitialElection3A", 20, 0, 0));
        assertThat(SweepLine.parse("sim sweep: seed 12 done")).contains(new SweepLine.SeedDone(12));
        assertThat(SweepLine.parse("Test (3A): initial election ...")).isEmpty();
        assertThat(SweepLine.parse("  ... Passed --  time  3.0s #peers 3 #RPCs    58")).isEmpty();
    }

    @Test
    void failuresGroupByTestAndFirstLineWithoutTheSeedAndReplayTheFirstSeed() {
        Exploration e = new Exploration(List.of(ELECTION, REELECTION));
        String leader = "org.opentest4j.AssertionFailedError: expected one leader, got none";
        e.add(new SweepLine.Failure("Raft3ATest#testInitialElection3A", 31, leader + " (seed 31; replay with "
                + "-Dlab.sim=true -Dlab.seed=31)"));
        e.add(new SweepLine.Failure("Raft3ATest#testInitialElection3A", 12, leader + " (seed 12; replay with "
                + "-Dlab.sim=true -Dlab.seed=12)"));
        e.add(new SweepLine.Failure("Raft3ATest#testReElection3A", 40, "java.lang.AssertionError: term moved"));
        e.add(new SweepLine.Summary("Raft3ATest#testInitialElection3A", 50, 2, 0));
        e.add(new SweepLine.Summary("Raft3ATest#testReElection3A", 25, 1, 0));
        e.add(new SweepLine.Summary("Raft3ATest#testReElection3A", 25, 0, 0));

        assertThat(e.groups()).extracting(Exploration.Group::test, Exploration.Group::firstLine,
                Exploration.Group::firstSeed).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("TestInitialElection3A", leader, 12L),
                        org.assertj.core.groups.Tuple.tuple("TestReElection3A", "java.lang.AssertionError: term moved",
                                40L));
        assertThat(e.runs()).isEqualTo(100);
        assertThat(e.failed()).isEqualTo(3);
        assertThat(e.clean()).isFalse();
        String report = e.report();
        assertThat(report).contains("lab: 97 of 100 runs passed: pass rate 97.0% (95% CI 91.5% to 99.0%, Wilson)")
                .contains("lab: 3 failed run(s) in 2 group(s) by first failure line:")
                .contains("  2x TestInitialElection3A: " + leader + "\n")
                .contains("first failing seed 12, replay: ./lab test TestInitialElection3A --sim --seed 12")
                .contains("replay: ./lab test TestReElection3A --sim --seed 40");
        assertThat(report.indexOf("2x TestInitialElection3A")).isLessThan(report.indexOf("1x TestReElection3A"));
    }

    @Test
    void aCleanExplorationSaysSoAndANondeterministicSeedIsNamed() {
        Exploration clean = new Exploration(List.of(ELECTION));
        clean.add(new SweepLine.Summary("Raft3ATest#testInitialElection3A", 20, 0, 0));
        assertThat(clean.clean()).isTrue();
        assertThat(clean.report()).contains("20 of 20 runs passed: pass rate 100.0% (95% CI 83.9% to 100.0%")
                .contains("lab: no failures");

        Exploration odd = new Exploration(List.of(ELECTION));
        odd.add(new SweepLine.Nondeterministic("Raft3ATest#testInitialElection3A", 7, "hash 1a then 2b"));
        odd.add(new SweepLine.Summary("Raft3ATest#testInitialElection3A", 20, 0, 1));
        assertThat(odd.clean()).isFalse();
        assertThat(odd.report()).contains("NONDETERMINISTIC TestInitialElection3A seed 7 (hash 1a then 2b)")
                .contains("./lab explore TestInitialElection3A --seed 7 -n 1 --check-determinism");
    }
}
