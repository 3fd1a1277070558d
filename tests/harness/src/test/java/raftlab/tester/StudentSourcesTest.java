package raftlab.tester;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ours: the simulation mode's check of the student's sources, before the first simulated test. */
class StudentSourcesTest {

    @Test
    @DisplayName("the lab modules' own sources (the reference solution) have no escapes")
    void referenceIsClean() {
        List<Path> roots = StudentSources.roots();
        assertThat(roots).anySatisfy(p -> assertThat(p.toString()).endsWith(Path.of("raft", "src", "main", "java")
                .toString()));
        assertThat(StudentSources.describe(roots)).isNull();
    }

    @Test
    @DisplayName("an escape in a student file fails with its file, line and the Sim call to use")
    void escapeIsListed(@TempDir Path root) throws Exception {
        Path file = root.resolve("raftlab/raft/RaftNode.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class RaftNode {\n  void tick() {\n    long t = System.nanoTime();\n  }\n}\n");

        assertThat(StudentSources.describe(List.of(root)))
                .startsWith("1 call(s) in your code escape the simulation mode")
                .contains("RaftNode.java:3: System.nanoTime escapes the simulation; use Sim.nanoTime()");
    }
}
