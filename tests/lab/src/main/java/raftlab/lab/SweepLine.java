package raftlab.lab;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of {@code raftlab.sim.SimSweep}'s output that {@code ./lab explore} reads; every other line (the tests'
 * own output) is none of these. Test names are SimSweep's {@code SimpleClass#method}.
 */
sealed interface SweepLine {

    /** A run that failed: its first failure line. */
    record Failure(String test, long seed, String firstLine) implements SweepLine {}

    /** A seed whose second run had another schedule hash ({@code --check-determinism}). */
    record Nondeterministic(String test, long seed, String detail) implements SweepLine {}

    /** The sweep's summary of one test: its runs, failures and nondeterministic seeds. */
    record Summary(String test, int runs, int failed, int nondeterministic) implements SweepLine {}

    /** The sweep finished one seed (of every selected test). */
    record SeedDone(long seed) implements SweepLine {}

    Pattern FAILED = Pattern.compile("^FAILED (\\S+) seed (-?\\d+)(?: \\(virtual [^)]*\\))?: ?(.*)$");
    Pattern NONDETERMINISTIC = Pattern.compile("^NONDETERMINISTIC (\\S+) seed (-?\\d+): ?(.*)$");
    Pattern SUMMARY = Pattern.compile(
            "^(\\S+#\\S+)\\s+runs\\s+(\\d+)\\s+failed\\s+(\\d+)(?:\\s+nondeterministic\\s+(\\d+))?\\s+mean virtual.*$");
    Pattern SEED_DONE = Pattern.compile("^sim sweep: seed (-?\\d+) done$");

    /** {@return what {@code line} says, if it is one of SimSweep's own lines} */
    static Optional<SweepLine> parse(String line) {
        Matcher m = FAILED.matcher(line);
        if (m.matches()) {
            return Optional.of(new Failure(m.group(1), Long.parseLong(m.group(2)), m.group(3)));
        }
        m = NONDETERMINISTIC.matcher(line);
        if (m.matches()) {
            return Optional.of(new Nondeterministic(m.group(1), Long.parseLong(m.group(2)), m.group(3)));
        }
        m = SUMMARY.matcher(line);
        if (m.matches()) {
            return Optional.of(new Summary(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4))));
        }
        m = SEED_DONE.matcher(line);
        if (m.matches()) {
            return Optional.of(new SeedDone(Long.parseLong(m.group(1))));
        }
        return Optional.empty();
    }
}
