package raftlab.tester;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.opentest4j.AssertionFailedError;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;

/**
 * The state of one running test that outlives any single {@link Config}: its seed, its start time and thread mark,
 * the thread running the test body, and the first failure any thread recorded.
 *
 * <p>A failure found on another thread (an apply error, a checker in a helper thread, the watchdog) is recorded
 * here and the test thread is interrupted; the test thread's next {@link #checkpoint()} throws it.
 */
final class TestRun {

    /** MIT's per-test limit. */
    static final long TIME_LIMIT_MILLIS = 120_000;

    final String name;
    final long seed;
    final LabRandom random;
    final long threadMark;
    final long startNanos;
    private final AtomicReference<AssertionError> failure = new AtomicReference<>();
    private final List<Config> configs = new ArrayList<>();
    private volatile Thread testThread;
    private volatile boolean timedOut;

    TestRun(String name, long seed) {
        this.name = name;
        this.seed = seed;
        this.random = new LabRandom(seed);
        this.threadMark = Sim.threads().mark();
        this.startNanos = Sim.nanoTime();
    }

    /** {@return a run for code outside the extension: a seed from {@code -Dlab.seed} or a fresh one} */
    static TestRun standalone(String name) {
        return new TestRun(name, LabRandom.seedFromProperty());
    }

    /** {@return the text that tells how to replay this run} */
    String seedText() {
        return "seed " + seed + "; replay with -D" + LabRandom.SEED_PROPERTY + "=" + seed;
    }

    /** Remembers {@code config} for cleanup; the thread that makes the first config is the test's thread. */
    synchronized void register(Config config) {
        attachTestThread();
        configs.add(config);
    }

    /** Makes the calling thread the one to wake when another thread records a failure (if none is set yet). */
    synchronized void attachTestThread() {
        if (testThread == null) {
            testThread = Thread.currentThread();
        }
    }

    synchronized List<Config> configs() {
        return List.copyOf(configs);
    }

    /** Records {@code error} if it is the first failure; wakes the test thread if another thread found it. */
    void recordFailure(AssertionError error) {
        failure.compareAndSet(null, error);
        Thread thread = testThread;
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
        }
    }

    /** {@return the first recorded failure, or null} */
    AssertionError failure() {
        return failure.get();
    }

    void markTimedOut() {
        timedOut = true;
    }

    boolean timedOut() {
        return timedOut;
    }

    double elapsedSeconds() {
        return (Sim.nanoTime() - startNanos) / 1e9;
    }

    /** Throws if another thread recorded a failure or the time limit has passed. */
    void checkpoint() {
        AssertionError recorded = failure.get();
        if (recorded != null) {
            throw new AssertionFailedError(recorded.getMessage(), recorded);
        }
        if (timedOut || (Sim.nanoTime() - startNanos) / 1_000_000 > TIME_LIMIT_MILLIS) {
            timedOut = true;
            throw new AssertionFailedError(timeoutMessage());
        }
    }

    String timeoutMessage() {
        return "test took longer than " + TIME_LIMIT_MILLIS / 1000 + " seconds (" + seedText() + ")";
    }
}
