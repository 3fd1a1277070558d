package raftlab.labrpc.sim;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Real time and virtual threads. A sleeping virtual thread does not hold a platform thread, so the network can
 * model every delayed message as a sleeping thread without running out of threads.
 */
public final class RealRuntime implements SimRuntime {

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    @Override
    public boolean await(CountDownLatch latch, long millis) throws InterruptedException {
        return latch.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Thread newThread(String name, Runnable body) {
        return Thread.ofVirtual().name(name).unstarted(body);
    }
}
