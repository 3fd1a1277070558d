package raftlab.lab;

import static org.junit.platform.engine.discovery.ClassNameFilter.excludeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The graded tests, found in the compiled test classes by JUnit Platform discovery: every test method with a part
 * tag ({@code 3A}, {@code 4C}: digits then one capital letter; or {@code 2}, a lab without parts). A new graded test
 * appears here, in {@code ./lab test} and in {@code ./lab grade} as soon as it is compiled.
 *
 * <p>Order: by part, then by class, then in declaration order within the class.
 */
public final class Catalogue {

    /**
     * A part tag: the lab's number and the part's letter ({@code 3A}), or the lab's number alone for a lab without
     * parts (Lab 2's tests are tagged {@code 2}, as MIT's).
     */
    static final Pattern PART = Pattern.compile("[0-9]+[A-Z]?");
    /** The tester's limit when a test declares no {@code @Timeout}. */
    static final long DEFAULT_LIMIT_SECONDS = 120;

    private final List<GradedTest> tests;

    private Catalogue(List<GradedTest> tests) {
        this.tests = List.copyOf(tests);
    }

    /** {@return the catalogue of the given tests, in the given order} */
    public static Catalogue of(List<GradedTest> tests) {
        return new Catalogue(tests);
    }

    /** {@return the graded tests of the kit: package {@code raftlab}, except the tool's own package} */
    public static Catalogue discover() {
        return discover("raftlab", "raftlab\\.lab\\..*");
    }

    /**
     * {@return the tests with a part tag in {@code packageName}, skipping classes whose name matches
     * {@code excludedClasses} (a regular expression, or null)}
     */
    public static Catalogue discover(String packageName, String excludedClasses) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(packageName))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false");
        if (excludedClasses != null) {
            request.filters(excludeClassNamePatterns(excludedClasses));
        }
        LauncherDiscoveryRequest built = request.build();
        TestPlan plan = LauncherFactory.create().discover(built);
        List<GradedTest> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, found, seen);
        }
        found.sort(Comparator.comparing(GradedTest::lab, Comparator.comparingInt(Integer::parseInt))
                .thenComparing(GradedTest::part)
                .thenComparing(GradedTest::className)
                .thenComparingInt(Catalogue::declarationIndex));
        return new Catalogue(found);
    }

    private static void collect(TestPlan plan, TestIdentifier id, List<GradedTest> found, Set<String> seen) {
        if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource source) {
            Optional<String> part = id.getTags().stream().map(TestTag::getName).filter(t -> PART.matcher(t).matches())
                    .findFirst();
            if (part.isPresent() && seen.add(source.getClassName() + "#" + source.getMethodName())) {
                found.add(new GradedTest(source.getClassName(), source.getMethodName(), id.getDisplayName(),
                        part.get(), limitSeconds(source)));
            }
        }
        for (TestIdentifier child : plan.getChildren(id)) {
            collect(plan, child, found, seen);
        }
    }

    /** {@return the test's {@code @Timeout} in seconds (method first, then class), or the tester's default} */
    static long limitSeconds(MethodSource source) {
        try {
            Method method = source.getJavaMethod();
            Timeout timeout = method.getAnnotation(Timeout.class);
            if (timeout == null) {
                timeout = method.getDeclaringClass().getAnnotation(Timeout.class);
            }
            if (timeout == null) {
                return DEFAULT_LIMIT_SECONDS;
            }
            return Math.max(1, TimeUnit.SECONDS.convert(timeout.value(), timeout.unit()));
        } catch (RuntimeException e) {
            return DEFAULT_LIMIT_SECONDS;
        }
    }

    /**
     * {@return where {@code t} is declared in its class: its position in the test's source file when the source is
     * in the repository (reflection does not promise declaration order), else in reflection's order}
     */
    private static int declarationIndex(GradedTest t) {
        try {
            Optional<Path> source = sourceOf(t.className());
            if (source.isPresent()) {
                int at = Files.readString(source.get()).indexOf(" " + t.methodName() + "(");
                if (at >= 0) {
                    return at;
                }
            }
            Method[] methods = Class.forName(t.className(), false, Catalogue.class.getClassLoader())
                    .getDeclaredMethods();
            return Arrays.stream(methods).map(Method::getName).toList().indexOf(t.methodName());
        } catch (IOException | ClassNotFoundException | LinkageError e) {
            return Integer.MAX_VALUE;
        }
    }

    /** {@return the source file of a test class: in the src/test tree of one of the tests/ modules, if any} */
    private static Optional<Path> sourceOf(String className) throws IOException {
        Path root = LabHome.rootOrNull();
        if (root == null || !Files.isDirectory(root.resolve("tests"))) {
            return Optional.empty();
        }
        String file = "src/test/java/" + className.replace('.', '/') + ".java";
        try (var modules = Files.list(root.resolve("tests"))) {
            return modules.map(m -> m.resolve(file)).filter(Files::isRegularFile).findFirst();
        }
    }

    /** {@return every graded test, in catalogue order} */
    public List<GradedTest> tests() {
        return tests;
    }

    /** {@return the labs, e.g. [3, 4]} */
    public List<String> labs() {
        return tests.stream().map(GradedTest::lab).distinct().toList();
    }

    /** {@return the parts, e.g. [2, 3A, 3B, ...]} */
    public List<String> parts() {
        return tests.stream().map(GradedTest::part).distinct().toList();
    }

    /**
     * {@return the tests that the selectors name, in selector order, without duplicates}
     *
     * <p>A selector is a lab ({@code 3}), a part ({@code 3A}, any case), a test by MIT name
     * ({@code TestBasicAgree3B}) or Java name ({@code testBasicAgree3B}), or a test class ({@code Raft3BTest}).
     * No selector at all means every test.
     *
     * @throws UnknownSelectorException naming the selectors that match nothing and listing the valid ones
     */
    public List<GradedTest> select(List<String> selectors) {
        if (selectors == null || selectors.isEmpty()) {
            return tests;
        }
        LinkedHashSet<GradedTest> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String raw : selectors) {
            for (String selector : raw.split(",")) {
                String s = selector.trim();
                if (s.isEmpty()) {
                    continue;
                }
                List<GradedTest> matched = tests.stream().filter(t -> matches(t, s)).toList();
                if (matched.isEmpty()) {
                    unknown.add(s);
                }
                chosen.addAll(matched);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownSelectorException(unknown, this);
        }
        return List.copyOf(chosen);
    }

    private static boolean matches(GradedTest t, String s) {
        return s.equals(t.lab())
                || s.equalsIgnoreCase(t.part())
                || s.equals(t.mitName())
                || s.equals(t.methodName())
                || s.equals(t.classSimpleName())
                || s.equals(t.className())
                || s.equals(t.methodSelector());
    }

    /** {@return a listing of valid selectors, for error messages and {@code ./lab list}} */
    public String describeSelectors() {
        StringBuilder out = new StringBuilder();
        out.append("labs:  ").append(String.join(" ", labs())).append('\n');
        out.append("parts: ").append(String.join(" ", parts())).append('\n');
        out.append("tests (MIT name, or the Java name with a lower-case t):\n");
        for (String part : parts()) {
            out.append("  ").append(part).append(": ");
            out.append(String.join(" ", tests.stream().filter(t -> t.part().equals(part))
                    .map(GradedTest::mitName).toList()));
            out.append('\n');
        }
        return out.toString();
    }

    /** A selector matched no test. */
    public static final class UnknownSelectorException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownSelectorException(List<String> unknown, Catalogue catalogue) {
            super((unknown.size() == 1 ? "unknown selector: " : "unknown selectors: ") + String.join(", ", unknown)
                    + "\nvalid selectors are\n" + catalogue.describeSelectors());
        }
    }
}
