package raftlab.tester;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;
import raftlab.labrpc.log.Log;
import raftlab.labrpc.net.RpcObserver;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;
import raftlab.labrpc.sim.SimRuntime;
import raftlab.labrpc.sim.SimulatedRuntime;
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
 *
 * <p>With {@code -Dlab.sim=true} each test runs in the simulation mode (docs/simulation.md): the extension installs
 * a {@link SimulatedRuntime} seeded with the test's seed, and runs the test method, the test class's
 * {@code @BeforeEach}/{@code @AfterEach} methods and its own cleanup on simulated threads, in virtual time. The same
 * seed then replays the same run; the report line's time is virtual time.
 */
public final class TesterExtension implements BeforeEachCallback, AfterEachCallback, InvocationInterceptor {

    /** The system property that selects the simulation mode. */
    public static final String SIM_PROPERTY = "lab.sim";

    /** How long killing every server and shutting the network down may take. */
    static final long CLEANUP_LIMIT_MILLIS = 10_000;

    private final long limitMillis;
    private final long cleanupLimitMillis;
    private TestRun run;
    private Watchdog watchdog;
    private SimulatedRuntime sim;          // non-null while a test runs in simulation mode
    private SimRuntime previousRuntime;

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
        return makeConfig(n, reliable, start, null);
    }

    /**
     * Like {@link #makeConfig(int, boolean, ServerStart)}, with {@code observer} watching the network's replies
     * from before the first server starts (the Raft tests' invariant monitor), or none if null.
     */
    public Config makeConfig(int n, boolean reliable, ServerStart start, RpcObserver observer) {
        if (run == null) {
            throw new IllegalStateException("makeConfig outside a test: register the extension with "
                    + "@RegisterExtension on an instance field and call makeConfig from the @Test method");
        }
        return new Config(run, n, reliable, start, observer);
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
            return "cleanup did not finish within " + cleanupLimitMillis + " ms: a kill() is stuck\n"
                    + stackOf(cleaner);
        }
        return failure[0] == null ? null : "cleanup failed: " + failure[0];
    }

    /**
     * {@return {@code t}'s stack, taken on a helper thread and waited for at most a second} A virtual thread's
     * stack can only be taken once the thread is parked or mounted; on a starved machine that can take indefinitely,
     * and the report of a stuck kill() must not hang the run it reports on.
     */
    private static String stackOf(Thread t) {
        StackTraceElement[][] trace = new StackTraceElement[1][];
        CountDownLatch taken = new CountDownLatch(1);
        Sim.go("stack of " + t.getName(), () -> {
            trace[0] = t.getStackTrace();
            taken.countDown();
        });
        if (!Sim.await(taken, 1_000)) {
            return "  (its stack could not be taken within 1 s)\n";
        }
        StringBuilder stack = new StringBuilder();
        Watchdog.appendThread(stack, t, trace[0]);
        return stack.toString();
    }

    /** {@return the seed of the running test} */
    public long seed() {
        return run.seed;
    }

    /** {@return whether {@code -Dlab.sim=true} selects the simulation mode} */
    static boolean simulationRequested() {
        return Boolean.parseBoolean(System.getProperty(SIM_PROPERTY, "false").trim());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String name = context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
        long seed = LabRandom.seedFromProperty();
        if (simulationRequested()) {
            String unsupported = SimulatedRuntime.unsupportedReason();
            if (unsupported != null) {
                throw new IllegalStateException("-D" + SIM_PROPERTY + "=true: " + unsupported);
            }
            String escapes = StudentSources.escapes();
            if (escapes != null) {
                throw new AssertionFailedError(escapes);
            }
            sim = new SimulatedRuntime(seed);
            previousRuntime = Sim.install(sim);
        }
        run = new TestRun(name, seed);
        Log.restartClock();       // topic-log times count from this test's start
        TestRun current = run;
        // A thread of this test that dies of an exception fails the test now, with that exception as its headline,
        // instead of leaving it to run into a timeout or a vague check minutes later.
        Sim.threads().setListener(f -> {
            if (f.generation() >= current.threadMark && current.failure() == null && !isEcho(f, current)
                    && !(f.error() instanceof TestOver)) {
                String message = threadDied(f, current);
                System.out.println("Fatal: " + message);
                current.recordFailure(new AssertionFailedError(message, f.error()));
            }
        });
        watchdog = Watchdog.start(run, limitMillis);
    }

    private static String threadDied(ThreadRegistry.Failure f, TestRun run) {
        return "thread \"" + f.threadName() + "\" died: " + f.error() + " (" + run.seedText() + ")";
    }

    /** {@return whether {@code f} is a recorded failure rethrown (a checker's failure in a helper thread)} */
    private static boolean isEcho(ThreadRegistry.Failure f, TestRun run) {
        AssertionError recorded = run.failure();
        return recorded != null && (f.error() == recorded || f.error().getCause() == recorded
                || recorded.getCause() == f.error());
    }

    /** Prints the passed test's ratio to the reference (and a warning when slow); records a sample if asked. */
    private static void compareWithReference(TestRun finished) {
        ReferenceStats.Measure total = null;
        for (Config config : finished.configs()) {
            ReferenceStats.Measure m = config.lastMeasure();
            if (m != null) {
                total = total == null ? m : total.plus(m);
            }
        }
        if (total == null) {
            return;
        }
        ReferenceStats.recordSample(finished.name, total);
        ReferenceStats.Measure measured = total;
        ReferenceStats.of(finished.name).ifPresent(ref ->
                System.out.println(ReferenceStats.report(finished.name, measured, ref)));
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext extensionContext) throws Throwable {
        try {
            proceed("test", invocation);
        } catch (Throwable thrown) {
            throw headline(thrown, run);
        }
    }

    /**
     * {@return what the test reports when its body threw {@code thrown}}: the failure another thread recorded first
     * (a dying thread, a checker, the watchdog's time limit), with {@code thrown} suppressed under it, when
     * {@code thrown} is only how the body was woken. Why: the tester interrupts the test thread to stop it, and if
     * the thread is inside a student's clerk at that moment, what surfaces is the clerk's reaction to the interrupt
     * (e.g. a {@code CancellationException}, "interrupted while re-sending a request"), which names no cause.
     */
    static Throwable headline(Throwable thrown, TestRun current) {
        AssertionError recorded = current == null ? null : current.failure();
        if (recorded == null || causedBy(thrown, recorded)) {
            return thrown;
        }
        AssertionFailedError first = new AssertionFailedError(recorded.getMessage(), recorded);
        first.addSuppressed(thrown);
        return first;
    }

    private static boolean causedBy(Throwable thrown, Throwable recorded) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t == recorded) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        proceed("@BeforeEach", invocation);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        proceed("@AfterEach", invocation);
    }

    /** Runs {@code invocation} here in real-time mode, or on a simulated thread in simulation mode. */
    private void proceed(String threadName, Invocation<Void> invocation) throws Throwable {
        if (sim == null) {
            invocation.proceed();
            return;
        }
        Throwable[] failure = new Throwable[1];
        sim.run(threadName, () -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (sim == null) {
            finish(context);
            return;
        }
        String name = context.getUniqueId();
        try {
            sim.run("tester afterEach", () -> finish(context));
        } finally {
            lastSimulation = new SimulationSummary(name, sim.seed(), sim.steps(), sim.nanoTime(), sim.traceHash());
            Sim.install(previousRuntime);
            sim = null;
        }
    }

    /**
     * What a finished simulated test did: how many scheduling steps, how much virtual time, and the hash of its
     * schedule, which is the same for every run of one test with one seed (see docs/simulation.md).
     */
    public record SimulationSummary(String test, long seed, long steps, long virtualNanos, long traceHash) {}

    private static volatile SimulationSummary lastSimulation;

    /** {@return the summary of the last test that ran in simulation mode in this JVM, or null} */
    public static SimulationSummary lastSimulation() {
        return lastSimulation;
    }

    private void finish(ExtensionContext context) {
        if (run == null) {
            return;               // beforeEach refused the test (a bad seed, sim mode unsupported): nothing to clean
        }
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
                    problems.add(fatal(stuck + " (" + finished.seedText() + ")", null));
                }
            }
        } finally {
            watchdog.stop();
            Sim.threads().setListener(null);
        }
        String leaks = LeakCheck.describe(LeakCheck.survivors(finished.threadMark, LeakCheck.GRACE_MILLIS));
        if (leaks != null) {
            problems.add(fatal(leaks + "(" + finished.seedText() + ")", null));
        }
        AssertionError recorded = finished.failure();
        boolean recordedReplaced = false;
        for (ThreadRegistry.Repeated r : Sim.threads().distinctFailuresSince(finished.threadMark)) {
            ThreadRegistry.Failure f = r.first();
            if (f.error() instanceof TestOver) {
                continue;         // a helper thread stopped because the test had ended: not a failure (TestOver)
            }
            // A thread's death already failed the test at once (the listener); unless the test body reported it,
            // report it here again with its count of repeats.
            boolean heardAtOnce = recorded != null && recorded.getCause() == f.error();
            if (heardAtOnce && testFailed) {
                continue;
            }
            recordedReplaced |= heardAtOnce;
            // A checker's failure in a helper thread, or its echo in another thread's checkpoint, is reported once.
            if (heardAtOnce || !isEcho(f, finished)) {
                String repeats = r.times() == 1 ? "" : " (and " + (r.times() - 1) + " more time"
                        + (r.times() == 2 ? "" : "s") + " in other threads)";
                problems.add(fatal("thread \"" + f.threadName() + "\" died: " + f.error() + repeats + " ("
                        + finished.seedText() + ")", f.error()));
            }
        }
        if (recorded != null && !testFailed && !recordedReplaced) {
            problems.add(recorded);
        }
        if (finished.timedOut() && !testFailed && finished.failure() == null) {
            problems.add(new AssertionFailedError(finished.timeoutMessage()));
        }
        run = null;

        if (!testFailed && problems.isEmpty()) {
            lines.forEach(System.out::println);
            compareWithReference(finished);
            return;
        }
        System.out.println("info: " + context.getDisplayName() + " failed with " + finished.seedText());
        if (!problems.isEmpty()) {
            AssertionError first = problems.get(0);
            problems.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** {@return a failure of the test's surroundings (cleanup, leaked threads, a thread's death), its Fatal: line printed} */
    private static AssertionFailedError fatal(String message, Throwable cause) {
        System.out.println("Fatal: " + message.lines().findFirst().orElse(message));
        return new AssertionFailedError(message, cause);
    }
}
