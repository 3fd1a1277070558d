package raftlab.handouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import raftlab.lab.Handout;

/** The comments of the student's files in a generated kit name only API that the kit has. */
class SkeletonCommentsTest {

    /** The modules whose src/main the student owns (those present in the repository). */
    private static final List<String> STUDENT_MODULES = List.of("kvsrv", "raft", "rsm", "kvraft", "shardkv");

    @TempDir
    static Path tmp;
    static Path kit;
    static SkeletonComments checker;

    @BeforeAll
    static void generateTheKit() throws IOException {
        kit = tmp.resolve("kit");
        Handout.generate(HandoutsTest.repositoryRoot(), kit);
        checker = SkeletonComments.of(kit);
    }

    @Test
    void aCommentNamingATypeOrMemberTheKitLacksIsCaught() throws IOException {
        Path file = tmp.resolve("Example.java");
        Files.writeString(file, """
                class Example {
                    // byte[] state = Codec.encode(new PersistentState(currentTerm, votedFor, log));
                    /** Replies with a {@link RequestVoteReply}; see Persister.saveEverything. */
                    // List<ApplyMsg> msgs = new ArrayList<>(); AppendEntries as in Figure 2
                }
                """);

        assertThat(checker.problems(file)).containsExactlyInAnyOrder(
                "Example.java:2: PersistentState is not a type of the kit or the JDK",
                "Example.java:3: Persister.saveEverything: Persister has no member saveEverything");
    }

    @Test
    void theStudentFilesCommentsNameOnlyWhatTheKitHas() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String module : STUDENT_MODULES) {
            Path src = kit.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    problems.addAll(checker.problems(f));
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
