package raftlab.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import raftlab.lab.Catalogue;
import raftlab.lab.GradedTest;
import raftlab.lab.Handout;
import raftlab.lab.Zoo;

/**
 * The bug zoo stays usable as the reference changes: a mutant whose snippet no longer matches fails here, in
 * seconds, rather than in a zoo run. No test is run.
 */
class ZooTest {

    private static Path repo;
    private static List<Zoo.Mutant> mutants;

    @BeforeAll
    static void load() throws IOException {
        repo = repository();
        mutants = Zoo.load(repo.resolve(Zoo.DIR));
    }

    private static Path repository() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("lab")) && Files.isDirectory(p.resolve(Zoo.DIR))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository with " + Zoo.DIR + " above " + Path.of("")
                .toAbsolutePath());
    }

    @Test
    void thereAreAtLeastThirtyMutantsCoveringEveryPart() {
        assertThat(mutants).hasSizeGreaterThanOrEqualTo(30);
        Set<String> parts = mutants.stream().flatMap(m -> m.parts().stream()).collect(Collectors.toSet());
        assertThat(parts).containsAll(List.of("3A", "3B", "3C", "3D", "4A", "4B", "4C"));
    }

    @Test
    void everyPartWithAFeatureHasAFeatureMissingMutant() {
        Set<String> featureMissing = mutants.stream().filter(m -> m.header().get("class").equals("feature missing"))
                .flatMap(m -> m.parts().stream()).collect(Collectors.toSet());
        assertThat(featureMissing).contains("3C", "3D", "4C");
    }

    @Test
    void everyMutantAppliesToTheCurrentReferenceAndChangesIt() throws IOException {
        for (Zoo.Mutant m : mutants) {
            Map<String, String> changed = m.apply(repo);
            for (Map.Entry<String, String> e : changed.entrySet()) {
                assertThat(e.getValue()).as("mutant %s changes %s", m.name(), e.getKey())
                        .isNotEqualTo(Files.readString(repo.resolve(e.getKey())));
            }
        }
    }

    @Test
    void everyNamedTestIsAGradedTest() {
        Set<String> graded = Catalogue.discover().tests().stream().map(GradedTest::mitName)
                .collect(Collectors.toSet());
        for (Zoo.Mutant m : mutants) {
            assertThat(graded).as("tests named by mutant %s", m.name()).containsAll(m.tests());
        }
    }

    @Test
    void aSnippetThatNoLongerMatchesIsNamedWithItsFile() {
        Zoo.Mutant m = Zoo.parse("gone.mutant", """
                name: gone
                part: 3A
                class: election
                bug: b
                violates: v
                tests: TestInitialElection3A
                @@ file raft/src/main/java/raftlab/raft/RaftNode.java
                @@ find
                this line is not in the reference
                @@ replace
                x
                @@ end
                """);
        assertThatThrownBy(() -> m.apply(repo)).hasMessageContaining("snippet not found in "
                + "raft/src/main/java/raftlab/raft/RaftNode.java");
    }

    @Test
    void theStudentKitHoldsNoTraceOfTheZoo(@TempDir Path tmp) throws IOException {
        Path kit = tmp.resolve("kit");
        Handout.Result r = Handout.generate(repo, kit);
        assertThat(r.files()).noneMatch(f -> f.startsWith(Zoo.DIR + "/"));
        assertThat(Zoo.leakScan(repo, kit)).isEmpty();

        // and the scan would see a mutant's line if one got in
        Zoo.Mutant m = mutants.get(0);
        Zoo.Edit edit = m.edits().get(0);
        Set<String> original = Zoo.referenceLines(Files.readString(repo.resolve(edit.file())));
        String planted = edit.replace().lines().filter(l -> l.trim().length() >= 20 && !original.contains(l.trim()))
                .findFirst().orElseThrow();
        Path victim = kit.resolve("README.md");
        Files.writeString(victim, Files.readString(victim) + planted + "\n");
        List<Zoo.Leak> leaks = Zoo.leakScan(repo, kit);
        assertThat(leaks).extracting(Zoo.Leak::mutant).contains(m.name());
    }
}
