package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit generator on a small fixture repository. */
class HandoutTest {

    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void fixtureRepository() throws Exception {
        repo = tmp.resolve("repo");
        put("raft/src/main/java/demo/AllForms.java", String.join("\n", MarkersTest.fixture("AllForms")) + "\n");
        put("raft/src/main/java/demo/ReferenceOnlyHelper.java",
                String.join("\n", MarkersTest.fixture("SolutionFile")) + "\n");
        put("labrpc/src/main/java/demo/Kit.java", "package demo;\n/** See docs/performance.md for numbers. */\n"
                + "class Kit {}\n");
        put("README.md", "# Kit\n\nRun `./lab grade`.\n| `scripts/` | `soak` (run tests many times) |\n"
                + "Numbers: docs/performance.md\nCI: .ci/run\nEnd.\n");
        put(".ci/run", "mvn test\n");
        put("scripts/soak", "#!/bin/sh\necho soak\n");
        put("scripts/find-java21", "#!/bin/sh\necho java\n");
        Files.setPosixFilePermissions(repo.resolve("scripts/find-java21"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        put("docs/performance.md", "reference: 3.1 s\n");
        put("raft/target/classes/junk.class", "x");
    }

    private void put(String rel, String text) throws Exception {
        Path p = repo.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void theKitHasNoSolutionsNoCiNoSoakNoPerformanceNotes() throws Exception {
        Path kit = tmp.resolve("kit");
        Handout.Result r = Handout.generate(repo, kit);
        assertThat(r.files()).containsExactlyInAnyOrder("README.md", "labrpc/src/main/java/demo/Kit.java",
                "raft/src/main/java/demo/AllForms.java", "scripts/find-java21");
        assertThat(r.droppedFiles()).contains("scripts/soak", "docs/performance.md",
                "raft/src/main/java/demo/ReferenceOnlyHelper.java");
        assertThat(r.strippedFiles()).containsExactly("raft/src/main/java/demo/AllForms.java");
        assertThat(kit.resolve(".ci")).doesNotExist();
        assertThat(kit.resolve("raft/target")).doesNotExist();
        assertThat(Files.readString(kit.resolve("README.md"))).isEqualTo("# Kit\n\nRun `./lab grade`.\nEnd.\n");
        assertThat(Files.readString(kit.resolve("labrpc/src/main/java/demo/Kit.java")))
                .isEqualTo("package demo;\nclass Kit {}\n");
        String allForms = Files.readString(kit.resolve("raft/src/main/java/demo/AllForms.java"));
        assertThat(allForms).doesNotContain("referenceState").contains("        return 0;\n");
        assertThat(Files.isExecutable(kit.resolve("scripts/find-java21"))).isTrue();
        assertThat(Handout.leakScan(r, kit)).isEmpty();
    }

    @Test
    void theLeakScanFindsASolutionLineAnywhereInTheKit() throws Exception {
        Path kit = tmp.resolve("kit");
        Handout.Result r = Handout.generate(repo, kit);
        Files.writeString(kit.resolve("notes.txt"), "hello\n    static int secretSauce() { return 4242 * 17; }\n");
        List<Handout.Leak> leaks = Handout.leakScan(r, kit);
        assertThat(leaks).singleElement().satisfies(l -> {
            assertThat(l.kitFile()).isEqualTo("notes.txt");
            assertThat(l.line()).isEqualTo(2);
            assertThat(l.fromFile()).isEqualTo("raft/src/main/java/demo/ReferenceOnlyHelper.java");
        });
    }

    @Test
    void malformedMarkersStopTheHandoutWithFileAndLine() throws Exception {
        put("rsm/src/main/java/demo/Bad.java", String.join("\n", MarkersTest.fixture("Nested")) + "\n");
        assertThatThrownBy(() -> Handout.generate(repo, tmp.resolve("kit")))
                .isInstanceOf(Markers.MarkerException.class)
                .hasMessageStartingWith("rsm/src/main/java/demo/Bad.java:4: nested //+solution");
    }

    @Test
    void theOutputMustBeNewOrEmpty() throws Exception {
        Path kit = tmp.resolve("kit");
        Files.createDirectories(kit);
        Files.writeString(kit.resolve("x"), "x");
        assertThatThrownBy(() -> Handout.generate(repo, kit)).isInstanceOf(Lab.UsageException.class)
                .hasMessageContaining("not empty");
    }
}
