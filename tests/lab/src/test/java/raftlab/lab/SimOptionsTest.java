package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --sim} on test and grade, {@code explore}'s options, and the usage errors of bad input (exit status 2 with
 * a message naming the cause, before anything is built or run); the replay lines carry {@code --sim} and the seed.
 */
class SimOptionsTest {

    /** {@return the exit status and what the command wrote to its error stream} */
    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Lab.commandLine();
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new String[] {Integer.toString(status), err.toString()};
    }

    private static void assertUsageError(String expected, String... args) {
        String[] r = run(args);
        assertThat(r[0]).as("exit status of ./lab %s", String.join(" ", args)).isEqualTo("2");
        assertThat(r[1]).as("message of ./lab %s", String.join(" ", args)).contains(expected);
    }

    @Test
    void simPutsTheSimulationPropertyIntoTheForksOfTestAndGrade() {
        for (String sub : new String[] {"test", "grade"}) {
            CommandLine.ParseResult parsed = Lab.commandLine().parseArgs(sub, "--sim", "--seed", "5", "3A");
            Object command = parsed.subcommand().commandSpec().userObject();
            Lab.ForkOptions fork = command instanceof Lab.TestCommand t ? t.fork : ((Lab.GradeCommand) command).fork;
            assertThat(fork.sim).isTrue();
            assertThat(fork.jvmOptions()).contains(Forker.SIM_OPTION);
        }
        Lab.TestCommand plain = (Lab.TestCommand) Lab.commandLine().parseArgs("test", "3A").subcommand()
                .commandSpec().userObject();
        assertThat(plain.fork.jvmOptions()).doesNotContain(Forker.SIM_OPTION);
    }

    @Test
    void gradeInAPreparedSubmissionKitKeepsSim() {
        Lab.GradeCommand grade = (Lab.GradeCommand) Lab.commandLine().parseArgs("grade", "--sim", "-n", "3", "3A")
                .subcommand().commandSpec().userObject();
        assertThat(grade.argumentsForKit()).contains("--sim").endsWith("3A");
    }

    @Test
    void replayLinesCarrySimAndTheSeed() {
        assertThat(Lab.TestCommand.failureLine(Forker.Status.FAILED, "TestInitialElection3A", 5, true)).isEqualTo(
                "FAILED TestInitialElection3A (seed 5, sim mode; replay: ./lab test TestInitialElection3A --sim "
                        + "--seed 5)");
        assertThat(Lab.TestCommand.failureLine(Forker.Status.KILLED, "TestBackup3B", 7, false)).isEqualTo(
                "KILLED TestBackup3B (seed 7; replay: ./lab test TestBackup3B --seed 7)");
        GradedTest t = new GradedTest("raftlab.raft.Raft3ATest", "testInitialElection3A", "Test (3A): initial election",
                "3A", 120);
        assertThat(Forker.ofThisJvm("cp", java.util.List.of(Forker.SIM_OPTION), 1).header(t, 2, 9)).isEqualTo(
                "lab: TestInitialElection3A run 2 seed 9 (replay: ./lab test TestInitialElection3A --sim --seed 9, "
                        + "or -Dlab.sim=true -Dlab.seed=9)");
        assertThat(Forker.ofThisJvm("cp", java.util.List.of(), 1).header(t, 1, 9)).contains(
                "(replay: ./lab test TestInitialElection3A --seed 9, or -Dlab.seed=9)");
    }

    @Test
    void badInputIsAUsageErrorNamingTheCause() {
        assertUsageError("Invalid value for option '--seed'", "test", "TestInitialElection3A", "--sim", "--seed",
                "banana");
        assertUsageError("Invalid value for option '--seed'", "grade", "3A", "--seed", "12x");
        assertUsageError("Invalid value for option '--seed'", "explore", "3A", "--seed", "x");
        assertUsageError("unknown selector: TestNoSuchThing3A", "test", "TestNoSuchThing3A", "--sim");
        assertUsageError("unknown selector: TestNoSuchThing3A", "grade", "TestNoSuchThing3A", "--sim");
        assertUsageError("unknown selector: TestNoSuchThing3A", "explore", "TestNoSuchThing3A");
        assertUsageError("-n and -p must be at least 1", "grade", "3A", "-n", "0", "--sim");
        assertUsageError("-n must be at least 1 (seeds per test), got 0", "explore", "3A", "-n", "0");
        assertUsageError("-p must be at least 1 (JVMs at once), got 0", "explore", "3A", "-p", "0");
        assertUsageError("Invalid value for option '--seeds'", "explore", "3A", "-n", "many");
        assertUsageError("--seed must not be negative", "explore", "3A", "--seed", "-4");
        assertUsageError("Missing required parameter: 'SELECTOR'", "explore");
        assertUsageError("use --sim, not -Dlab.sim", "test", "3A", "-D", "lab.sim=true");
        assertUsageError("zoo: --budget and --chunk must be at least 1", "zoo", "--sim", "--budget", "0");
        assertUsageError("zoo: --budget and --chunk must be at least 1", "zoo", "--sim", "--chunk", "0");
        assertUsageError("Invalid value for option '--budget'", "zoo", "--sim", "--budget", "soon");
    }
}
