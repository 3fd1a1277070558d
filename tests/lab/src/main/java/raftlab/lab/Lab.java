package raftlab.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab}: what students and staff type. Run tests once ({@code test}), grade with repeated runs, seeds,
 * points and JSON ({@code grade}), list the tests ({@code list}), generate the student kit ({@code handout}), read
 * topic logs ({@code logs}), build a Gradescope autograder ({@code gradescope}) and run many seeds in the simulation
 * mode ({@code explore}).
 */
@Command(name = "lab", mixinStandardHelpOptions = true, version = "raftlab lab 1.0",
        description = "Run, grade and package the raftlab labs.",
        subcommands = {Lab.TestCommand.class, Lab.GradeCommand.class, Lab.ListCommand.class,
                ExploreCommand.class, HandoutCommand.class, LogsCommand.class, GradescopeCommand.class, ZooCommand.class,
                CommandLine.HelpCommand.class})
public final class Lab implements Runnable {

    /** Extra JVM options for every fork, space-separated (the launcher sets a class-data archive here). */
    static final String FORK_OPTIONS_PROPERTY = "lab.forkJvmOptions";
    /** Set to true by the launcher when standard output is a terminal. */
    static final String TTY_PROPERTY = "lab.tty";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status = commandLine().execute(args);
        System.out.flush();
        System.exit(status);
    }

    /** {@return the command line, ready to execute; exit codes: 0 success, 1 a run failed, 2 usage} */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Lab());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof Catalogue.UnknownSelectorException || e instanceof UsageException
                    || e instanceof BuildFailedException) {
                cmd.getErr().println(e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A user error worth one message and exit status 2, not a stack trace. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The options of the forks that {@code test} and {@code grade} share. */
    static class ForkOptions {
        @Option(names = {"-v", "--verbose"}, description = "Turn the topic logger on in the tests (-Dverbose=1).")
        boolean verbose;

        @Option(names = "--margin", paramLabel = "SECONDS", defaultValue = "30",
                description = "Kill a run this long after its test's time limit (default: ${DEFAULT-VALUE}).")
        double marginSeconds;

        @Option(names = "-D", paramLabel = "PROPERTY=VALUE", description = "A system property for the tests.")
        List<String> properties = new ArrayList<>();

        @Option(names = "--sim", description = "Simulation mode (docs/simulation.md): virtual time under one "
                + "deterministic scheduler, so a seed replays the whole run exactly.")
        boolean sim;

        /** {@return the forks' JVM options beyond the base ones; checks the -D properties first} */
        List<String> jvmOptions() {
            List<String> jvm = new ArrayList<>(launcherForkOptions());
            if (verbose) {
                jvm.add("-Dverbose=1");
            }
            for (String p : properties) {
                if (p.startsWith("lab.seed=")) {
                    throw new UsageException("use --seed, not -Dlab.seed");
                }
                if (p.startsWith("lab.sim=")) {
                    throw new UsageException("use --sim, not -Dlab.sim (the replay lines then say --sim)");
                }
                jvm.add("-D" + p);
            }
            if (sim) {
                jvm.add(Forker.SIM_OPTION);
            }
            return jvm;
        }

        Forker forker() {
            List<String> jvm = jvmOptions();
            return Forker.ofThisJvm(KitBuild.ensure(), jvm, marginSeconds);
        }
    }

    /** {@return the JVM options the launcher asks for in every fork (a class-data archive)} */
    static List<String> launcherForkOptions() {
        String extra = System.getProperty(FORK_OPTIONS_PROPERTY, "").trim();
        return extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+"));
    }

    // ---- test ------------------------------------------------------------------------------------------------

    @Command(name = "test", mixinStandardHelpOptions = true, description = {"Run tests once, in order, showing their output as they run.",
            "Selectors: a lab (3), a part (3A), a test by MIT name (TestBasicAgree3B) or Java name "
                    + "(testBasicAgree3B), or a test class (Raft3BTest)."})
    static final class TestCommand implements java.util.concurrent.Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "SELECTOR", description = "What to run.")
        List<String> selectors;

        @Option(names = "--seed", paramLabel = "S",
                description = "Run every selected test with seed S (replays a failed run's network decisions; "
                        + "with --sim, the whole run).")
        Long seed;

        @CommandLine.Mixin
        ForkOptions fork = new ForkOptions();

        @Override
        public Integer call() throws IOException {
            List<GradedTest> tests = Catalogue.kit().select(selectors);
            Forker forker = fork.forker();
            PrintStream out = System.out;
            int failed = 0;
            List<String> failures = new ArrayList<>();
            for (GradedTest t : tests) {
                long s = seed != null ? seed : ThreadLocalRandom.current().nextLong() & 0x7FFF_FFFF_FFFFL;
                Path log = java.nio.file.Files.createTempFile("lab-" + t.mitName() + "-", ".log");
                Forker.Result r = forker.run(t, 1, s, log, out::println);
                java.nio.file.Files.deleteIfExists(log);
                if (r.status() != Forker.Status.PASSED) {
                    failed++;
                    String line = failureLine(r.status(), t.mitName(), s, fork.sim);
                    out.println("lab: " + line);
                    failures.add(line);
                }
            }
            out.printf(Locale.ROOT, "lab: %d passed, %d failed%n", tests.size() - failed, failed);
            failures.forEach(f -> out.println("  " + f));
            return failed == 0 ? 0 : 1;
        }

        /** {@return what {@code ./lab test} says of a run that did not pass, with its replay command} */
        static String failureLine(Forker.Status status, String mitName, long seed, boolean sim) {
            return String.format(Locale.ROOT, "%s %s (seed %d%s; replay: %s)",
                    status == Forker.Status.KILLED ? "KILLED" : "FAILED", mitName, seed, sim ? ", sim mode" : "",
                    Replay.command(mitName, seed, sim));
        }
    }

    // ---- grade -----------------------------------------------------------------------------------------------

    @Command(name = "grade", mixinStandardHelpOptions = true, description = {"Run each selected test (default: all) RUNS times in forked JVMs, "
            + "show live progress, and print a table with points.",
            "Keeps the logs of failed runs as <output>/<Test>_<k>.log; exit status 1 if any run failed."})
    static final class GradeCommand implements java.util.concurrent.Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "SELECTOR", description = "What to grade (default: every test).")
        List<String> selectors = new ArrayList<>();

        @Option(names = {"-n", "--runs"}, paramLabel = "RUNS", defaultValue = "1",
                description = "Runs per test (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = {"-p", "--parallel"}, paramLabel = "PARALLEL", defaultValue = "1",
                description = "Forked JVMs at once (default: ${DEFAULT-VALUE}).")
        int parallel;

        @Option(names = "--seed", paramLabel = "S",
                description = "Base seed: every run's seed derives from it, so the whole grading run is repeatable.")
        Long seed;

        @Option(names = "--json", paramLabel = "FILE", description = "Write Gradescope's results.json here.")
        Path json;

        @Option(names = {"-o", "--output"}, paramLabel = "DIR",
                description = "Where to keep logs (default: lab-logs/<date-time>).")
        Path output;

        @Option(names = "--keep-all", description = "Keep the logs of passing runs too.")
        boolean keepAll;

        @Option(names = "--points", paramLabel = "FILE", description = "A points table to use instead of the kit's.")
        Path pointsFile;

        @Option(names = "--submission", paramLabel = "DIR",
                description = "Grade a student's submission: its kvsrv/, raft/, rsm/, kvraft/ and shardkv/ src/main "
                        + "copied into a fresh copy of the student kit; nothing else of it is used.")
        Path submission;

        @Option(names = "--plain", description = "Plain lines instead of live bars (the default when not a terminal).")
        boolean plain;

        @CommandLine.Mixin
        ForkOptions fork = new ForkOptions();

        @Override
        public Integer call() throws Exception {
            if (runs < 1 || parallel < 1) {
                throw new UsageException("-n and -p must be at least 1");
            }
            if (submission != null) {
                return Submission.grade(submission, this);
            }
            Points points = pointsFile == null ? Points.defaults() : Points.load(pointsFile);
            List<GradedTest> tests = Catalogue.kit().select(selectors);
            long base = seed != null ? seed : ThreadLocalRandom.current().nextLong() & 0x7FFF_FFFF_FFFFL;
            Path logDir = output != null ? output : defaultLogDir();
            PrintStream out = System.out;
            out.printf(Locale.ROOT, "lab: grading %d test(s) x %d run(s), %d at once%s; base seed %d "
                    + "(repeat with %s--seed %d)%n", tests.size(), runs, parallel, fork.sim ? " in sim mode" : "",
                    base, fork.sim ? "--sim " : "", base);
            Grader.Options options = new Grader.Options(runs, parallel, base, logDir, keepAll);
            boolean bars = !plain && Boolean.getBoolean(TTY_PROPERTY);
            Progress progress = bars ? new BarProgress(tests, runs) : new LineProgress(out, tests.size() * runs);
            return run(tests, options, forkerFor(), progress, points, json, out);
        }

        /** {@return lab-logs/DATE-TIME under the current directory} */
        static Path defaultLogDir() {
            return Path.of("lab-logs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }

        Forker forkerFor() {
            return fork.forker();
        }

        /** Runs the grade loop, prints the table (also on Ctrl-C), writes JSON; {@return the exit status} */
        static int run(List<GradedTest> tests, Grader.Options options, Forker forker, Progress progress,
                Points points, Path json, PrintStream out) throws IOException {
            Grader grader = new Grader(forker, options, progress);
            AtomicReference<Grader.Outcome> latest = new AtomicReference<>();
            AtomicBoolean reported = new AtomicBoolean();
            // A JVM shutdown hook is the only way to see Ctrl-C; it must be an unstarted thread, not a Sim.go one.
            Thread hook = Thread.ofPlatform().name("lab ctrl-c").unstarted(() -> {
                if (reported.compareAndSet(false, true)) {
                    grader.stop();
                    progress.close();
                    Grader.Outcome partial = latest.get();
                    out.println();
                    out.println("lab: interrupted; results so far:");
                    if (partial != null) {
                        Grader.Outcome cut = new Grader.Outcome(partial.stats(), partial.failedLogs(), true,
                                partial.wallSeconds());
                        out.print(Report.table(cut, points));
                        writeJsonQuietly(cut, points, options, json, out);
                    }
                    out.flush();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            Grader.Outcome outcome;
            try {
                outcome = grader.grade(tests, latest::set);
            } finally {
                if (!reported.get()) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // Ctrl-C arrived: the hook prints
                    }
                }
            }
            if (!reported.compareAndSet(false, true)) {
                return 130;
            }
            progress.close();
            out.println();
            out.print(Report.table(outcome, points));
            out.printf(Locale.ROOT, "lab: %.1f s in all; per-run overhead (JVM fork + launcher) %.2f s on average%n",
                    outcome.wallSeconds(), outcome.overheadMean());
            List<String> warnings = grader.warnings();
            if (!warnings.isEmpty()) {
                out.println("lab: warnings (not failures; see the handout's advice):");
                warnings.forEach(w -> out.println("  " + w));
            }
            List<Path> logs = outcome.failedLogs().values().stream().flatMap(List::stream).toList();
            if (!logs.isEmpty()) {
                out.println("lab: logs of failed runs (first line: test, run, seed):");
                logs.forEach(l -> out.println("  " + l));
            }
            if (json != null) {
                Report.writeJson(Report.gradescope(outcome, points, options.baseSeed(), options.runs()), json);
                out.println("lab: wrote " + json);
            }
            return outcome.allPassed() ? 0 : 1;
        }

        private static void writeJsonQuietly(Grader.Outcome o, Points p, Grader.Options options, Path json,
                PrintStream out) {
            if (json == null) {
                return;
            }
            try {
                Report.writeJson(Report.gradescope(o, p, options.baseSeed(), options.runs()), json);
            } catch (IOException e) {
                out.println("lab: could not write " + json + ": " + e.getMessage());
            }
        }

        /** {@return the arguments that repeat this command inside a prepared submission kit} */
        List<String> argumentsForKit() {
            List<String> args = new ArrayList<>(List.of("grade", "-n", Integer.toString(runs), "-p",
                    Integer.toString(parallel), "--margin", Double.toString(fork.marginSeconds)));
            if (seed != null) {
                args.addAll(List.of("--seed", seed.toString()));
            }
            if (json != null) {
                args.addAll(List.of("--json", json.toAbsolutePath().toString()));
            }
            // logs go where the caller is, not into the temporary kit
            args.addAll(List.of("--output", (output != null ? output : defaultLogDir()).toAbsolutePath().toString()));
            if (keepAll) {
                args.add("--keep-all");
            }
            if (pointsFile != null) {
                args.addAll(List.of("--points", pointsFile.toAbsolutePath().toString()));
            }
            if (plain) {
                args.add("--plain");
            }
            if (fork.verbose) {
                args.add("-v");
            }
            if (fork.sim) {
                args.add("--sim");
            }
            fork.properties.forEach(p -> args.addAll(List.of("-D", p)));
            args.addAll(selectors);
            return args;
        }
    }

    // ---- list ------------------------------------------------------------------------------------------------

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the graded tests with their part, points and time limit.")
    static final class ListCommand implements Runnable {
        @Parameters(arity = "0..*", paramLabel = "SELECTOR", description = "What to list (default: every test).")
        List<String> selectors = new ArrayList<>();

        @Override
        public void run() {
            Points points = Points.defaults();
            List<GradedTest> tests = Catalogue.kit().select(selectors);
            // Columns as wide as the longest name (MIT's 3D and 4C names run past 60 characters).
            int mitWidth = tests.stream().mapToInt(t -> t.mitName().length()).max().orElse(0);
            int javaWidth = tests.stream().mapToInt(t -> t.methodName().length()).max().orElse(0);
            String format = "%-4s %-" + mitWidth + "s  %-" + javaWidth + "s  %4s pts  limit %3d s  %s%n";
            for (GradedTest t : tests) {
                System.out.printf(Locale.ROOT, format, t.part(), t.mitName(), t.methodName(), fmt(points.of(t)),
                        Catalogue.testerLimitSeconds(t), t.displayName());
            }
        }

        private static String fmt(double p) {
            return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
        }
    }
}
