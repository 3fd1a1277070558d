package raftlab.lab;

import java.util.Locale;

/**
 * One graded test as {@code ./lab} sees it.
 *
 * @param className    the test class, e.g. {@code raftlab.raft.Raft3BTest}
 * @param methodName   the Java name, e.g. {@code testBasicAgree3B}
 * @param displayName  the banner, e.g. {@code Test (3B): basic agreement}
 * @param part         the part tag, e.g. {@code 3B}
 * @param limitSeconds the test's time limit ({@code @Timeout}, or the tester's 120 s)
 */
public record GradedTest(String className, String methodName, String displayName, String part, long limitSeconds) {

    /** {@return the lab, e.g. {@code 3} for part {@code 3B}} */
    public String lab() {
        return part.replaceAll("[^0-9]", "");
    }

    /** {@return MIT's name: {@code testBasicAgree3B} becomes {@code TestBasicAgree3B}} */
    public String mitName() {
        return mitName(methodName);
    }

    /** {@return the MIT name of the Java method name {@code method}} */
    public static String mitName(String method) {
        String rest = method.startsWith("test") ? method.substring(4) : method;
        if (rest.isEmpty()) {
            return "Test";
        }
        return "Test" + rest.substring(0, 1).toUpperCase(Locale.ROOT) + rest.substring(1);
    }

    /** {@return the class's simple name} */
    public String classSimpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** {@return {@code class#method}, what the forked JVM is told to run} */
    public String methodSelector() {
        return className + "#" + methodName;
    }
}
