package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The catalogue found by discovery, selectors, and parsing of the command line. */
class CatalogueTest {

    private static Catalogue catalogue;

    @BeforeAll
    static void discover() {
        catalogue = Catalogue.discover("raftlab.lab.fixture", null);
    }

    private static List<String> names(List<GradedTest> tests) {
        return tests.stream().map(GradedTest::mitName).toList();
    }

    @Test
    void discoveryFindsTaggedTestsOnlyWithPartLimitAndDisplayName() {
        assertThat(names(catalogue.tests())).containsExactly("TestBasicAgree9Y", "TestPasses9Z", "TestFails9Z",
                "TestHangs9Z");
        GradedTest hangs = catalogue.select(List.of("TestHangs9Z")).get(0);
        assertThat(hangs.part()).isEqualTo("9Z");
        assertThat(hangs.lab()).isEqualTo("9");
        assertThat(hangs.limitSeconds()).isEqualTo(1);
        assertThat(hangs.displayName()).isEqualTo("Test (9Z): hangs");
        GradedTest passes = catalogue.select(List.of("TestPasses9Z")).get(0);
        assertThat(passes.limitSeconds()).isEqualTo(Catalogue.DEFAULT_LIMIT_SECONDS);
        assertThat(catalogue.parts()).containsExactly("9Y", "9Z");
        assertThat(catalogue.labs()).containsExactly("9");
    }

    @Test
    void mitNameIsTestPlusTheCapitalisedJavaNameWithoutTest() {
        assertThat(GradedTest.mitName("testBasicAgree3B")).isEqualTo("TestBasicAgree3B");
        assertThat(GradedTest.mitName("testInitialElection3A")).isEqualTo("TestInitialElection3A");
        assertThat(GradedTest.mitName("test")).isEqualTo("Test");
    }

    @Test
    void selectorsByLabPartMitNameJavaNameAndClassInSelectorOrderWithoutDuplicates() {
        assertThat(names(catalogue.select(List.of("9")))).hasSize(4);
        assertThat(names(catalogue.select(List.of("9z")))).containsExactly("TestPasses9Z", "TestFails9Z",
                "TestHangs9Z");
        assertThat(names(catalogue.select(List.of("testFails9Z", "TestBasicAgree9Y", "9Y"))))
                .containsExactly("TestFails9Z", "TestBasicAgree9Y");
        assertThat(names(catalogue.select(List.of("FakeGradedOther")))).containsExactly("TestBasicAgree9Y");
        assertThat(names(catalogue.select(List.of("TestPasses9Z,TestFails9Z")))).containsExactly("TestPasses9Z",
                "TestFails9Z");
        assertThat(catalogue.select(List.of())).hasSize(4);
    }

    @Test
    void anUnknownSelectorListsTheValidOnes() {
        assertThatThrownBy(() -> catalogue.select(List.of("9Z", "TestNope3A", "7")))
                .isInstanceOf(Catalogue.UnknownSelectorException.class)
                .hasMessageContaining("unknown selectors: TestNope3A, 7")
                .hasMessageContaining("parts: 9Y 9Z")
                .hasMessageContaining("9Z: TestPasses9Z TestFails9Z TestHangs9Z");
    }

    @Test
    void aLabWithoutPartsIsTaggedWithItsNumberAloneAndSelectedByIt() {
        // Lab 2's tests are tagged "2", as MIT's; the lab and the part are then the same selector
        assertThat(Catalogue.PART.matcher("2").matches()).isTrue();
        assertThat(Catalogue.PART.matcher("3B").matches()).isTrue();
        assertThat(Catalogue.PART.matcher("B").matches()).isFalse();
        assertThat(Catalogue.PART.matcher("3BC").matches()).isFalse();
        GradedTest put = new GradedTest("raftlab.kvsrv.Kvsrv2Test", "testReliablePut", "One client and reliable Put",
                "2", 120);
        GradedTest agree = new GradedTest("raftlab.raft.Raft3BTest", "testBasicAgree3B", "Test (3B): basic agreement",
                "3B", 120);
        Catalogue c = Catalogue.of(List.of(put, agree));
        assertThat(put.lab()).isEqualTo("2");
        assertThat(c.select(List.of("2"))).containsExactly(put);
        assertThat(c.select(List.of("TestReliablePut"))).containsExactly(put);
        assertThat(c.labs()).containsExactly("2", "3");
        assertThat(c.parts()).containsExactly("2", "3B");
    }

    @Test
    void theKitsCatalogueLeavesTheToolsOwnFixturesOut() {
        assertThat(Catalogue.discover().tests()).noneMatch(t -> t.className().startsWith("raftlab.lab."));
    }

    @Test
    void gradeOptionsParse() {
        CommandLine.ParseResult parsed = Lab.commandLine().parseArgs("grade", "3A", "TestBasicAgree3B", "-n", "10",
                "-p", "2", "--seed", "42", "--json", "out/results.json", "--keep-all", "-o", "logs", "-v",
                "--margin", "5");
        Lab.GradeCommand grade = (Lab.GradeCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(grade.selectors).containsExactly("3A", "TestBasicAgree3B");
        assertThat(grade.runs).isEqualTo(10);
        assertThat(grade.parallel).isEqualTo(2);
        assertThat(grade.seed).isEqualTo(42L);
        assertThat(grade.json).isEqualTo(Path.of("out/results.json"));
        assertThat(grade.keepAll).isTrue();
        assertThat(grade.output).isEqualTo(Path.of("logs"));
        assertThat(grade.fork.verbose).isTrue();
        assertThat(grade.fork.marginSeconds).isEqualTo(5.0);
        assertThat(grade.argumentsForKit()).contains("-n", "10", "-p", "2", "--seed", "42", "--keep-all", "3A",
                "TestBasicAgree3B").doesNotContain("--submission");
    }

    @Test
    void gradeDefaultsAndTestNeedsASelector() {
        CommandLine.ParseResult parsed = Lab.commandLine().parseArgs("grade");
        Lab.GradeCommand grade = (Lab.GradeCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(grade.runs).isEqualTo(1);
        assertThat(grade.parallel).isEqualTo(1);
        assertThat(grade.seed).isNull();
        assertThat(grade.selectors).isEmpty();
        assertThatThrownBy(() -> Lab.commandLine().parseArgs("test"))
                .isInstanceOf(CommandLine.MissingParameterException.class);
        assertThatThrownBy(() -> Lab.commandLine().parseArgs("grade", "-n", "many"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void logsAndHandoutOptionsParse() {
        CommandLine.ParseResult logs = Lab.commandLine().parseArgs("logs", "f.log", "-c", "3", "-j", "VOTE,LEAD",
                "-i", "TIMR", "--no-color");
        LogsCommand l = (LogsCommand) logs.subcommand().commandSpec().userObject();
        assertThat(l.columns).isEqualTo(3);
        assertThat(l.just).isEqualTo("VOTE,LEAD");
        assertThat(l.ignore).isEqualTo("TIMR");
        assertThat(l.noColour).isTrue();
        CommandLine.ParseResult handout = Lab.commandLine().parseArgs("handout", "--out", "kit", "--verify");
        HandoutCommand h = (HandoutCommand) handout.subcommand().commandSpec().userObject();
        assertThat(h.out).isEqualTo(Path.of("kit"));
        assertThat(h.verify).isTrue();
        assertThatThrownBy(() -> Lab.commandLine().parseArgs("handout"))
                .isInstanceOf(CommandLine.MissingParameterException.class);
    }
}
