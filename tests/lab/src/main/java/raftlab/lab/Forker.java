package raftlab.lab;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import raftlab.labrpc.sim.Sim;

/**
 * Runs one graded test in a fresh JVM ({@link RunOne}) on the same classpath as this one, writing everything it
 * prints to a log file whose first line names the test and its seed.
 *
 * <p>The fork halts itself, with a thread dump, when the test runs {@code margin} seconds past its limit; if even
 * that fails, this side destroys the process a little later. Either way the run counts as killed.
 */
public final class Forker {

    /**
     * JVM options for every fork: the same as Surefire's (the simulation mode, -Dlab.sim=true, needs the add-opens),
     * plus a shared class-data archive when one is set.
     */
    static final List<String> BASE_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xshare:auto",
            "-Djdk.tracePinnedThreads=short", "--add-opens", "java.base/java.lang=ALL-UNNAMED");
    /** The JVM option of the simulation mode ({@code ./lab test --sim}; docs/simulation.md). */
    static final String SIM_OPTION = "-Dlab.sim=true";
    private static final Pattern RPCS = Pattern.compile("#RPCs\\s+(\\d+)");
    private static final Pattern RESULT = Pattern.compile(Pattern.quote(RunOne.RESULT_PREFIX)
            + "(\\w+) test-seconds ([0-9.]+)");
    /** How long after the fork's own deadline this side gives up on it. */
    private static final long PARENT_GRACE_MILLIS = 10_000;

    private final String java;
    private final String classpath;
    private final List<String> jvmOptions;
    private final double marginSeconds;
    private final boolean simulated;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    /**
     * @param java          the {@code java} executable
     * @param classpath     the classpath of the forks
     * @param jvmOptions    options added to {@link #BASE_JVM_OPTIONS} (system properties, a CDS archive)
     * @param marginSeconds how far past its limit a test may run before it is killed
     */
    public Forker(String java, String classpath, List<String> jvmOptions, double marginSeconds) {
        this.java = java;
        this.classpath = classpath;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.marginSeconds = marginSeconds;
        this.simulated = this.jvmOptions.contains(SIM_OPTION);
    }

    /** {@return a forker for this JVM's own {@code java} and classpath} */
    public static Forker ofThisJvm(List<String> jvmOptions, double marginSeconds) {
        return ofThisJvm(System.getProperty("java.class.path"), jvmOptions, marginSeconds);
    }

    /** {@return a forker for this JVM's own {@code java} and the given class path} */
    public static Forker ofThisJvm(String classpath, List<String> jvmOptions, double marginSeconds) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new Forker(java, classpath, jvmOptions, marginSeconds);
    }

    /** The outcome of one run. */
    public enum Status { PASSED, FAILED, KILLED }

    /**
     * One finished run.
     *
     * @param status      passed, failed or killed
     * @param wallSeconds the fork's whole life, JVM start to exit
     * @param testSeconds the test method's own time, as the fork measured it
     * @param rpcs        the RPC count from the test's {@code ... Passed} lines, or -1 if there were none
     * @param log         the file with everything the run printed
     * @param exitCode    the fork's exit status (130 or 143: it got Ctrl-C or a TERM signal)
     */
    public record Result(Status status, double wallSeconds, double testSeconds, long rpcs, Path log, int exitCode) {

        /** {@return whether the fork died of SIGINT or SIGTERM, as on Ctrl-C, rather than of its test} */
        public boolean signalled() {
            return exitCode == 128 + 2 || exitCode == 128 + 15;
        }


        /** {@return the time the run spent outside the test method: JVM start, launcher, exit} */
        public double overheadSeconds() {
            return Math.max(0, wallSeconds - testSeconds);
        }
    }

    /**
     * Runs {@code test} once with {@code seed}, writing its output to {@code log}. Each line the test prints is also
     * handed to {@code echo} (the result line is not).
     */
    public Result run(GradedTest test, int runNumber, long seed, Path log, Consumer<String> echo) {
        double killAfter = test.limitSeconds() + marginSeconds;
        List<String> command = command(List.of("-Dlab.seed=" + seed), RunOne.class.getName(),
                List.of(test.methodSelector(), Double.toString(killAfter)));

        long start = Sim.nanoTime();
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for " + test.mitName() + ": " + e.getMessage(), e);
        }
        running.add(process);
        CountDownLatch exited = new CountDownLatch(1);
        long parentDeadline = (long) (killAfter * 1000) + PARENT_GRACE_MILLIS;
        boolean[] destroyed = new boolean[1];
        Thread guard = Sim.go("lab guard " + test.mitName() + " #" + runNumber, () -> {
            if (!Sim.await(exited, parentDeadline)) {
                destroyed[0] = true;
                process.destroyForcibly();
            }
        });

        long rpcs = -1;
        String resultWord = null;
        double testSeconds = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            out.write(header(test, runNumber, seed));
            out.newLine();
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                Matcher result = RESULT.matcher(line);
                if (result.find()) {
                    resultWord = result.group(1);
                    testSeconds = Double.parseDouble(result.group(2));
                    continue;
                }
                Matcher m = RPCS.matcher(line);
                if (m.find()) {
                    rpcs = Math.max(rpcs, 0) + Long.parseLong(m.group(1));
                }
                echo.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the output of " + test.mitName() + ": " + e.getMessage(), e);
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            exit = -1;
        } finally {
            exited.countDown();
            running.remove(process);
        }
        try {
            guard.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double wall = (Sim.nanoTime() - start) / 1e9;
        Status status;
        if (exit == RunOne.KILLED || destroyed[0] || "KILLED".equals(resultWord)) {
            status = Status.KILLED;
            if (destroyed[0]) {
                appendLine(log, "lab: killed by the runner after " + Math.round(wall) + " s (the fork did not halt)");
            }
        } else if (exit == RunOne.PASSED && "PASSED".equals(resultWord)) {
            status = Status.PASSED;
        } else {
            status = Status.FAILED;
        }
        return new Result(status, wall, testSeconds >= 0 ? testSeconds : wall, rpcs, log, exit);
    }

    /** {@return the command line of a fork: this forker's java, JVM options and class path, then {@code extraJvm}} */
    List<String> command(List<String> extraJvm, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(BASE_JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(extraJvm);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** {@return whether the forks run in the simulation mode} */
    boolean simulated() {
        return simulated;
    }

    /** {@return the first line of every log: what ran, and how to replay it} */
    String header(GradedTest test, int runNumber, long seed) {
        return "lab: " + test.mitName() + " run " + runNumber + " seed " + seed + " (replay: "
                + Replay.command(test.mitName(), seed, simulated) + ", or " + Replay.properties(seed, simulated)
                + ")";
    }

    /** {@return whether the next fork will create the class-data archive its options name (it does not exist yet)} */
    public boolean createsClassDataArchive() {
        return jvmOptions.stream().filter(o -> o.startsWith("-XX:SharedArchiveFile=")).findFirst()
                .map(o -> !Files.exists(Path.of(o.substring(o.indexOf('=') + 1)))).orElse(false);
    }

    /** Destroys every fork still running: Ctrl-C. */
    public void destroyAll() {
        running.forEach(Process::destroyForcibly);
    }

    private static void appendLine(Path log, String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is advisory here; the status already says killed
        }
    }
}
