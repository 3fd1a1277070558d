package raftlab.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code ./lab explore} found: the sweeps' lines added up per test, the pass rate with its 95% Wilson interval,
 * and the failures grouped by test and first failure line, each group with its lowest failing seed and the command
 * that replays it. The seed part of a failure line (the tester appends {@code (seed S; replay with ...)}) is left out
 * of the grouping, so one bug at many seeds is one group.
 */
final class Exploration {

    /** The tester's replay hint inside a failure message: differs per seed, so not part of a group's key. */
    private static final Pattern SEED_HINT = Pattern.compile(" ?\\(seed -?\\d+; replay with [^)]*\\)");

    /**
     * Failures of one test with one first line.
     *
     * @param test      MIT's name
     * @param firstLine the first failure line without its seed hint
     * @param seeds     the failing seeds, lowest first once reported
     */
    record Group(String test, String firstLine, List<Long> seeds) {
        long firstSeed() {
            return seeds.stream().mapToLong(Long::longValue).min().orElseThrow();
        }
    }

    private record Tally(int runs, int failed, int nondeterministic) {}

    private final Map<String, String> mitNames = new LinkedHashMap<>();
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<SweepLine.Nondeterministic> nondeterministic = new ArrayList<>();
    private long seedsDone;

    /** @param tests the selected tests, to name them by MIT's name and in the catalogue's order */
    Exploration(List<GradedTest> tests) {
        for (GradedTest t : tests) {
            String sweepName = t.classSimpleName() + "#" + t.methodName();
            mitNames.put(sweepName, t.mitName());
            tallies.put(t.mitName(), new Tally(0, 0, 0));
        }
    }

    /** Adds one of a sweep's lines. */
    synchronized void add(SweepLine line) {
        switch (line) {
            case SweepLine.Failure f -> {
                String key = mitName(f.test()) + "\n" + groupKey(f.firstLine());
                groups.computeIfAbsent(key, k -> new Group(mitName(f.test()), groupKey(f.firstLine()),
                        new ArrayList<>())).seeds().add(f.seed());
            }
            case SweepLine.Nondeterministic n -> nondeterministic.add(n);
            case SweepLine.Summary s -> tallies.merge(mitName(s.test()), new Tally(s.runs(), s.failed(),
                    s.nondeterministic()), (a, b) -> new Tally(a.runs() + b.runs(), a.failed() + b.failed(),
                    a.nondeterministic() + b.nondeterministic()));
            case SweepLine.SeedDone d -> seedsDone++;
        }
    }

    /** {@return how many seeds the sweeps have finished so far} */
    synchronized long seedsDone() {
        return seedsDone;
    }

    /** {@return a failure's first line without the seed hint, as failures are grouped} */
    static String groupKey(String firstLine) {
        return SEED_HINT.matcher(firstLine).replaceAll("").strip();
    }

    private String mitName(String sweepName) {
        return mitNames.getOrDefault(sweepName, sweepName);
    }

    synchronized int runs() {
        return tallies.values().stream().mapToInt(Tally::runs).sum();
    }

    synchronized int failed() {
        return tallies.values().stream().mapToInt(Tally::failed).sum();
    }

    /** {@return whether every run passed and every seed repeated its schedule} */
    synchronized boolean clean() {
        return failed() == 0 && nondeterministic.isEmpty() && groups.isEmpty();
    }

    /** {@return the failure groups, most failures first, then by first seed} */
    synchronized List<Group> groups() {
        return groups.values().stream()
                .sorted(Comparator.comparingInt((Group g) -> -g.seeds().size()).thenComparingLong(Group::firstSeed))
                .toList();
    }

    /** {@return the report: per test, the pass rate with its interval, the groups with their replay commands} */
    synchronized String report() {
        StringBuilder out = new StringBuilder();
        int width = tallies.keySet().stream().mapToInt(String::length).max().orElse(0);
        tallies.forEach((name, t) -> out.append(String.format(Locale.ROOT, "  %-" + width + "s  %5d runs  %4d failed%s%n",
                name, t.runs(), t.failed(), t.nondeterministic() > 0 ? "  " + t.nondeterministic()
                        + " nondeterministic" : "")));
        int runs = runs();
        int passed = runs - failed();
        if (runs == 0) {
            out.append("lab: no run finished\n");
        } else {
            Wilson ci = Wilson.of95(passed, runs);
            out.append(String.format(Locale.ROOT, "lab: %d of %d runs passed: pass rate %s (95%% CI %s to %s, "
                    + "Wilson)%n", passed, runs, percent(passed / (double) runs), percent(ci.low()),
                    percent(ci.high())));
        }
        List<Group> sorted = groups();
        if (sorted.isEmpty()) {
            out.append("lab: no failures\n");
        } else {
            int failures = sorted.stream().mapToInt(g -> g.seeds().size()).sum();
            out.append(String.format(Locale.ROOT, "lab: %d failed run(s) in %d group(s) by first failure line:%n",
                    failures, sorted.size()));
            for (Group g : sorted) {
                out.append(String.format(Locale.ROOT, "  %dx %s: %s%n", g.seeds().size(), g.test(), g.firstLine()));
                out.append(String.format(Locale.ROOT, "      first failing seed %d, replay: %s%n", g.firstSeed(),
                        Replay.command(g.test(), g.firstSeed(), true)));
            }
        }
        for (SweepLine.Nondeterministic n : nondeterministic) {
            out.append(String.format(Locale.ROOT, "lab: NONDETERMINISTIC %s seed %d (%s): the same seed ran "
                    + "differently twice; check again with ./lab explore %s --seed %d -n 1 --check-determinism%n",
                    mitName(n.test()), n.seed(), n.detail(), mitName(n.test()), n.seed()));
        }
        return out.toString();
    }

    /** {@return a fraction as a percentage with one decimal, never rounding a miss to 100.0% or a hit to 0.0%} */
    static String percent(double fraction) {
        double p = Math.round(fraction * 1000) / 10.0;
        if (p >= 100 && fraction < 1) {
            p = 99.9;
        } else if (p <= 0 && fraction > 0) {
            p = 0.1;
        }
        return String.format(Locale.ROOT, "%.1f%%", p);
    }
}
