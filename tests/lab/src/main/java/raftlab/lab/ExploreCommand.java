package raftlab.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import raftlab.labrpc.sim.Sim;

/**
 * {@code ./lab explore}: many seeds of the selected tests in the simulation mode, split into contiguous seed ranges
 * over forked JVMs, each running {@code raftlab.sim.SimSweep} (tests/graded) on the kit's class path. Prints the pass
 * rate with its 95% interval and the failures grouped by first line, each group with the command that replays its
 * first seed ({@link Exploration}).
 */
@Command(name = "explore", mixinStandardHelpOptions = true, description = {
        "Run SEEDS seeds of each selected test in the simulation mode (--sim), spread over JVMS forked JVMs; print "
                + "the pass rate with its 95%% confidence interval and the failures grouped by first failure line, "
                + "each with the seed and command that replays it; passing tests' warning: lines are passed on.",
        "Selectors as for test: a lab (3), a part (3A), a test (TestBasicAgree3B), a class (Raft3BTest)."})
final class ExploreCommand implements Callable<Integer> {

    /** The sweep's main class: in the graded suites' test classes, which the kit's class path holds. */
    static final String SWEEP_MAIN = "raftlab.sim.SimSweep";
    /** How many of a crashed sweep's last lines to show. */
    private static final int CRASH_TAIL_LINES = 30;

    @Parameters(arity = "1..*", paramLabel = "SELECTOR", description = "What to explore.")
    List<String> selectors;

    @Option(names = {"-n", "--seeds"}, paramLabel = "SEEDS", defaultValue = "100",
            description = "Seeds per test (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = {"-p", "--parallel"}, paramLabel = "JVMS",
            description = "Forked JVMs at once (default: the number of cores).")
    Integer parallel;

    @Option(names = "--seed", paramLabel = "FIRST",
            description = "The first seed; the run uses FIRST..FIRST+SEEDS-1 (default: a random one, printed).")
    Long firstSeed;

    @Option(names = "--check-determinism",
            description = "Run every seed twice and report a seed whose schedule hash differs.")
    boolean checkDeterminism;

    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    /** The main class of the forks: {@link #SWEEP_MAIN}, or a fake one in this tool's tests. */
    String sweepMain = SWEEP_MAIN;

    /** A contiguous range of seeds for one fork. */
    record SeedRange(long first, long last) {}

    /** {@return seeds {@code first..first+count-1} split into at most {@code jvms} contiguous ranges, sizes within one} */
    static List<SeedRange> split(long first, int count, int jvms) {
        int n = Math.min(count, jvms);
        List<SeedRange> ranges = new ArrayList<>();
        long next = first;
        for (int i = 0; i < n; i++) {
            int size = count / n + (i < count % n ? 1 : 0);
            ranges.add(new SeedRange(next, next + size - 1));
            next += size;
        }
        return ranges;
    }

    /** Checks the numbers before anything is built or run. */
    void validate() {
        if (seeds < 1) {
            throw new Lab.UsageException("-n must be at least 1 (seeds per test), got " + seeds);
        }
        if (parallel != null && parallel < 1) {
            throw new Lab.UsageException("-p must be at least 1 (JVMs at once), got " + parallel);
        }
        if (firstSeed != null && firstSeed < 0) {
            throw new Lab.UsageException("--seed must not be negative, got " + firstSeed);
        }
    }

    @Override
    public Integer call() {
        validate();
        List<GradedTest> tests = Catalogue.kit().select(selectors);
        int jvms = parallel != null ? parallel : Runtime.getRuntime().availableProcessors();
        long first = firstSeed != null ? firstSeed : ThreadLocalRandom.current().nextLong(1L << 40);
        List<String> jvm = new ArrayList<>(Lab.launcherForkOptions());
        jvm.add(Forker.SIM_OPTION);
        Forker forker = Forker.ofThisJvm(KitBuild.ensure(), jvm, 0);
        return explore(tests, forker, first, jvms, System.out);
    }

    /** Runs the sweeps and prints what they found; {@return the exit status: 0 if every run passed} */
    int explore(List<GradedTest> tests, Forker forker, long first, int jvms, PrintStream out) {
        List<SeedRange> ranges = split(first, seeds, jvms);
        out.printf(Locale.ROOT, "lab: exploring %d test(s) x %d seed(s) (%d..%d%s) in sim mode, %d JVM(s); "
                + "repeat with --seed %d%n", tests.size(), seeds, first, first + seeds - 1,
                checkDeterminism ? ", each twice" : "", ranges.size(), first);
        Exploration found = new Exploration(tests);
        List<String> problems = new ArrayList<>();
        Thread hook = Thread.ofPlatform().name("lab explore ctrl-c").unstarted(
                () -> running.forEach(Process::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(hook);
        long start = Sim.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (SeedRange r : ranges) {
            workers.add(Sim.go("lab explore " + r.first() + ".." + r.last(),
                    () -> sweep(forker, tests, r, found, problems, out)));
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(Process::destroyForcibly);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook has stopped the forks
        }
        out.print(found.report());
        problems.forEach(out::print);
        out.printf(Locale.ROOT, "lab: %.1f s in all%n", (Sim.nanoTime() - start) / 1e9);
        return found.clean() && problems.isEmpty() ? 0 : 1;
    }

    /** Runs one fork over {@code range}; a fork that ends without its summary adds its last lines to problems. */
    private void sweep(Forker forker, List<GradedTest> tests, SeedRange range, Exploration found,
            List<String> problems, PrintStream out) {
        List<String> args = new ArrayList<>();
        if (checkDeterminism) {
            args.add("--check-determinism");
        }
        args.add(Long.toString(range.first()));
        args.add(Long.toString(range.last()));
        tests.forEach(t -> args.add(t.methodSelector()));
        Process process;
        try {
            process = new ProcessBuilder(forker.command(List.of(), sweepMain, args)).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for seeds " + range.first() + ".." + range.last()
                    + ": " + e.getMessage(), e);
        }
        running.add(process);
        Deque<String> tail = new ArrayDeque<>();
        String title = "";          // the latest test's first line, for its warnings
        int summaries = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                tail.addLast(line);
                if (tail.size() > CRASH_TAIL_LINES) {
                    tail.removeFirst();
                }
                if (line.startsWith("Test (")) {
                    title = line;
                } else if (line.startsWith("warning:")) {   // a passing test's liveness or efficiency warning
                    synchronized (out) {
                        out.println("lab: seeds " + range.first() + ".." + range.last() + ", " + title + " " + line);
                    }
                }
                var parsed = SweepLine.parse(line);
                if (parsed.isEmpty()) {
                    continue;
                }
                found.add(parsed.get());
                switch (parsed.get()) {
                    case SweepLine.Summary s -> summaries++;
                    case SweepLine.SeedDone d -> progress(found, out);
                    case SweepLine.Failure f -> {
                        synchronized (out) {
                            out.println("lab: " + line);
                        }
                    }
                    case SweepLine.Nondeterministic n -> {
                        synchronized (out) {
                            out.println("lab: " + line);
                        }
                    }
                }
            }
            int exit = process.waitFor();
            if (summaries == 0 || (exit != 0 && exit != 1)) {
                synchronized (problems) {
                    problems.add(String.format(Locale.ROOT, "lab: the JVM for seeds %d..%d ended without its "
                            + "summary (exit status %d); its last lines:%n%s%n", range.first(), range.last(), exit,
                            String.join(System.lineSeparator(), tail)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the sweep of seeds " + range.first() + ".." + range.last()
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            running.remove(process);
        }
    }

    /** Prints a line at every tenth of the seeds done. */
    private void progress(Exploration found, PrintStream out) {
        long done = found.seedsDone();
        long step = Math.max(1, seeds / 10);
        if (done % step == 0 || done == seeds) {
            synchronized (out) {
                out.printf(Locale.ROOT, "lab: %d of %d seeds done%n", done, seeds);
            }
        }
    }
}
