package raftlab.tester;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import raftlab.labrpc.sim.Sim;

/**
 * The threads a test's harness starts (clients, partitioners, join/leave loops), tracked so that the test class can
 * stop every one of them after the test ({@link #stopAll()}): none outlives its test.
 */
public final class TestThreads {

    private final List<Thread> threads = new ArrayList<>();   // guarded by this

    /**
     * Runs {@code body} on a tracked thread (through {@link Sim#go}). An interruption by {@link #stopAll()} (a
     * student clerk then throws {@link CancellationException}) ends it quietly.
     */
    public Thread go(String name, Runnable body) {
        Thread t = Sim.go(name, () -> {
            try {
                body.run();
            } catch (CancellationException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
        });
        synchronized (this) {
            threads.add(t);
        }
        return t;
    }

    /** Interrupts the tracked threads still running; the test class calls it after each test. */
    public void stopAll() {
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(threads);
        }
        running.forEach(Thread::interrupt);
    }
}
