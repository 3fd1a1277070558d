package raftlab.labrpc.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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

    /**
     * The first of the failures with the same error (its class and message), and how many there were: a misspelled
     * RPC name fails every call, and is worth one report with a count, not one per call.
     */
    public record Repeated(Failure first, int times) {}

    private final AtomicLong generation = new AtomicLong();
    private final Map<Thread, Long> alive = new ConcurrentHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    /** The errors printed since the last mark: each is printed the first time only. */
    private final Set<String> printed = new HashSet<>();
    private volatile Consumer<Failure> listener;

    /** {@return a mark; threads started after it are reported by {@link #aliveSince(long)}} */
    public synchronized long mark() {
        printed.clear();
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

    /** {@return the failures since {@code mark}, one per distinct error (class and message), first seen first} */
    public synchronized List<Repeated> distinctFailuresSince(long mark) {
        Map<String, Repeated> distinct = new LinkedHashMap<>();
        for (Failure f : failuresSince(mark)) {
            distinct.merge(key(f.error()), new Repeated(f, 1), (a, b) -> new Repeated(a.first(), a.times() + 1));
        }
        return List.copyOf(distinct.values());
    }

    private static String key(Throwable error) {
        return error.getClass().getName() + ": " + error.getMessage();
    }

    Thread register(Thread thread) {
        alive.put(thread, generation.get());
        return thread;
    }

    /**
     * Records that {@code error} ended the current thread's work, and prints it. {@link Sim#go} calls this for an
     * exception that escapes a thread body; code that catches an error to clean up first (the network's handler
     * threads) calls it itself, before it lets anyone observe the outcome. An error equal to one printed since the
     * last {@link #mark()} (same class and message) is recorded but not printed again: the tester reports the count.
     */
    public void report(Throwable error) {
        Thread thread = Thread.currentThread();
        Long started = alive.get(thread);
        boolean first;
        Failure failure = new Failure(thread.getName(), started == null ? generation.get() : started, error);
        synchronized (this) {
            failures.add(failure);
            first = printed.add(key(error));
        }
        if (first) {
            // the stack trace's first line is the error and its message: printed once
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace();
        }
        Consumer<Failure> heard = listener;
        if (heard != null) {
            heard.accept(failure);
        }
    }

    /**
     * Makes {@code listener} (or nobody, with null) hear of every failure as it is reported, on the failing thread:
     * the tester uses it to fail a test at once with the exception that killed a thread, instead of at its end.
     */
    public void setListener(Consumer<Failure> listener) {
        this.listener = listener;
    }

    void unregister(Thread thread) {
        alive.remove(thread);
    }
}
