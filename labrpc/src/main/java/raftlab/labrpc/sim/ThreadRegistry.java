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

    /** {@return the threads started after {@code mark} that are still alive} */
    public List<Thread> aliveSince(long mark) {
        List<Thread> result = new ArrayList<>();
        alive.forEach((thread, started) -> {
            if (started > mark && thread.isAlive()) {
                result.add(thread);
            }
        });
        return result;
    }

    /** {@return the uncaught exceptions of threads started after {@code mark}} */
    public synchronized List<Failure> failuresSince(long mark) {
        return failures.stream().filter(f -> f.generation() > mark).toList();
    }

    Thread register(Thread thread) {
        long started = generation.get();
        alive.put(thread, started);
        thread.setUncaughtExceptionHandler((t, e) -> {
            synchronized (this) {
                failures.add(new Failure(t.getName(), started, e));
            }
            System.err.println("Exception in thread \"" + t.getName() + "\": " + e);
            e.printStackTrace();
        });
        return thread;
    }

    void unregister(Thread thread) {
        alive.remove(thread);
    }
}
