package raftlab.tester;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;
import raftlab.labrpc.sim.LabRandom;
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

    private final long limitMillis;
    private TestRun run;
    private Watchdog watchdog;

    /** The extension with MIT's 120-second limit. */
    public TesterExtension() {
        this(TestRun.TIME_LIMIT_MILLIS);
    }

    TesterExtension(long limitMillis) {
        this.limitMillis = limitMillis;
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

    /** {@return the seed of the running test} */
    public long seed() {
        return run.seed;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String name = context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
        run = new TestRun(name, LabRandom.seedFromProperty());
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
                try {
                    config.cleanup();
                } catch (RuntimeException | AssertionError e) {
                    problems.add(new AssertionFailedError("cleanup failed: " + e, e));
                }
            }
        } finally {
            watchdog.stop();
        }
        String leaks = LeakCheck.describe(LeakCheck.survivors(finished.threadMark, LeakCheck.GRACE_MILLIS));
        if (leaks != null) {
            problems.add(new AssertionFailedError(leaks + "(" + finished.seedText() + ")"));
        }
        for (ThreadRegistry.Failure f : raftlab.labrpc.sim.Sim.threads().failuresSince(finished.threadMark)) {
            if (f.error() != finished.failure()) {      // a checker's failure in a helper thread is reported once
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
