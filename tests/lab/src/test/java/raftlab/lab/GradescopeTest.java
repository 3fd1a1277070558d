package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Gradescope bundle's scripts. (The bundle itself was tried end to end by running {@code run_autograder}
 * against a fake {@code /autograder} tree; that needs a Maven build, too heavy for a unit test.)
 */
class GradescopeTest {

    @Test
    void runAutograderGradesTheSubmissionOnTheKitAndAlwaysWritesResults() {
        String run = GradescopeCommand.runScript();
        assertThat(run).startsWith("#!/usr/bin/env bash")
                .contains("ROOT=${AUTOGRADER_ROOT:-/autograder}")
                .contains("./lab grade --plain --submission \"$submission\" --json \"$results\"")
                .contains("-n \"$RUNS\" -p \"$PARALLEL\"")
                .contains("if [ ! -s \"$results\" ]");
        String setup = GradescopeCommand.setupScript();
        assertThat(setup).contains("openjdk-21-jdk-headless").contains("maven").contains("./lab list");
        assertThat(GradescopeCommand.conf(3, 2, List.of("3A", "3B")))
                .contains("RUNS=3\n").contains("PARALLEL=2\n").contains("SELECTORS=\"3A 3B\"");
    }
}
