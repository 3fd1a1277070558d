package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grade loop on the fake suite ({@code raftlab.lab.fixture.FakeGraded}): each run in a forked JVM; a pass, a
 * failure and a hang that is killed with a thread dump; seeds derived from the base seed and recorded in the logs;
 * the table; and Gradescope's results.json checked against the documented fields.
 *
 * <p>One grading run (six forks, two at a time, about ten seconds) feeds every test here.
 */
class GraderTest {

    private static final long BASE_SEED = 4242;
    @TempDir
    static Path dir;
    private static List<GradedTest> tests;
    private static String printed;
    private static final List<String> finishedOrder = new ArrayList<>();
    private static Points points;
    private static int exitStatus;

    @BeforeAll
    static void gradeTheFakeSuite() throws Exception {
        Catalogue fake = Catalogue.discover("raftlab.lab.fixture", null);
        tests = fake.select(List.of("9Z"));
        points = Points.load(write(dir.resolve("points.properties"), "part.9Z=2\nTestFails9Z=3\n"));
        // The fork's kill timer starts before JUnit does, so the hang's test body must be running (its seed line
        // printed, its frame in the thread dump) before limit + margin. JUnit starts in about half a second on an
        // idle machine, and two forks start at once here: a 1 s margin (2 s in all) left a loaded machine no room.
        // 1 s + 4 s is ten times the idle start-up.
        Forker forker = Forker.ofThisJvm(List.of("-Dlab.fixture=true"), 4.0);
        Grader.Options options = new Grader.Options(2, 2, BASE_SEED, dir.resolve("logs"), false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Progress recording = new LineProgress(out, 6) {
            @Override
            public synchronized void finished(GradedTest test, int run, long seed, Forker.Result result,
                    TestStats stats, Path keptLog) {
                finishedOrder.add(test.mitName() + "#" + run);
                super.finished(test, run, seed, result, stats, keptLog);
            }
        };
        exitStatus = Lab.GradeCommand.run(tests, options, forker, recording, points, dir.resolve("results.json"),
                out);
        printed = bytes.toString(StandardCharsets.UTF_8);
    }

    private static Path write(Path p, String text) throws Exception {
        Files.writeString(p, text);
        return p;
    }

    @Test
    void aFailedOrKilledRunMakesTheExitStatusNonZero() {
        assertThat(exitStatus).isEqualTo(1);
    }

    @Test
    void everyRunFinishedOncePerTestAndRunNumber() {
        assertThat(finishedOrder).containsExactlyInAnyOrder("TestPasses9Z#1", "TestFails9Z#1", "TestHangs9Z#1",
                "TestPasses9Z#2", "TestFails9Z#2", "TestHangs9Z#2");
    }

    @Test
    void failedAndKilledRunsKeepTheirLogsWithTheSeedFirstPassingRunsDoNot() throws Exception {
        Path logs = dir.resolve("logs");
        assertThat(logs.resolve("TestPasses9Z_1.log")).doesNotExist();
        for (String name : List.of("TestFails9Z_1", "TestFails9Z_2", "TestHangs9Z_1", "TestHangs9Z_2")) {
            Path log = logs.resolve(name + ".log");
            assertThat(log).exists();
            List<String> lines = Files.readAllLines(log);
            GradedTest t = tests.stream().filter(x -> name.startsWith(x.mitName())).findFirst().orElseThrow();
            int run = Integer.parseInt(name.substring(name.indexOf('_') + 1));
            long seed = Grader.seedFor(BASE_SEED, t, run);
            assertThat(lines.get(0)).startsWith("lab: " + t.mitName() + " run " + run + " seed " + seed);
            // the fork really ran with that seed
            assertThat(lines).contains("fixture seed " + seed);
        }
    }

    @Test
    void theHangIsKilledAfterItsLimitPlusTheMarginWithAThreadDump() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("logs/TestHangs9Z_1.log"));
        assertThat(lines).anyMatch(l -> l.startsWith("lab: killed: raftlab.lab.fixture.FakeGraded#testHangs9Z"));
        assertThat(lines).contains("---- thread dump (lab) ----");
        assertThat(lines).anyMatch(l -> l.contains("FakeGraded.testHangs9Z"));
        assertThat(printed).contains("KILL TestHangs9Z run 1");
    }

    @Test
    void theFailureKeepsItsStackTrace() throws Exception {
        String log = Files.readString(dir.resolve("logs/TestFails9Z_1.log"));
        assertThat(log).contains("the fixture fails on purpose").contains("at raftlab.lab.fixture.FakeGraded");
    }

    @Test
    void seedsDependOnBaseTestAndRunOnly() {
        GradedTest t = tests.get(0);
        assertThat(Grader.seedFor(1, t, 1)).isEqualTo(Grader.seedFor(1, t, 1)).isNotEqualTo(Grader.seedFor(1, t, 2))
                .isNotEqualTo(Grader.seedFor(2, t, 1)).isNotEqualTo(Grader.seedFor(1, tests.get(1), 1))
                .isPositive();
    }

    @Test
    void theTableShowsPointsFailuresTimesRpcsAndTotals() {
        assertThat(printed).containsPattern("TestPasses9Z\\s+9Z\\s+2/2\\s+0/2\\s+[0-9.]+ ± [0-9.]+\\s+42");
        assertThat(printed).containsPattern("TestFails9Z\\s+9Z\\s+0/3\\s+2/2");
        assertThat(printed).containsPattern("TestHangs9Z\\s+9Z\\s+0/2\\s+2/2 \\(2 killed\\)");
        assertThat(printed).contains("Part 9Z   2/7").contains("Total     2/7");
        assertThat(printed).containsPattern("per-run overhead \\(JVM fork \\+ launcher\\) [0-9.]+ s");
    }

    @Test
    void resultsJsonHasGradescopesFieldsAndTypes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode schema = json.readTree(GraderTest.class.getResourceAsStream("/lab/gradescope-results-fields.json"));
        JsonNode results = json.readTree(dir.resolve("results.json").toFile());
        checkFields(results, schema.get("top"), "results");
        assertThat(results.get("tests")).hasSize(3);
        for (JsonNode t : results.get("tests")) {
            checkFields(t, schema.get("test"), "test");
        }
        assertThat(results.get("score").asDouble()).isEqualTo(2.0);
        JsonNode passes = results.get("tests").get(0);
        assertThat(passes.get("name").asText()).startsWith("TestPasses9Z");
        assertThat(passes.get("status").asText()).isEqualTo("passed");
        assertThat(passes.get("score").asDouble()).isEqualTo(2.0);
        assertThat(passes.get("max_score").asDouble()).isEqualTo(2.0);
        JsonNode fails = results.get("tests").get(1);
        assertThat(fails.get("status").asText()).isEqualTo("failed");
        assertThat(fails.get("score").asDouble()).isZero();
        assertThat(fails.get("max_score").asDouble()).isEqualTo(3.0);
        assertThat(fails.get("output").asText()).contains("0 of 2 runs passed").contains("seed")
                .contains("the fixture fails on purpose");
        assertThat(results.get("tests").get(2).get("output").asText()).contains("killed");
    }

    /** Every field is one Gradescope documents, with the documented type; the required ones are there. */
    private static void checkFields(JsonNode node, JsonNode spec, String what) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode type = spec.get("fields").get(field.getKey());
            assertThat(type).as(what + " field " + field.getKey() + " is documented").isNotNull();
            String expected = type.asText();
            JsonNode v = field.getValue();
            boolean ok = switch (expected) {
                case "number" -> v.isNumber();
                case "string" -> v.isTextual();
                case "array" -> v.isArray();
                case "object" -> v.isObject();
                case "status" -> v.isTextual() && (v.asText().equals("passed") || v.asText().equals("failed"));
                case "visibility" -> v.isTextual() && List.of("hidden", "after_due_date", "after_published",
                        "visible").contains(v.asText());
                default -> false;
            };
            assertThat(ok).as(what + " field " + field.getKey() + " is a " + expected + ": " + v).isTrue();
        }
        for (JsonNode required : spec.get("required")) {
            assertThat(node.has(required.asText())).as(what + " has " + required.asText()).isTrue();
        }
    }

    @Test
    void aWarningLineOfAPassingRunIsShownAfterTheTable() {
        assertThat(printed).contains("lab: warnings (not failures; see the handout's advice):\n  TestPasses9Z: 2 of 2 "
                + "run(s) warned; run 1 (seed " + Grader.seedFor(BASE_SEED, tests.get(0), 1) + "): warning: fixture "
                + "warning, not a failure\n");
    }
}
