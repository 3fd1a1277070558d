package raftlab.labrpc.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers every thread started through {@link Sim#go} until it ends, and every exception that escaped one.
 *
 * <p>The tester uses it to prove isolation: it takes a {@link #mark()} when a test starts and, after cleanup, asks
 * which threads started since then are still alive ({@link #aliveSince(long)}). A thread that outlives its test is
 * a leak (a Raft peer whose {@code kill()} forgot a loop, say) and fails the test by name.
 */
public final class ThreadRegistry {

    /** A thread that died of an exception nobody caught. */
    public record Failure(String threadName, long generation, Throwable error) {}

    private final AtomicLong generation = new AtomicLong();
    private final Map<Thread, Long> alive = new ConcurrentHashMap<>();
    private final List<Failure> failures = new ArrayList<>();

    /** {@return a mark; threads started after it are reported by {@link #aliveSince(long)}} */
    public long mark() {
        return generation.incrementAndGet();
    }

    /** {@return the threads started since {@code mark} that are still alive} */
    public List<Thread> aliveSince(long mark) {
        List<Thread> result = new ArrayList<>();
        alive.forEach((thread, started) -> {
            if (started >= mark && thread.isAlive()) {
                result.add(thread);
            }
        });
        return result;
    }

    /** {@return the failures reported by threads started since {@code mark}} */
    public synchronized List<Failure> failuresSince(long mark) {
        return failures.stream().filter(f -> f.generation() >= mark).toList();
    }

    Thread register(Thread thread) {
        alive.put(thread, generation.get());
        return thread;
    }

    /**
     * Records that {@code error} ended the current thread's work, and prints it. {@link Sim#go} calls this for an
     * exception that escapes a thread body; code that catches an error to clean up first (the network's handler
     * threads) calls it itself, before it lets anyone observe the outcome.
     */
    public void report(Throwable error) {
        Thread thread = Thread.currentThread();
        Long started = alive.get(thread);
        synchronized (this) {
            failures.add(new Failure(thread.getName(), started == null ? generation.get() : started, error));
        }
        System.err.println("Exception in thread \"" + thread.getName() + "\": " + error);
        error.printStackTrace();
    }

    void unregister(Thread thread) {
        alive.remove(thread);
    }
}
