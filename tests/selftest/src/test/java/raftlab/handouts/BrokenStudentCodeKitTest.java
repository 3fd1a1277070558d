package raftlab.handouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import raftlab.lab.Handout;

/**
 * A student's {@code RaftNode.java} with a syntax error does not take the tool down: in a generated kit, {@code ./lab
 * list}, {@code ./lab logs}, {@code ./lab --help} and a subcommand's {@code --help} work, and the launcher's own
 * messages stay off standard output. (The tool is built from tests/lab and labrpc alone.)
 */
class BrokenStudentCodeKitTest {

    @TempDir
    static Path tmp;
    static Path kit;

    @BeforeAll
    static void kitWithASyntaxErrorInRaftNode() throws IOException {
        Path root = HandoutsTest.repositoryRoot();
        kit = tmp.resolve("kit");
        Handout.generate(root, kit);
        Files.writeString(kit.resolve("raft/src/main/java/raftlab/raft/RaftNode.java"),
                "\nclass Broken { int x = ; }\n", StandardOpenOption.APPEND);
        Files.writeString(kit.resolve("sample.log"), """
                Test (3A): initial election (reliable network)...
                000012 TIMR S0 election timeout after 212 ms
                000013 TERM S0 term 0 -> 1, starting election
                000014 VOTE S1 granted vote to S0 in term 1
                """);
    }

    /** Standard output and error of one {@code ./lab} run in the kit, and its exit status. */
    record Run(int exit, String out, String err) {}

    static Run lab(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kit.resolve("lab").toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(kit.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("./lab %s finished", List.of(args)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void listLogsAndHelpWorkWhileRaftNodeDoesNotCompile() throws Exception {
        Run list = lab("list", "3A");    // the first run builds the tool
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("TestInitialElection3A", "Test (3A): initial election")
                .doesNotContain("lab: building");
        assertThat(list.err()).contains("lab: building the lab tool");

        Run logs = lab("logs", "sample.log", "--no-color", "-c", "3");
        assertThat(logs.exit()).as(logs.err()).isZero();
        assertThat(logs.out()).contains("granted vote to S0");

        Run help = lab("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: lab", "test", "grade", "list", "logs");

        Run gradeHelp = lab("grade", "--help");
        assertThat(gradeHelp.exit()).as(gradeHelp.err()).isZero();
        assertThat(gradeHelp.out()).contains("Usage: lab grade", "--runs");
    }
}
