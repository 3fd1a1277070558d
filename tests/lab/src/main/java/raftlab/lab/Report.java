package raftlab.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The final table of {@code ./lab grade} and its Gradescope {@code results.json}. */
public final class Report {

    /** How much of a failed run's log goes into the JSON's per-test output. */
    static final int JSON_LOG_TAIL_LINES = 60;

    private Report() {}

    /** {@return the table: one row per test, then points per part and the total} */
    public static String table(Grader.Outcome outcome, Points points) {
        List<TestStats> stats = outcome.stats();
        int nameWidth = Math.max(4, stats.stream().mapToInt(s -> s.test().mitName().length()).max().orElse(4));
        StringBuilder out = new StringBuilder();
        String rowFormat = "%-" + nameWidth + "s  %-4s  %6s  %12s  %16s  %7s%n";
        out.append(String.format(Locale.ROOT, rowFormat, "Test", "Part", "Points", "Failed/Total", "Time (s)",
                "#RPCs"));
        Map<String, double[]> parts = new LinkedHashMap<>();     // earned, max
        for (TestStats s : stats) {
            GradedTest t = s.test();
            double max = points.of(t);
            double earned = earned(s, max);
            double[] part = parts.computeIfAbsent(t.part(), p -> new double[2]);
            part[0] += earned;
            part[1] += max;
            String failed = s.failed() + "/" + s.finished() + (s.finished() < s.planned() ? " of " + s.planned() : "");
            String time = s.finished() == 0 ? "-" : String.format(Locale.ROOT, "%.2f ± %.2f", s.timeMean(), s.timeSd());
            String rpcs = s.rpcMean() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", s.rpcMean());
            out.append(String.format(Locale.ROOT, rowFormat, t.mitName(), t.part(), num(earned) + "/" + num(max),
                    failed + (s.killed() > 0 ? " (" + s.killed() + " killed)" : ""), time, rpcs));
        }
        out.append('\n');
        double earned = 0;
        double max = 0;
        for (Map.Entry<String, double[]> e : parts.entrySet()) {
            out.append(String.format(Locale.ROOT, "Part %-4s %s/%s%n", e.getKey(), num(e.getValue()[0]),
                    num(e.getValue()[1])));
            earned += e.getValue()[0];
            max += e.getValue()[1];
        }
        out.append(String.format(Locale.ROOT, "Total     %s/%s%s%n", num(earned), num(max),
                outcome.interrupted() ? "   (interrupted: partial results)" : ""));
        return out.toString();
    }

    /** {@return the points earned: all of them if every planned run passed, else none} */
    static double earned(TestStats s, double max) {
        return s.allPassed() ? max : 0;
    }

    private static String num(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.1f", x);
    }

    /**
     * {@return Gradescope's autograder results: {@code score}, {@code execution_time}, {@code output} and one entry
     * per test with {@code name}, {@code number}, {@code score}, {@code max_score}, {@code status}, {@code output}
     * and {@code tags}}
     */
    public static Map<String, Object> gradescope(Grader.Outcome outcome, Points points, long baseSeed, int runs) {
        List<Map<String, Object>> tests = new ArrayList<>();
        double score = 0;
        double maxScore = 0;
        for (TestStats s : outcome.stats()) {
            GradedTest t = s.test();
            double max = points.of(t);
            double earned = earned(s, max);
            score += earned;
            maxScore += max;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", t.mitName() + ": " + t.displayName());
            entry.put("number", t.part());
            entry.put("score", earned);
            entry.put("max_score", max);
            entry.put("status", s.allPassed() ? "passed" : "failed");
            entry.put("output", testOutput(s, outcome.failedLogs().getOrDefault(t, List.of())));
            entry.put("tags", List.of(t.part()));
            entry.put("visibility", "visible");
            tests.add(entry);
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("score", score);
        results.put("execution_time", Math.round(outcome.wallSeconds()));
        results.put("output", String.format(Locale.ROOT, "%s/%s points; each test ran %d time(s); base seed %d%s",
                num(score), num(maxScore), runs, baseSeed, outcome.interrupted() ? "; interrupted" : ""));
        results.put("visibility", "visible");
        results.put("stdout_visibility", "visible");
        results.put("tests", tests);
        return results;
    }

    private static String testOutput(TestStats s, List<Path> failedLogs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d of %d runs passed", s.passed(), s.planned()));
        if (s.finished() > 0) {
            out.append(String.format(Locale.ROOT, "; time %.2f ± %.2f s", s.timeMean(), s.timeSd()));
        }
        if (s.killed() > 0) {
            out.append("; ").append(s.killed()).append(" killed for running past the time limit");
        }
        out.append('\n');
        if (!failedLogs.isEmpty()) {
            Path first = failedLogs.get(0);
            out.append("\nlast lines of the first failed run (").append(first.getFileName()).append("):\n");
            try {
                List<String> lines = Files.readAllLines(first, StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    out.append(lines.get(0)).append('\n');          // test, run and seed
                }
                int from = Math.max(1, lines.size() - JSON_LOG_TAIL_LINES);
                if (from > 1) {
                    out.append("...\n");
                }
                for (String line : lines.subList(from, lines.size())) {
                    out.append(line).append('\n');
                }
            } catch (IOException e) {
                out.append("(log unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }

    /** Writes {@code results} as JSON to {@code file}. */
    public static void writeJson(Map<String, Object> results, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
    }
}
