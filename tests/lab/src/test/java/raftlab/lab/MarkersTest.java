package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The solution-marker stripper on fixture files with every marker form, well-formed and not. */
class MarkersTest {

    static List<String> fixture(String name) throws IOException {
        try (InputStream in = MarkersTest.class.getResourceAsStream("/lab/markers/" + name + ".java.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void solutionRegionsGoAndStudentBlocksBecomeCode() throws IOException {
        Markers.Stripped s = Markers.strip("AllForms.java", fixture("AllForms"));
        assertThat(s.dropped()).isFalse();
        String kit = String.join("\n", s.kitLines());
        assertThat(kit).doesNotContain("referenceState").doesNotContain("12345").doesNotContain("//+")
                .doesNotContain("//-");
        assertThat(s.kitLines()).contains(
                "        // Your code here (3A).",        // "// // ..." keeps one comment
                "        return 0;",
                "        return -1;",                     // IDE-style: "//" in column 0, the line after it as it was
                "    private int kept = 1;");
        assertThat(s.solutionLines()).containsExactly(
                "    private final List<Integer> referenceState = List.of(7, 8, 9);",
                "        return referenceState.get(0) * x + kept;",
                "        return referenceState.size() + 12345;");
    }

    @Test
    void aSolutionFileIsDroppedWhole() throws IOException {
        Markers.Stripped s = Markers.strip("SolutionFile.java", fixture("SolutionFile"));
        assertThat(s.dropped()).isTrue();
        assertThat(s.kitLines()).isEmpty();
        assertThat(s.solutionLines()).contains("    static int secretSauce() { return 4242 * 17; }");
    }

    @Test
    void aFileWithoutMarkersIsUnchanged() {
        List<String> plain = List.of("class A {", "    // a comment", "}");
        Markers.Stripped s = Markers.strip("A.java", plain);
        assertThat(s.kitLines()).isEqualTo(plain);
        assertThat(s.changed(plain)).isFalse();
        assertThat(Markers.hasMarkers(plain)).isFalse();
    }

    @Test
    void unclosedRegionNamesFileAndLine() {
        assertThatThrownBy(() -> Markers.strip("raft/Unclosed.java", fixture("Unclosed")))
                .isInstanceOf(Markers.MarkerException.class)
                .hasMessage("raft/Unclosed.java:3: unclosed //+solution: no //-solution after it");
    }

    @Test
    void nestedRegionNamesFileAndLine() {
        assertThatThrownBy(() -> Markers.strip("Nested.java", fixture("Nested")))
                .isInstanceOf(Markers.MarkerException.class)
                .hasMessage("Nested.java:4: nested //+solution: the region opened at line 2 is not closed");
    }

    @Test
    void strayEndNamesFileAndLine() {
        assertThatThrownBy(() -> Markers.strip("StrayEnd.java", fixture("StrayEnd")))
                .isInstanceOf(Markers.MarkerException.class)
                .hasMessage("StrayEnd.java:3: //-solution without a //+solution before it");
    }

    @Test
    void studentBlockMustFollowASolutionRegion() {
        assertThatThrownBy(() -> Markers.strip("S.java", fixture("StudentNotAfterSolution")))
                .isInstanceOf(Markers.MarkerException.class)
                .hasMessage("S.java:6: //+student must come right after a solution region (//-solution)");
    }

    @Test
    void studentLinesMustBeComments() {
        assertThatThrownBy(() -> Markers.strip("C.java", fixture("StudentNotCommented")))
                .isInstanceOf(Markers.MarkerException.class)
                .hasMessage("C.java:6: a line in a //+student block must be commented out: '//' in column 0, or '// ' "
                        + "after the indentation");
    }

    @Test
    void solutionFileMarkerOnlyOnTheFirstLine() {
        assertThatThrownBy(() -> Markers.strip("L.java", List.of("class L {", "//+solution-file", "}")))
                .isInstanceOf(Markers.MarkerException.class).hasMessageStartingWith("L.java:2: ");
    }

    @Test
    void unclosedStudentBlock() {
        assertThatThrownBy(() -> Markers.strip("U.java", List.of("//+solution", "x", "//-solution", "//+student",
                "// y"))).isInstanceOf(Markers.MarkerException.class)
                .hasMessage("U.java:4: unclosed //+student: no //-student after it");
    }
}
