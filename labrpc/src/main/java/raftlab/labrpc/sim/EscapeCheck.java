package raftlab.labrpc.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds, in Java sources, the calls that escape the simulation: they read the real clock, wait on it, start threads
 * the scheduler does not run, or draw randomness that no seed fixes. Each finding names the file, the line and the
 * {@link Sim} call to use instead. The simulation mode runs it on the student's sources before a run, because some
 * escapes ({@code System.nanoTime()}, a {@code new Thread}) cannot be caught while the code runs; the others
 * (a {@code Thread.sleep}, a timed wait) are also caught at run time ({@link SimEscapeError}).
 *
 * <p>Comments and string literals are ignored, so the handouts' commented skeleton code does not count.
 */
public final class EscapeCheck {

    /** One escaping call. */
    public record Escape(String file, int line, String call, String instead) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + call + " escapes the simulation; " + instead;
        }
    }

    private record Rule(Pattern pattern, String call, String instead) {}

    /** {@code new Timer(} is java.util's only where the file imports it; a class of one's own may share the name. */
    private static final String TIMER = "java.util.Timer";
    private static final Pattern IMPORTS_TIMER = Pattern.compile("\\bimport\\s+java\\.util\\.(?:Timer|\\*)\\s*;");

    private static final List<Rule> RULES = List.of(
            rule("\\bThread\\s*\\.\\s*sleep\\s*\\(", "Thread.sleep", "use Sim.sleep(ms)"),
            rule("\\b(?:TimeUnit\\s*\\.\\s*\\w+|[A-Z_]+)\\s*\\.\\s*sleep\\s*\\(", "TimeUnit.sleep",
                    "use Sim.sleep(ms)"),
            rule("\\bSystem\\s*\\.\\s*nanoTime\\s*\\(", "System.nanoTime", "use Sim.nanoTime()"),
            rule("\\bSystem\\s*\\.\\s*currentTimeMillis\\s*\\(", "System.currentTimeMillis", "use Sim.millis()"),
            rule("\\b(?:Instant|LocalDateTime|LocalTime|ZonedDateTime|Clock)\\s*\\.\\s*(?:now|system\\w*)\\s*\\(",
                    "a wall-clock read", "use Sim.millis() or Sim.nanoTime()"),
            rule("(?<!Sim)\\.\\s*await\\s*\\(\\s*[^)\\s]", "a timed await(time, unit)",
                    "use Sim.await(latch, ms) for a latch, Sim.awaitNanos(condition, nanos) for a condition"),
            rule("(?<!Sim)\\.\\s*await(?:Nanos|Until)\\s*\\(", "a timed Condition.await",
                    "use Sim.awaitNanos(condition, nanos)"),
            rule("(?<![\\w.])wait\\s*\\(\\s*[^)\\s]|\\.\\s*wait\\s*\\(\\s*[^)\\s]", "a timed Object.wait",
                    "use a ReentrantLock condition and Sim.awaitNanos(condition, nanos)"),
            rule("\\bLockSupport\\s*\\.\\s*park(?:Nanos|Until)\\s*\\(", "LockSupport.parkNanos",
                    "use Sim.sleep(ms) or Sim.awaitNanos(condition, nanos)"),
            rule("\\bnew\\s+Thread\\s*\\(", "new Thread", "start threads with Sim.go(name, body)"),
            rule("\\bThread\\s*\\.\\s*(?:ofVirtual|ofPlatform|startVirtualThread)\\s*\\(", "a Thread builder",
                    "start threads with Sim.go(name, body)"),
            rule("\\b(?:Executors\\s*\\.\\s*new\\w*|new\\s+(?:ThreadPoolExecutor|ScheduledThreadPoolExecutor"
                    + "|ForkJoinPool)|ForkJoinPool\\s*\\.\\s*commonPool)\\s*\\(", "an executor",
                    "start threads with Sim.go(name, body)"),
            rule("\\bCompletableFuture\\s*\\.\\s*(?:supplyAsync|runAsync)\\s*\\(|\\.\\s*(?:then\\w+|whenComplete"
                    + "|handle|exceptionally\\w*|runAfter\\w+|acceptEither|applyToEither)Async\\s*\\(",
                    "CompletableFuture's *Async", "start the work with Sim.go(name, body)"),
            rule("\\.\\s*parallelStream\\s*\\(|\\.\\s*parallel\\s*\\(\\s*\\)", "a parallel stream",
                    "use a sequential stream"),
            rule("\\bnew\\s+(?:java\\.util\\.)?Timer\\s*\\(", TIMER,
                    "use a Sim.go thread that calls Sim.sleep(ms)"),
            rule("\\bThreadLocalRandom\\s*\\.\\s*current\\s*\\(|\\bMath\\s*\\.\\s*random\\s*\\(|\\bnew\\s+"
                    + "(?:java\\.util\\.)?(?:Random|SecureRandom|SplittableRandom)\\s*\\(",
                    "a random source no seed fixes", "draw from Sim.random()"));

    private EscapeCheck() {}

    private static Rule rule(String regex, String call, String instead) {
        return new Rule(Pattern.compile(regex), call, instead);
    }

    /** {@return the escapes in every {@code .java} file under {@code root}, in path order} */
    public static List<Escape> scan(Path root) {
        List<Escape> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                found.addAll(scanSource(file.toString(), Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sources under " + root + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** {@return the escapes in one source text, named {@code file} in the findings} */
    public static List<Escape> scanSource(String file, String source) {
        String code = blankCommentsAndStrings(source);
        List<Escape> found = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        boolean importsTimer = IMPORTS_TIMER.matcher(code).find();
        for (int i = 0; i < lines.length; i++) {
            for (Rule rule : RULES) {
                Matcher m = rule.pattern().matcher(lines[i]);
                if (m.find() && (importsTimer || !rule.call().equals(TIMER) || m.group().contains("java.util"))) {
                    found.add(new Escape(file, i + 1, rule.call(), rule.instead()));
                }
            }
        }
        return found;
    }

    /** Replaces comments and string and char literals by spaces, keeping every line break where it was. */
    static String blankCommentsAndStrings(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                blank(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 1);
                blank(source, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
