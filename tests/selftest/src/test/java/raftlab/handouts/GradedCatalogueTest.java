package raftlab.handouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import raftlab.lab.Catalogue;

/**
 * The committed list of graded tests ({@code tests/graded/graded-tests.tsv}, which {@code ./lab} reads so that it
 * works without compiling the graded suites) is what JUnit discovery finds in the compiled graded suites: same
 * tests, same order, parts, titles and time limits.
 */
class GradedCatalogueTest {

    @Test
    void theCommittedListOfGradedTestsIsWhatDiscoveryFinds() throws IOException {
        Path root = HandoutsTest.repositoryRoot();
        String discovered = Catalogue.discover().format();
        Path fresh = Path.of("target/graded-tests.tsv").toAbsolutePath();
        Files.createDirectories(fresh.getParent());
        Files.writeString(fresh, discovered);
        assertThat(Files.readString(root.resolve(Catalogue.FILE)))
                .as("%s is out of date: a graded test was added, renamed, retitled or got a new limit. "
                        + "The discovered list is in %s; copy it over %s", Catalogue.FILE, fresh, Catalogue.FILE)
                .isEqualTo(discovered);
    }
}
