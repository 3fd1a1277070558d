package raftlab.labrpc.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final AtomicLong generation = new AtomicLong();
    private final Map<Thread, Long> alive = new ConcurrentHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final Map<String, Integer> repeats = new LinkedHashMap<>();   // guarded by this: stack -> times reported
    private volatile Consumer<Failure> listener;

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
        Failure failure = new Failure(thread.getName(), started == null ? generation.get() : started, error);
        int times;
        synchronized (this) {
            failures.add(failure);
            times = repeats.merge(signature(error), 1, Integer::sum);
        }
        // A handler that fails on every call would print thousands of identical stacks and bury the first one:
        // print a stack once, then a line at the 2nd, 10th, 100th, ... time.
        if (times == 1) {
            System.err.println("Exception in thread \"" + thread.getName() + "\": " + error);
            error.printStackTrace();
        } else if (times == 2 || isPowerOfTen(times)) {
            System.err.println("Exception in thread \"" + thread.getName() + "\": " + error + " (the same stack as "
                    + "above, " + times + " times so far; not printed again)");
        }
        Consumer<Failure> heard = listener;
        if (heard != null) {
            heard.accept(failure);
        }
    }

    private static boolean isPowerOfTen(int n) {
        while (n >= 10 && n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }

    /**
     * Makes {@code listener} (or nobody, with null) hear of every failure as it is reported, on the failing thread:
     * the tester uses it to fail a test at once with the exception that killed a thread, instead of at its end.
     */
    public void setListener(Consumer<Failure> listener) {
        this.listener = listener;
    }

    /**
     * {@return how many times each repeated exception (one whose stack was printed once, then only counted) was
     * reported since the last call, keyed by its first line; and forgets them}
     */
    public synchronized Map<String, Integer> takeRepeats() {
        Map<String, Integer> result = new LinkedHashMap<>();
        repeats.forEach((stack, count) -> {
            if (count > 1) {
                result.put(String.join(" ", stack.lines().limit(2).map(String::strip).toList()), count);
            }
        });
        repeats.clear();
        return result;
    }

    /** The stack of {@code error} without its message (which often varies: an index, a term), as a dedup key. */
    private static String signature(Throwable error) {
        StringBuilder key = new StringBuilder(error.getClass().getName());
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 12); i++) {
            key.append("\n\tat ").append(frames[i]);
        }
        return key.toString();
    }

    void unregister(Thread thread) {
        alive.remove(thread);
    }
}
