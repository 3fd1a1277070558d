package raftlab.tester;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;
import raftlab.labrpc.log.Log;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;
import raftlab.labrpc.sim.ThreadRegistry;

/**
 * Owns the life of each graded test: seed, watchdog, configs, cleanup, leak check and report line.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TesterExtension tester = new TesterExtension();
 *
 * @Test
 * void testSomething() {
 *     Config cfg = tester.makeConfig(3, true, start);
 *     ...
 * }
 * }</pre>
 *
 * <p>Before each test it picks the seed ({@code -Dlab.seed=N} or a fresh one), marks the thread registry and starts
 * a watchdog that fails the test, with a dump of every thread, when 120 seconds have passed. After each test it
 * cleans up every config the test made, then fails the test if
 * <ul>
 *   <li>a thread the test started is still running after a grace period (named, with its stack);</li>
 *   <li>a kit thread died of an uncaught exception, or another thread recorded a failure;</li>
 *   <li>the time limit passed.</li>
 * </ul>
 * A passing test prints its {@code ... Passed} line; a failing one prints its seed.
 */
public final class TesterExtension implements BeforeEachCallback, AfterEachCallback {

    /** How long killing every server and shutting the network down may take. */
    static final long CLEANUP_LIMIT_MILLIS = 10_000;

    private final long limitMillis;
    private final long cleanupLimitMillis;
    private TestRun run;
    private Watchdog watchdog;

    /** The extension with MIT's 120-second limit. */
    public TesterExtension() {
        this(TestRun.TIME_LIMIT_MILLIS, CLEANUP_LIMIT_MILLIS);
    }

    TesterExtension(long limitMillis, long cleanupLimitMillis) {
        this.limitMillis = limitMillis;
        this.cleanupLimitMillis = cleanupLimitMillis;
    }

    /**
     * {@return a new config for the running test: a fresh network, group 0 with {@code n} servers started by
     * {@code start} and connected, and the network reliable or not}
     */
    public Config makeConfig(int n, boolean reliable, ServerStart start) {
        if (run == null) {
            throw new IllegalStateException("makeConfig outside a test: register the extension with "
                    + "@RegisterExtension on an instance field and call makeConfig from the @Test method");
        }
        return new Config(run, n, reliable, start);
    }

    /**
     * Cleans {@code config} up on a helper thread, so that a {@code kill()} that never returns (a peer deadlocked on
     * its own lock, say) fails this test instead of hanging the whole run.
     *
     * @return null, or what went wrong
     */
    private String cleanUp(Config config) {
        CountDownLatch done = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        Thread cleaner = Sim.go("tester cleanup", () -> {
            try {
                config.cleanup();
            } catch (RuntimeException | AssertionError e) {
                failure[0] = e;
            } finally {
                done.countDown();
            }
        });
        if (!Sim.await(done, cleanupLimitMillis)) {
            StringBuilder stack = new StringBuilder();
            Watchdog.appendThread(stack, cleaner, cleaner.getStackTrace());
            return "cleanup did not finish within " + cleanupLimitMillis + " ms: a kill() is stuck\n" + stack;
        }
        return failure[0] == null ? null : "cleanup failed: " + failure[0];
    }

    /** {@return the seed of the running test} */
    public long seed() {
        return run.seed;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String name = context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
        run = new TestRun(name, LabRandom.seedFromProperty());
        Log.restartClock();       // topic-log times count from this test's start
        watchdog = Watchdog.start(run, limitMillis);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Thread.interrupted();     // a failure elsewhere may have interrupted this thread; don't let it cut sleeps
        TestRun finished = run;
        boolean testFailed = context.getExecutionException().isPresent();
        List<String> lines = new ArrayList<>();
        List<AssertionError> problems = new ArrayList<>();
        try {
            for (Config config : finished.configs()) {
                Optional.ofNullable(config.passedLine()).ifPresent(lines::add);
                String stuck = cleanUp(config);
                if (stuck != null) {
                    problems.add(new AssertionFailedError(stuck + " (" + finished.seedText() + ")"));
                }
            }
        } finally {
            watchdog.stop();
        }
        String leaks = LeakCheck.describe(LeakCheck.survivors(finished.threadMark, LeakCheck.GRACE_MILLIS));
        if (leaks != null) {
            problems.add(new AssertionFailedError(leaks + "(" + finished.seedText() + ")"));
        }
        for (ThreadRegistry.Failure f : Sim.threads().failuresSince(finished.threadMark)) {
            // A checker's failure in a helper thread, or its echo in another thread's checkpoint, is reported once.
            boolean echo = f.error() == finished.failure()
                    || (f.error().getCause() != null && f.error().getCause() == finished.failure());
            if (!echo) {
                problems.add(new AssertionFailedError("thread \"" + f.threadName() + "\" died: " + f.error()
                        + " (" + finished.seedText() + ")", f.error()));
            }
        }
        if (finished.failure() != null && !testFailed) {
            problems.add(finished.failure());
        }
        if (finished.timedOut() && !testFailed && finished.failure() == null) {
            problems.add(new AssertionFailedError(finished.timeoutMessage()));
        }
        run = null;

        if (!testFailed && problems.isEmpty()) {
            lines.forEach(System.out::println);
            return;
        }
        System.out.println("info: " + context.getDisplayName() + " failed with " + finished.seedText());
        if (!problems.isEmpty()) {
            AssertionError first = problems.get(0);
            problems.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }
}
