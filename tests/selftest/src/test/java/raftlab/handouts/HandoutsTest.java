package raftlab.handouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import raftlab.lab.Catalogue;
import raftlab.lab.Lab;

/**
 * The handouts checked against the code. The truth comes from the build, never from a list kept by hand:
 * <ul>
 *   <li>graded tests: JUnit discovery over {@code raftlab.kvsrv}, {@code raftlab.raft}, {@code raftlab.rsm},
 *       {@code raftlab.kvraft} and {@code raftlab.shardkv}, every test method with a part tag ({@code 2},
 *       {@code 3A} … {@code 5C}), with its {@code @DisplayName};</li>
 *   <li>{@code ./lab} subcommands and their options: the picocli model of {@link Lab}; selectors after
 *       {@code ./lab test}, {@code grade} and {@code list}: {@link Catalogue#select};</li>
 *   <li>classes and members: reflection on the kit's packages and a few JDK packages.</li>
 * </ul>
 *
 * <p>What is checked, in every handout (names in code, i.e. {@code `inline`} or fenced blocks):
 * <ol>
 *   <li>every graded test of lab 2 is named ({@code `TestReliablePut`}) in {@code lab2-kvsrv.md}, of lab 3 in
 *       {@code lab3-raft.md}, of lab 4 in {@code lab4-kvraft.md}, of lab 5 in {@code lab5-shardkv.md};</li>
 *   <li>a name shaped like a test ({@code TestX3B}, {@code testX3B}) is a graded test, one shaped like a test class
 *       ({@code Raft3BTest}) is a graded test class;</li>
 *   <li>an inline span that is a type ({@code `RaftNode`}) or a type's member ({@code `Sim.go`},
 *       {@code `Persister.save(state, snapshot)`}, {@code `ApplyMsg.Command`}) resolves; RPC names are written
 *       quoted ({@code `"Raft.requestVote"`}) and are not checked as members;</li>
 *   <li>{@code ./lab SUB [options] [selectors]} names a real subcommand, real options of it, and selectors that
 *       select something (placeholders in capitals, like {@code N} or {@code FILE}, are skipped);</li>
 *   <li>sample output: a line {@code TITLE (reliable network)...} or {@code (unreliable network)...} in a fenced
 *       block has the {@code @DisplayName} of a graded test as its title, or the literal title of a sub-phase that a
 *       graded test passes to {@code begin("...")} (TestOnePartition4B and TestSnapshotRPC4C print such extra
 *       phases); a {@code ... Passed} line has the tester's format;</li>
 *   <li>Markdown: relative links lead to existing files, {@code #anchors} to headings (GitHub's slugs), fences are
 *       closed, backticks pair up on each line, table rows have as many cells as their header; and no line says
 *       what the kit generator drops lines for (it would vanish from the student's copy).</li>
 * </ol>
 * The second half of the class breaks copies of the handouts on purpose and shows each check firing.
 */
class HandoutsTest {

    static final List<String> FILES = List.of("README.md", "getting-started.md", "lab2-kvsrv.md", "lab3-raft.md",
            "lab4-kvraft.md", "lab5-shardkv.md", "debugging.md");
    /** The handout that must name every graded test of a lab. */
    static final Map<String, String> HANDOUT_OF_LAB = Map.of("2", "lab2-kvsrv.md", "3", "lab3-raft.md",
            "4", "lab4-kvraft.md", "5", "lab5-shardkv.md");
    /** A part tag, as the catalogue's: {@code 3A}, or a lab's number alone ({@code 2}, a lab without parts). */
    static final Pattern PART = Pattern.compile("[0-9]+[A-Z]?");

    static Path root;
    static Truth truth;

    @BeforeAll
    static void findTheTruth() throws IOException {
        root = repositoryRoot();
        truth = Truth.discover(root);
    }

    // ---- the real handouts -------------------------------------------------------------------------------------

    @Test
    void everyHandoutExists() {
        for (String f : FILES) {
            assertThat(root.resolve("handouts").resolve(f)).as("handouts/" + f).isRegularFile();
        }
    }

    @Test
    void discoveryFindsTheGradedSuites() {
        // guards the check itself: if discovery found nothing, every "is named" check would pass vacuously
        assertThat(truth.tests).hasSizeGreaterThanOrEqualTo(50);
        assertThat(truth.tests.stream().map(GradedTest::part).distinct())
                .contains("2", "3A", "3B", "3C", "3D", "4A", "4B", "4C");
        assertThat(truth.subcommands).containsKeys("test", "grade", "list", "logs");
    }

    @Test
    void theHandoutsAgreeWithTheCode() throws IOException {
        List<String> problems = new Checker(truth, root).check(readHandouts(root));
        assertThat(problems).as("problems in handouts/").isEmpty();
    }

    /** Each fragment must appear in at least one reported problem. */
    private static void assertReported(List<String> problems, String... fragments) {
        for (String fragment : fragments) {
            assertThat(problems).anySatisfy(p -> assertThat(p).contains(fragment));
        }
    }

    // ---- each check fires on a broken copy ---------------------------------------------------------------------

    @Test
    void aGradedTestMissingFromItsHandoutIsReported() throws IOException {
        Map<String, String> files = readHandouts(root);
        files.put("lab3-raft.md", files.get("lab3-raft.md").replace("`TestFigure8Unreliable3C`", "Figure 8 again"));
        assertThat(new Checker(truth, root).check(files))
                .anySatisfy(p -> assertThat(p).contains("TestFigure8Unreliable3C").contains("not named"));
    }

    @Test
    void aLab2TestMissingFromTheLab2HandoutIsReported() throws IOException {
        // Lab 2's tests carry no part letter (tag "2") and its lock tests live in a sub-package
        Map<String, String> files = readHandouts(root);
        files.put("lab2-kvsrv.md", files.get("lab2-kvsrv.md").replace("`TestManyClientsUnreliable`", "ten clients"));
        assertThat(new Checker(truth, root).check(files))
                .anySatisfy(p -> assertThat(p).contains("lab2-kvsrv.md").contains("TestManyClientsUnreliable")
                        .contains("not named"));
    }

    @Test
    void anUnknownTestClassOrMemberIsReported() throws IOException {
        Map<String, String> files = readHandouts(root);
        files.put("debugging.md", files.get("debugging.md")
                + "\nRun `TestBogusAgree3B`, read `Raft9ZTest`, call `Sim.sleepy(5)` and `Chanel`.\n");
        List<String> problems = new Checker(truth, root).check(files);
        assertReported(problems, "TestBogusAgree3B", "Raft9ZTest", "Sim.sleepy", "Chanel");
    }

    @Test
    void anUnknownLabSubcommandOptionOrSelectorIsReported() throws IOException {
        Map<String, String> files = readHandouts(root);
        files.put("getting-started.md", files.get("getting-started.md")
                + "\n```bash\n./lab frobnicate 3A\n./lab grade 3B --fast\n./lab test 7A\n```\n");
        List<String> problems = new Checker(truth, root).check(files);
        assertReported(problems, "frobnicate", "--fast", "7A");
    }

    @Test
    void aSampleTitleThatIsNoTestsTitleIsReported() throws IOException {
        Map<String, String> files = readHandouts(root);
        String lab3 = files.get("lab3-raft.md");
        assertThat(lab3).contains("Test (3A): initial election (reliable network)...");
        files.put("lab3-raft.md", lab3.replace("Test (3A): initial election (reliable network)...",
                "Test (3A): first election (reliable network)..."));
        files.put("lab4-kvraft.md", files.get("lab4-kvraft.md")
                + "\n```\nTest RSM basic (reliable network)...\n  ... Passed --  3.0s 3 54 0\n```\n");
        List<String> problems = new Checker(truth, root).check(files);
        assertReported(problems, "Test (3A): first election", "Passed line");
    }

    @Test
    void brokenLinksAnchorsFencesAndTablesAreReported() throws IOException {
        Map<String, String> files = readHandouts(root);
        files.put("README.md", files.get("README.md")
                + "\nSee [nothing](no-such-file.md), [a heading](lab3-raft.md#no-such-heading) and "
                + "[code](../raft/src/main/java/raftlab/raft/NoSuch.java).\n\n"
                + "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n\nAn odd ` backtick.\n\n```bash\n./lab test 3A\n");
        List<String> problems = new Checker(truth, root).check(files);
        assertReported(problems,
                "no-such-file.md", "#no-such-heading", "NoSuch.java", "3 cells", "backtick", "not closed");
    }

    @Test
    void githubSlugs() {
        assertThat(Checker.slug("3A: leader election")).isEqualTo("3a-leader-election");
        assertThat(Checker.slug("Hints for `applyCh` & the codec")).isEqualTo("hints-for-applych--the-codec");
        assertThat(Checker.slug("Part 4C — snapshots (the 90% rule)")).isEqualTo("part-4c--snapshots-the-90-rule");
    }

    // ---- the truth ---------------------------------------------------------------------------------------------

    record GradedTest(String className, String methodName, String displayName, String part) {
        String mitName() {
            return "Test" + methodName.substring(4, 5).toUpperCase(Locale.ROOT) + methodName.substring(5);
        }

        String classSimpleName() {
            return className.substring(className.lastIndexOf('.') + 1);
        }

        String lab() {
            return part.replaceAll("[^0-9]", "");
        }
    }

    /** What the build says exists. */
    static final class Truth {
        final List<GradedTest> tests;
        final Set<String> titles = new LinkedHashSet<>();         // display names and begin("...") literals
        final Map<String, CommandLine> subcommands;
        final Catalogue catalogue;

        private Truth(List<GradedTest> tests, Map<String, CommandLine> subcommands, Catalogue catalogue) {
            this.tests = tests;
            this.subcommands = subcommands;
            this.catalogue = catalogue;
        }

        static Truth discover(Path root) throws IOException {
            List<GradedTest> tests = new ArrayList<>();
            TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectPackage("raftlab.kvsrv"), selectPackage("raftlab.raft"),
                            selectPackage("raftlab.rsm"), selectPackage("raftlab.kvraft"),
                            selectPackage("raftlab.shardkv"))
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build());
            for (TestIdentifier r : plan.getRoots()) {
                collect(plan, r, tests);
            }
            Truth t = new Truth(List.copyOf(tests), new CommandLine(new Lab()).getSubcommands(),
                    Catalogue.discover());
            tests.forEach(g -> t.titles.add(g.displayName()));
            // sub-phase titles: literal strings the graded tests pass to begin(...)
            Pattern begin = Pattern.compile("\\bbegin\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
            for (String pkg : List.of("kvsrv", "kvsrv/lock", "raft", "rsm", "kvraft", "shardkv")) {
                Path dir = root.resolve("tests/graded/src/test/java/raftlab").resolve(pkg);
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path f : s.filter(p -> p.toString().endsWith("Test.java")).toList()) {
                        Matcher m = begin.matcher(Files.readString(f));
                        while (m.find()) {
                            t.titles.add(m.group(1));
                        }
                    }
                }
            }
            return t;
        }

        private static void collect(TestPlan plan, TestIdentifier id, List<GradedTest> out) {
            if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource s) {
                Optional<String> part = id.getTags().stream().map(TestTag::getName)
                        .filter(n -> PART.matcher(n).matches()).findFirst();
                if (part.isPresent() && out.stream().noneMatch(g -> g.className().equals(s.getClassName())
                        && g.methodName().equals(s.getMethodName()))) {
                    out.add(new GradedTest(s.getClassName(), s.getMethodName(), id.getDisplayName(), part.get()));
                }
            }
            plan.getChildren(id).forEach(c -> collect(plan, c, out));
        }

        boolean isTestName(String name) {
            return tests.stream().anyMatch(g -> g.mitName().equals(name) || g.methodName().equals(name));
        }

        boolean isTestClass(String simpleName) {
            return tests.stream().anyMatch(g -> g.classSimpleName().equals(simpleName));
        }
    }

    // ---- the checker -------------------------------------------------------------------------------------------

    /** Checks a set of handouts (file name to text) against the truth; {@return the problems found} */
    static final class Checker {

        static final Pattern TEST_NAME = Pattern.compile("\\b[Tt]est[A-Z0-9][A-Za-z0-9_]*[0-9][A-Z]\\b");
        static final Pattern TEST_CLASS = Pattern.compile("\\b[A-Z][A-Za-z]*[0-9][A-Z]?Test\\b");
        static final Pattern SAMPLE_TITLE = Pattern.compile("^(.*) \\((?:reliable|unreliable) network\\)\\.\\.\\.$");
        static final Pattern PASSED = Pattern.compile(
                "^  \\.\\.\\. Passed --  time +[0-9]+\\.[0-9]s #peers [0-9]+ #RPCs +[0-9]+ #bytes +[0-9]+ #ops +[0-9]+$");
        static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]+)\\)");
        static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");
        static final Pattern TYPE_OR_MEMBER = Pattern.compile(
                "([A-Z][a-z][A-Za-z0-9]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(\\(.*\\))?");
        static final Pattern LAB = Pattern.compile("(?:^|[\\s;(])\\./lab((?:[ \\t]+[^\\s;|&>#]+)*)");
        /** Lines the kit generator drops (see raftlab.lab.Handout): they would vanish from the student's copy. */
        static final Pattern DROPPED_BY_KIT = Pattern.compile("performance\\.md|scripts/so" + "ak|\\.ci/|\\bso" + "ak\\b");
        static final List<String> PACKAGES = List.of("raftlab.raft", "raftlab.rsm", "raftlab.kvraft",
                "raftlab.kvsrv", "raftlab.kvsrv.lock",
                "raftlab.shardkv", "raftlab.shardkv.shardcfg", "raftlab.shardkv.shardgrp",
                "raftlab.shardkv.shardctrler", "raftlab.tester.shardkv",
                "raftlab.labrpc", "raftlab.labrpc.chan", "raftlab.labrpc.codec", "raftlab.labrpc.net",
                "raftlab.labrpc.persist", "raftlab.labrpc.sim", "raftlab.labrpc.log", "raftlab.tester",
                "raftlab.tester.kv", "raftlab.linearizability", "raftlab.linearizability.kv",
                "raftlab.linearizability.view", "raftlab.lab", "java.lang", "java.util", "java.util.concurrent",
                "java.util.concurrent.locks", "java.util.concurrent.atomic", "java.time", "java.io");
        /** Names of Raft's RPCs (concepts of the paper, not classes) and other capitalised words that are no type. */
        static final Set<String> NOT_TYPES = Set.of("AppendEntries", "RequestVote", "InstallSnapshot", "Ctrl");

        private final Truth truth;
        private final Path root;
        private final List<String> problems = new ArrayList<>();

        Checker(Truth truth, Path root) {
            this.truth = truth;
            this.root = root;
        }

        List<String> check(Map<String, String> files) {
            Map<String, Set<String>> anchors = new HashMap<>();
            files.forEach((name, text) -> anchors.put(name, headingSlugs(text)));
            for (Map.Entry<String, String> e : files.entrySet()) {
                checkFile(e.getKey(), e.getValue(), files, anchors);
            }
            for (GradedTest g : truth.tests) {
                String handout = HANDOUT_OF_LAB.getOrDefault(g.lab(), "lab" + g.lab() + ".md");
                String text = files.getOrDefault(handout, "");
                if (!text.contains("`" + g.mitName() + "`")) {
                    problems.add(handout + ": graded test " + g.mitName() + " (" + g.part() + ", \""
                            + g.displayName() + "\") is not named (as `" + g.mitName() + "`)");
                }
            }
            return problems;
        }

        private void checkFile(String name, String text, Map<String, String> files, Map<String, Set<String>> anchors) {
            String[] lines = text.split("\n", -1);
            boolean inFence = false;
            int fenceStart = 0;
            List<String> tableRows = new ArrayList<>();
            int tableStart = 0;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String where = name + ":" + (i + 1);
                if (DROPPED_BY_KIT.matcher(line).find()) {
                    problems.add(where + ": the kit generator drops this line (it mentions what the kit leaves out)");
                }
                if (line.stripLeading().startsWith("```")) {
                    inFence = !inFence;
                    fenceStart = i + 1;
                    continue;
                }
                if (inFence) {
                    checkCode(where, line);
                    checkSample(where, line);
                    continue;
                }
                // tables: consecutive lines that start with |
                if (line.startsWith("|")) {
                    if (tableRows.isEmpty()) {
                        tableStart = i + 1;
                    }
                    tableRows.add(line);
                } else if (!tableRows.isEmpty()) {
                    checkTable(name, tableStart, tableRows);
                    tableRows.clear();
                }
                String outside = line;
                if (countBackticks(line) % 2 != 0) {
                    problems.add(where + ": unpaired backtick");
                } else {
                    Matcher code = INLINE_CODE.matcher(line);
                    while (code.find()) {
                        checkCode(where, code.group(1));
                        checkInlineName(where, code.group(1));
                    }
                    outside = INLINE_CODE.matcher(line).replaceAll("");
                }
                Matcher link = LINK.matcher(outside);
                while (link.find()) {
                    checkLink(where, name, link.group(2), files, anchors);
                }
            }
            if (!tableRows.isEmpty()) {
                checkTable(name, tableStart, tableRows);
            }
            if (inFence) {
                problems.add(name + ":" + fenceStart + ": code fence not closed");
            }
        }

        private static int countBackticks(String line) {
            return (int) line.chars().filter(c -> c == '`').count();
        }

        private void checkTable(String name, int start, List<String> rows) {
            int header = cells(rows.get(0));
            if (rows.size() < 2 || !rows.get(1).matches("\\|(\\s*:?-{3,}:?\\s*\\|)+\\s*")) {
                problems.add(name + ":" + (start + 1) + ": table without a |---| separator row under its header");
                return;
            }
            for (int r = 1; r < rows.size(); r++) {
                int n = cells(rows.get(r));
                if (n != header) {
                    problems.add(name + ":" + (start + r) + ": table row has " + n + " cells, its header " + header);
                }
            }
        }

        /** {@return the number of cells: unescaped pipes outside code spans, minus one} */
        static int cells(String row) {
            String noCode = INLINE_CODE.matcher(row.replace("\\|", "")).replaceAll("x");
            return (int) noCode.trim().chars().filter(c -> c == '|').count() - 1;
        }

        /** Names shaped like tests or test classes, and ./lab command lines, anywhere in code. */
        private void checkCode(String where, String code) {
            Matcher t = TEST_NAME.matcher(code);
            while (t.find()) {
                if (!truth.isTestName(t.group())) {
                    problems.add(where + ": no graded test is called " + t.group());
                }
            }
            Matcher c = TEST_CLASS.matcher(code);
            while (c.find()) {
                if (!truth.isTestClass(c.group())) {
                    problems.add(where + ": no graded test class is called " + c.group());
                }
            }
            Matcher lab = LAB.matcher(code);
            while (lab.find()) {
                checkLabCommand(where, lab.group(1).trim());
            }
        }

        private void checkLabCommand(String where, String args) {
            List<String> tokens = new ArrayList<>();
            for (String tok : args.split("\\s+")) {
                String t = tok.replaceAll("[),.:]+$", "");
                if (!t.isEmpty()) {
                    tokens.add(t);
                }
            }
            if (tokens.isEmpty() || Set.of("-h", "--help", "-V", "--version").contains(tokens.get(0))) {
                return;
            }
            String sub = tokens.get(0);
            CommandLine cmd = truth.subcommands.get(sub);
            if (cmd == null) {
                problems.add(where + ": ./lab has no subcommand " + sub + " (it has " + truth.subcommands.keySet()
                        + ")");
                return;
            }
            Map<String, OptionSpec> options = cmd.getCommandSpec().optionsMap();
            List<String> positional = new ArrayList<>();
            for (int i = 1; i < tokens.size(); i++) {
                String t = tokens.get(i);
                if (t.startsWith("-") && t.length() > 1) {
                    String opt = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
                    OptionSpec spec = options.get(opt);
                    if (spec == null) {
                        problems.add(where + ": ./lab " + sub + " has no option " + opt);
                    } else if (spec.arity().max() > 0 && !t.contains("=")) {
                        i++;   // its value
                    }
                } else {
                    positional.add(t);
                }
            }
            if (Set.of("test", "grade", "list").contains(sub)) {
                for (String p : positional) {
                    if (p.matches("[A-Z_]+|.*[<>\\[\\]{}…].*|\\.\\.\\.")) {
                        continue;   // a placeholder
                    }
                    try {
                        truth.catalogue.select(List.of(p));
                    } catch (IllegalArgumentException e) {
                        problems.add(where + ": ./lab " + sub + " " + p + ": selects no graded test");
                    }
                }
            }
        }

        private void checkSample(String where, String line) {
            Matcher m = SAMPLE_TITLE.matcher(line);
            if (m.matches() && !truth.titles.contains(m.group(1))) {
                problems.add(where + ": sample output title \"" + m.group(1) + "\" is no graded test's @DisplayName "
                        + "nor a title a graded test passes to begin()");
            }
            if (line.startsWith("  ... Passed") && !PASSED.matcher(line).matches()) {
                problems.add(where + ": Passed line not in the tester's format: " + line.strip());
            }
        }

        /** An inline span that is a type or a type's member must resolve. */
        private void checkInlineName(String where, String code) {
            Matcher m = TYPE_OR_MEMBER.matcher(code.strip());
            if (!m.matches()) {
                return;
            }
            String first = m.group(1);
            if (TEST_NAME.matcher(first).matches() || truth.isTestName(first) || NOT_TYPES.contains(first)) {
                return;
            }
            Class<?> type = resolveType(first);
            if (type == null) {
                if (m.group(2).isEmpty() && m.group(3) == null && isEnumConstant(first)) {
                    return;
                }
                problems.add(where + ": `" + code + "`: no class " + first + " in the kit (or java.lang/util)");
                return;
            }
            String[] members = m.group(2).isEmpty() ? new String[0] : m.group(2).substring(1).split("\\.");
            Class<?> current = type;
            for (int k = 0; k < members.length; k++) {
                String member = members[k];
                Class<?> nested = nested(current, member);
                if (nested != null) {
                    current = nested;
                    continue;
                }
                if (hasMember(current, member)) {
                    if (k == members.length - 1) {
                        return;
                    }
                    problems.add(where + ": `" + code + "`: cannot follow " + member + " further");
                    return;
                }
                problems.add(where + ": `" + code + "`: " + current.getSimpleName() + " has no member "
                        + current.getSimpleName() + "." + member);
                return;
            }
        }

        static Class<?> resolveType(String simpleName) {
            for (String pkg : PACKAGES) {
                try {
                    return Class.forName(pkg + "." + simpleName, false, HandoutsTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    // next package
                }
            }
            return null;
        }

        private static boolean isEnumConstant(String name) {
            for (String e : List.of("raftlab.kvraft.Err", "raftlab.shardkv.shardgrp.Err", "raftlab.labrpc.log.Topic")) {
                try {
                    Class<?> c = Class.forName(e);
                    if (Arrays.stream(c.getEnumConstants()).anyMatch(k -> ((Enum<?>) k).name().equals(name))) {
                        return true;
                    }
                } catch (ClassNotFoundException ignored) {
                    // not there
                }
            }
            return false;
        }

        private static Class<?> nested(Class<?> c, String name) {
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                for (Class<?> n : k.getDeclaredClasses()) {
                    if (n.getSimpleName().equals(name)) {
                        return n;
                    }
                }
            }
            for (Class<?> i : c.getInterfaces()) {
                Class<?> n = nested(i, name);
                if (n != null) {
                    return n;
                }
            }
            return null;
        }

        private static boolean hasMember(Class<?> c, String name) {
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                if (Arrays.stream(k.getDeclaredMethods()).map(Method::getName).anyMatch(name::equals)
                        || Arrays.stream(k.getDeclaredFields()).map(Field::getName).anyMatch(name::equals)) {
                    return true;
                }
                if (k.isRecord() && Arrays.stream(k.getRecordComponents()).map(RecordComponent::getName)
                        .anyMatch(name::equals)) {
                    return true;
                }
            }
            for (Class<?> i : c.getInterfaces()) {
                if (hasMember(i, name)) {
                    return true;
                }
            }
            return false;
        }

        private void checkLink(String where, String file, String target, Map<String, String> files,
                               Map<String, Set<String>> anchors) {
            if (target.matches("[a-z]+:.*")) {
                return;   // http:, https:, mailto:
            }
            String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
            String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
            String linked = path.isEmpty() ? file : path;
            Set<String> slugs;
            if (files.containsKey(linked)) {
                slugs = anchors.get(linked);
            } else {
                Path p = root.resolve("handouts").resolve(path).normalize();
                if (!p.startsWith(root) || !Files.exists(p)) {
                    problems.add(where + ": link to " + target + ": no such file");
                    return;
                }
                if (anchor == null || !p.toString().endsWith(".md")) {
                    return;
                }
                try {
                    slugs = headingSlugs(Files.readString(p));
                } catch (IOException e) {
                    problems.add(where + ": link to " + target + ": cannot read it: " + e);
                    return;
                }
            }
            if (anchor != null && !slugs.contains(anchor)) {
                problems.add(where + ": link to " + target + ": " + linked + " has no heading #" + anchor);
            }
        }

        /** {@return the anchors GitHub makes for the headings of a Markdown text, duplicates numbered} */
        static Set<String> headingSlugs(String text) {
            Set<String> slugs = new LinkedHashSet<>();
            Map<String, Integer> seen = new TreeMap<>();
            boolean inFence = false;
            for (String line : text.split("\n")) {
                if (line.stripLeading().startsWith("```")) {
                    inFence = !inFence;
                    continue;
                }
                Matcher h = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$").matcher(line);
                if (!inFence && h.matches()) {
                    String s = slug(h.group(1));
                    int n = seen.merge(s, 1, Integer::sum);
                    slugs.add(n == 1 ? s : s + "-" + (n - 1));
                }
            }
            return slugs;
        }

        /** GitHub's heading anchor: lower case, punctuation dropped (not - and _), each space a hyphen. */
        static String slug(String heading) {
            String plain = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
            StringBuilder b = new StringBuilder();
            plain.codePoints().forEach(c -> {
                if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                    b.appendCodePoint(c);
                } else if (c == ' ') {
                    b.append('-');
                }
            });
            return b.toString();
        }
    }

    // ---- files -------------------------------------------------------------------------------------------------

    static Map<String, String> readHandouts(Path root) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(root.resolve("handouts"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readString(p).replace("\r\n", "\n"));
            }
        }
        return files;
    }

    /** {@return the repository: the nearest directory up from here with {@code lab}, {@code pom.xml} and handouts} */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("lab")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("handouts"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository (a directory with lab, pom.xml and handouts/) "
                + "above " + Path.of("").toAbsolutePath());
    }
}
