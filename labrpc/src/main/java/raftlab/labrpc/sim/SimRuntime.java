package raftlab.labrpc.sim;

import java.util.concurrent.CountDownLatch;

/**
 * The seam behind {@link Sim}: where time comes from, how a thread sleeps and how a thread starts.
 *
 * <p>{@link RealRuntime} uses the JVM's monotonic clock and virtual threads. A simulated clock can implement this
 * interface later and be installed with {@link Sim#install(SimRuntime)} without touching any caller.
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

    /** Creates (but does not start) a thread that will run {@code body}. */
    Thread newThread(String name, Runnable body);
}
