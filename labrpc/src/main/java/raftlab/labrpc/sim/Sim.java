package raftlab.labrpc.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;

/**
 * The one place where kit code (the network, the tester, Raft, the RSM and the KV service) reads the time, sleeps
 * and starts threads.
 *
 * <p>Use it instead of {@code System.nanoTime()}, {@code Thread.sleep()} and {@code new Thread()}:
 * <pre>{@code
 * Sim.go("ticker-S" + me, this::ticker);       // a virtual thread, tracked by the tester
 * Sim.sleep(50);                                // returns early (interrupt flag set) if interrupted
 * long elapsedMs = (Sim.nanoTime() - start) / 1_000_000;
 * }</pre>
 *
 * <p>Why: the tester checks that no thread started for a test outlives it, and reports exceptions that killed a
 * thread; both work only for threads started here. And because every clock read goes through one door, a simulated
 * clock can replace real time later ({@link #install(SimRuntime)}) without changing the code that uses it.
 */
public final class Sim {

    /** The random source of the real-time mode: freshly seeded, since real-time runs cannot be replayed anyway. */
    static final LabRandom REAL_RANDOM = new LabRandom(new java.security.SecureRandom().nextLong());

    private static volatile SimRuntime runtime = new RealRuntime();
    private static final ThreadRegistry THREADS = new ThreadRegistry();

    private Sim() {}

    /** {@return monotonic nanoseconds; only differences between two calls mean anything} */
    public static long nanoTime() {
        return runtime.nanoTime();
    }

    /**
     * {@return the real monotonic clock, in nanoseconds, in both modes} Only for a computation's own budget (the
     * linearizability checker's time-out), never for behaviour under test: in simulation mode a computation runs
     * within one step, so virtual time cannot bound it.
     */
    public static long realNanoTime() {
        return System.nanoTime();
    }

    /** {@return monotonic milliseconds; only differences between two calls mean anything} */
    public static long millis() {
        return runtime.nanoTime() / 1_000_000;
    }

    /**
     * Sleeps for {@code millis} milliseconds. If the thread is interrupted, returns early with its interrupt flag
     * set, so a loop like {@code while (!killed()) { ...; Sim.sleep(10); }} still ends promptly.
     *
     * @throws IllegalArgumentException if {@code millis} is negative
     */
    public static void sleep(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("Sim.sleep: negative duration " + millis + " ms");
        }
        try {
            runtime.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps for {@code duration}; see {@link #sleep(long)}. */
    public static void sleep(Duration duration) {
        sleep(duration.toMillis());
    }

    /**
     * Waits until {@code latch} reaches zero or {@code millis} milliseconds pass, whichever comes first: a sleep that
     * can be cut short. If the thread is interrupted, returns early with its interrupt flag set.
     *
     * @return whether the latch reached zero
     */
    public static boolean await(CountDownLatch latch, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("Sim.await: negative duration " + millis + " ms");
        }
        try {
            return runtime.await(latch, millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return latch.getCount() == 0;
        }
    }

    /**
     * Like {@link #await(CountDownLatch, long)}, for kit code whose time-out only re-checks state that other threads
     * change: a watchdog, a poll for a crashed server. In simulation mode such a time-out does not keep a stuck run
     * going: when every thread is blocked and only polls are pending, the run fails at once as deadlocked, with every
     * thread's stack, instead of polling until the test's time limit.
     *
     * @return whether the latch reached zero
     */
    public static boolean awaitPoll(CountDownLatch latch, long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("Sim.awaitPoll: negative duration " + millis + " ms");
        }
        try {
            return runtime.awaitPoll(latch, millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return latch.getCount() == 0;
        }
    }

    /**
     * Waits on {@code condition}, whose lock the caller holds, for at most {@code nanos} nanoseconds: use it instead
     * of {@link Condition#awaitNanos}, which would wake up by the real clock in simulation mode.
     *
     * @return an estimate of the nanoseconds left; zero or less when the time ran out
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public static long awaitNanos(Condition condition, long nanos) throws InterruptedException {
        Objects.requireNonNull(condition, "Sim.awaitNanos: condition is null");
        return runtime.awaitNanos(condition, nanos);
    }

    /**
     * {@return the random source to draw from for anything random in Raft, the services and the kit, such as
     * election timeouts} In simulation mode it is seeded from the run's seed, so a run can be replayed; use it
     * instead of {@code ThreadLocalRandom} or {@code new Random()}.
     */
    public static LabRandom random() {
        return runtime.random();
    }

    /** {@return whether the simulation mode is installed: virtual time and one deterministic scheduler} */
    public static boolean isSimulated() {
        return runtime.isSimulated();
    }

    /** {@return the installed runtime} */
    public static SimRuntime runtime() {
        return runtime;
    }

    /**
     * Records an event (an RPC delivered, a command applied, ...) in the simulated run's trace hash, so that two runs
     * of one seed can be compared; does nothing in real-time mode.
     */
    public static void trace(long event) {
        runtime.trace(event);
    }

    /**
     * Starts {@code body} on a new (virtual) thread named {@code name}, like Go's {@code go} statement. The thread is
     * tracked: the tester fails a test that leaves it running after cleanup, and reports an exception that ends it.
     */
    public static Thread go(String name, Runnable body) {
        Objects.requireNonNull(name, "Sim.go: thread name is null");
        Objects.requireNonNull(body, "Sim.go: thread body is null");
        Thread[] self = new Thread[1];
        Thread thread = runtime.newThread(name, () -> {
            try {
                body.run();
            } catch (Throwable error) {
                THREADS.report(error);
            } finally {
                THREADS.unregister(self[0]);
            }
        });
        self[0] = thread;
        THREADS.register(thread);
        thread.start();
        return thread;
    }

    /** {@return the registry of threads started through {@link #go}} */
    public static ThreadRegistry threads() {
        return THREADS;
    }

    /**
     * Replaces the time and thread source, for a simulated clock. Returns the previous one so a caller can restore
     * it.
     */
    public static SimRuntime install(SimRuntime replacement) {
        SimRuntime previous = runtime;
        runtime = Objects.requireNonNull(replacement, "Sim.install: runtime is null");
        return previous;
    }
}
