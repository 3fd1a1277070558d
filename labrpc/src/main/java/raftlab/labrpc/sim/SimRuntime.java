package raftlab.labrpc.sim;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;

/**
 * The seam behind {@link Sim}: where time comes from, how a thread sleeps and how a thread starts.
 *
 * <p>{@link RealRuntime} uses the JVM's monotonic clock and virtual threads. {@link SimulatedRuntime} runs every
 * thread under one deterministic scheduler in virtual time; it is installed with {@link Sim#install(SimRuntime)}
 * without touching any caller.
 */
public interface SimRuntime {

    /** {@return a monotonic time in nanoseconds; only differences are meaningful} */
    long nanoTime();

    /**
     * Blocks the calling thread for about {@code millis} milliseconds.
     *
     * @throws InterruptedException if the thread is interrupted while sleeping
     */
    void sleep(long millis) throws InterruptedException;

    /**
     * Waits until {@code latch} reaches zero or about {@code millis} milliseconds pass.
     *
     * @return whether the latch reached zero
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    boolean await(CountDownLatch latch, long millis) throws InterruptedException;

    /**
     * Like {@link #await}, for a wait whose time-out only re-checks state that other threads change (a watchdog, a
     * poll for a crashed server). The simulation does not count such a time-out as pending work: when every thread
     * is blocked and only polls are pending, the run is deadlocked, and it says so at once.
     */
    default boolean awaitPoll(CountDownLatch latch, long millis) throws InterruptedException {
        return await(latch, millis);
    }

    /** Creates (but does not start) a thread that will run {@code body}. */
    Thread newThread(String name, Runnable body);

    /**
     * Waits on {@code condition} (whose lock the caller holds) for at most {@code nanos} nanoseconds, like
     * {@link Condition#awaitNanos}.
     *
     * @return an estimate of the nanoseconds left; zero or less when the time ran out
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default long awaitNanos(Condition condition, long nanos) throws InterruptedException {
        return condition.awaitNanos(nanos);
    }

    /** {@return the random source for code that must be replayable in simulation mode (election timeouts, ...)} */
    default LabRandom random() {
        return Sim.REAL_RANDOM;
    }

    /** {@return whether time is virtual and threads run under one deterministic scheduler} */
    default boolean isSimulated() {
        return false;
    }

    /** Records {@code event} in the run's trace hash; only the simulation keeps one. */
    default void trace(long event) {
    }
}
