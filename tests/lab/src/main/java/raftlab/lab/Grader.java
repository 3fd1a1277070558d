package raftlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import raftlab.labrpc.sim.Sim;

/**
 * The grade loop: runs each selected test {@code runs} times, each run in its own JVM with its own seed, in up to
 * {@code parallel} JVMs at once, taking tests round-robin (run 1 of every test, then run 2 of every test, ...) like
 * dstest. Keeps the output of failed runs (of all runs with {@code keepAll}) as {@code <logDir>/<Test>_<k>.log}.
 */
public final class Grader {

    /**
     * @param runs     runs per test
     * @param parallel forks at once
     * @param baseSeed the seed every run's seed is derived from
     * @param logDir   where kept logs go (created when the first log is kept)
     * @param keepAll  keep the logs of passing runs too
     */
    public record Options(int runs, int parallel, long baseSeed, Path logDir, boolean keepAll) {
        public Options {
            if (runs < 1 || parallel < 1) {
                throw new IllegalArgumentException("runs and parallel must be at least 1");
            }
        }
    }

    /**
     * What a grading run produced.
     *
     * @param stats        per test, in the order given
     * @param failedLogs   per test, the logs of its failed runs
     * @param interrupted  whether Ctrl-C cut it short
     * @param wallSeconds  the whole run's time
     */
    public record Outcome(List<TestStats> stats, Map<GradedTest, List<Path>> failedLogs, boolean interrupted,
            double wallSeconds) {

        /** {@return whether every planned run finished and passed} */
        public boolean allPassed() {
            return !interrupted && stats.stream().allMatch(TestStats::allPassed);
        }

        /** {@return the mean per-run overhead (fork wall time minus the test's own time), in seconds} */
        public double overheadMean() {
            int n = stats.stream().mapToInt(TestStats::finished).sum();
            return n == 0 ? 0 : stats.stream().mapToDouble(TestStats::overheadSum).sum() / n;
        }
    }

    private record Job(GradedTest test, int run, long seed) {}

    /** The runs of one test that printed a {@code warning:} line: how many, and the first one's line. */
    private record Warned(int runs, int firstRun, long firstSeed, String firstLine) {}

    private final Forker forker;
    private final Options options;
    private final Progress progress;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Map<GradedTest, Warned> warned = new LinkedHashMap<>();   // guarded by itself

    public Grader(Forker forker, Options options, Progress progress) {
        this.forker = forker;
        this.options = options;
        this.progress = progress;
    }

    /** {@return the seed of run {@code run} of {@code test}: a function of the base seed, the test and the run} */
    public static long seedFor(long baseSeed, GradedTest test, int run) {
        long z = baseSeed ^ (test.mitName().hashCode() * 0x9E3779B97F4A7C15L) ^ (run * 0xBF58476D1CE4E5B9L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;           // SplitMix64's finalizer
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z & 0x7FFF_FFFF_FFFFL;                           // positive, and short enough to type
    }

    /** Stops handing out runs and kills the running forks (Ctrl-C). */
    public void stop() {
        stopping.set(true);
        forker.destroyAll();
    }

    /**
     * Runs the tests and returns their results. {@code onUpdate} sees the stats after every run (for a partial
     * table on Ctrl-C).
     */
    public Outcome grade(List<GradedTest> tests, Consumer<Outcome> onUpdate) {
        long start = Sim.nanoTime();
        Queue<Job> jobs = new ConcurrentLinkedQueue<>();
        for (int run = 1; run <= options.runs(); run++) {
            for (GradedTest t : tests) {
                jobs.add(new Job(t, run, seedFor(options.baseSeed(), t, run)));
            }
        }
        Map<GradedTest, TestStats> stats = new LinkedHashMap<>();
        Map<GradedTest, List<Path>> kept = new LinkedHashMap<>();
        for (GradedTest t : tests) {
            stats.put(t, new TestStats(t, options.runs()));
            kept.put(t, new ArrayList<>());
        }
        if (options.parallel() > 1 && forker.createsClassDataArchive()) {
            Job first = jobs.poll();       // the first fork writes the shared class-data archive: let it be alone
            if (first != null) {
                runOne(first, stats, kept, start, onUpdate);
            }
        }
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(options.parallel(), jobs.size()); w++) {
            workers.add(Sim.go("lab worker " + w, () -> {
                Job job;
                while (!stopping.get() && (job = jobs.poll()) != null) {
                    runOne(job, stats, kept, start, onUpdate);
                }
            }));
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
            }
        }
        return snapshot(stats, kept, start);
    }

    private void runOne(Job job, Map<GradedTest, TestStats> stats, Map<GradedTest, List<Path>> kept, long start,
            Consumer<Outcome> onUpdate) {
        progress.started(job.test(), job.run(), job.seed());
        Path temp;
        try {
            temp = Files.createTempFile("lab-" + job.test().mitName() + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> warnings = new ArrayList<>();
        Forker.Result result = forker.run(job.test(), job.run(), job.seed(), temp, line -> {
            if (line.startsWith("warning:")) {
                warnings.add(line);
            }
        });
        if (!warnings.isEmpty()) {
            synchronized (warned) {
                warned.merge(job.test(), new Warned(1, job.run(), job.seed(), warnings.get(0)),
                        (a, b) -> {
                            Warned first = a.firstRun() <= b.firstRun() ? a : b;
                            return new Warned(a.runs() + b.runs(), first.firstRun(), first.firstSeed(),
                                    first.firstLine());
                        });
            }
        }
        if (result.signalled() && !stopping.get()) {
            Sim.sleep(1000);            // Ctrl-C reaches the forks too; give this JVM's hook time to say so
        }
        if (stopping.get() && result.status() != Forker.Status.PASSED) {
            deleteQuietly(temp);         // killed by Ctrl-C: not a result
            return;
        }
        Path keptLog = null;
        if (result.status() != Forker.Status.PASSED || options.keepAll()) {
            keptLog = options.logDir().resolve(job.test().mitName() + "_" + job.run() + ".log");
            try {
                Files.createDirectories(options.logDir());
                Files.move(temp, keptLog, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the log of " + job.test().mitName() + ": "
                        + e.getMessage(), e);
            }
        } else {
            deleteQuietly(temp);
        }
        Forker.Result recorded = new Forker.Result(result.status(), result.wallSeconds(), result.testSeconds(),
                result.rpcs(), keptLog, result.exitCode());
        Outcome now;
        synchronized (stats) {
            TestStats s = stats.get(job.test());
            s.add(recorded);
            if (result.status() != Forker.Status.PASSED) {
                kept.get(job.test()).add(keptLog);
            }
            progress.finished(job.test(), job.run(), job.seed(), recorded, s, keptLog);
            now = snapshot(stats, kept, start);
        }
        onUpdate.accept(now);
    }

    /**
     * {@return one line per test whose runs printed a {@code warning:} line (the tests' liveness and efficiency
     * warnings: not failures), with the number of such runs and the lowest-numbered one's first warning, run and seed}
     */
    public List<String> warnings() {
        synchronized (warned) {
            List<String> lines = new ArrayList<>();
            warned.forEach((t, w) -> lines.add(String.format(java.util.Locale.ROOT,
                    "%s: %d of %d run(s) warned; run %d (seed %d): %s", t.mitName(), w.runs(), options.runs(),
                    w.firstRun(), w.firstSeed(), w.firstLine())));
            return lines;
        }
    }

    private Outcome snapshot(Map<GradedTest, TestStats> stats, Map<GradedTest, List<Path>> kept, long start) {
        synchronized (stats) {
            Map<GradedTest, List<Path>> logs = new LinkedHashMap<>();
            kept.forEach((t, l) -> logs.put(t, List.copyOf(l)));
            return new Outcome(List.copyOf(stats.values()), logs, stopping.get(), (Sim.nanoTime() - start) / 1e9);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temp file left behind is harmless
        }
    }
}
