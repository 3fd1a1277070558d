package raftlab.lab;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import raftlab.labrpc.sim.Sim;

/**
 * The main class of a forked JVM: runs one test method through the JUnit Platform Launcher and exits with
 * {@link #PASSED}, {@link #FAILED}, {@link #KILLED} or {@link #NOT_FOUND}.
 *
 * <p>{@code java -cp CP -Dlab.seed=N raftlab.lab.RunOne CLASS#METHOD KILL_AFTER_SECONDS}
 *
 * <p>The test's own output goes to standard output as it happens. A failure's stack trace follows it. The last
 * line is {@code lab: result PASSED test-seconds 3.512}, which the parent reads for the test's own time (the rest of
 * the fork's wall time is overhead). If the test is still running {@code KILL_AFTER_SECONDS} after it started, this
 * JVM prints the stacks of all threads and halts: the test counts as killed.
 */
public final class RunOne {

    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int NOT_FOUND = 3;
    static final int SKIPPED = 4;
    static final int KILLED = 124;
    /** The prefix of the result line. */
    static final String RESULT_PREFIX = "lab: result ";

    private RunOne() {}

    public static void main(String[] args) {
        if (args.length != 2 || !args[0].contains("#")) {
            System.err.println("usage: RunOne CLASS#METHOD KILL_AFTER_SECONDS");
            System.exit(2);
        }
        long killAfterMillis = (long) (Double.parseDouble(args[1]) * 1000);
        System.exit(run(args[0], killAfterMillis));
    }

    static int run(String selector, long killAfterMillis) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(selector))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .build();
        Outcome outcome = new Outcome();
        CountDownLatch finished = new CountDownLatch(1);
        long start = Sim.nanoTime();
        Sim.go("lab kill timer", () -> {
            if (!Sim.await(finished, killAfterMillis)) {
                System.out.printf("lab: killed: %s still running %.0f s after it started (its limit plus a margin)%n",
                        selector, (Sim.nanoTime() - start) / 1e9);
                System.out.println(threadDump());
                System.out.println(RESULT_PREFIX + "KILLED test-seconds " + secondsSince(start));
                System.out.flush();
                Runtime.getRuntime().halt(KILLED);
            }
        });
        LauncherFactory.create().execute(request, outcome);
        finished.countDown();
        int status;
        String word;
        if (outcome.failure != null) {
            status = FAILED;
            word = "FAILED";
            StringWriter trace = new StringWriter();
            outcome.failure.printStackTrace(new PrintWriter(trace));
            System.out.println("lab: " + outcome.failedName + " failed:");
            System.out.print(trace);
        } else if (outcome.passed > 0) {
            status = PASSED;
            word = "PASSED";
        } else if (outcome.skipped != null) {
            status = SKIPPED;
            word = "SKIPPED";
            System.out.println("lab: skipped: " + outcome.skipped);
        } else {
            status = NOT_FOUND;
            word = "NOT_FOUND";
            System.out.println("lab: no test " + selector);
        }
        double seconds = outcome.testNanos > 0 ? outcome.testNanos / 1e9 : secondsSince(start);
        System.out.println(RESULT_PREFIX + word + " test-seconds " + String.format("%.3f", seconds));
        System.out.flush();
        return status;
    }

    private static double secondsSince(long start) {
        return (Sim.nanoTime() - start) / 1e9;
    }

    /** {@return the stacks of every platform thread and of the kit's virtual threads} */
    static String threadDump() {
        StringBuilder dump = new StringBuilder("---- thread dump (lab) ----\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            append(dump, e.getKey(), e.getValue());
        }
        List<Thread> kit = Sim.threads().aliveSince(0);
        for (Thread t : kit) {
            if (t.isVirtual()) {
                append(dump, t, t.getStackTrace());
            }
        }
        return dump.append("---- end of thread dump ----").toString();
    }

    private static void append(StringBuilder dump, Thread t, StackTraceElement[] stack) {
        dump.append('"').append(t.getName()).append('"').append(t.isVirtual() ? " virtual" : "").append(' ')
                .append(t.getState()).append('\n');
        for (StackTraceElement frame : stack) {
            dump.append("    at ").append(frame).append('\n');
        }
    }

    /** Counts the test's results and times the test method itself. */
    private static final class Outcome implements TestExecutionListener {
        int passed;
        Throwable failure;
        String failedName;
        String skipped;
        long testNanos;
        private long startedNanos;

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.isTest()) {
                startedNanos = Sim.nanoTime();
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            skipped = id.getDisplayName() + ": " + reason;
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (id.isTest()) {
                testNanos += Sim.nanoTime() - startedNanos;
            }
            switch (result.getStatus()) {
                case SUCCESSFUL -> {
                    if (id.isTest()) {
                        passed++;
                    }
                }
                case FAILED, ABORTED -> {
                    if (failure == null) {
                        failure = result.getThrowable().orElse(new AssertionError("failed without an exception"));
                        failedName = id.getDisplayName();
                    }
                }
            }
        }
    }
}
