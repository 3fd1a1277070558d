package raftlab.labrpc.sim;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;

/**
 * The simulation mode's runtime: virtual time, one deterministic scheduler for every thread, and one seeded random
 * source. Install it with {@link Sim#install} and run code with {@link #call} or {@link #run}:
 * <pre>{@code
 * SimulatedRuntime sim = new SimulatedRuntime(seed);
 * SimRuntime previous = Sim.install(sim);
 * try {
 *     sim.run("test", () -> { ... Sim.go(...); Sim.sleep(60_000); ... });   // takes as long as its CPU work
 * } finally {
 *     Sim.install(previous);
 * }
 * }</pre>
 * {@link #run} starts the body on a simulated (virtual) thread and drives the scheduler on the calling platform
 * thread until the body returns. Threads the body started and that are still alive then stay frozen until the next
 * {@link #run} on the same runtime drives the scheduler again (a test's cleanup, say).
 *
 * <p>With the same seed and the same code, two runs take the same steps in the same order at the same virtual
 * times; {@link #traceHash()} summarises the schedule so that two runs can be compared.
 *
 * <p>Needs JDK 24+ and {@code --add-opens java.base/java.lang=ALL-UNNAMED}; {@link #unsupportedReason()} says what is
 * missing, and the constructor refuses with that message.
 */
public final class SimulatedRuntime implements SimRuntime {

    private final long seed;
    private final SimScheduler scheduler;
    private final LabRandom random;

    /**
     * A runtime whose schedule and random draws follow {@code seed}.
     *
     * @throws UnsupportedOperationException on a JVM the simulation cannot control, with the reason and the fix
     */
    public SimulatedRuntime(long seed) {
        this(seed, StallGuard.DEFAULT_LIMIT_NANOS, System.err::println);
    }

    /** A runtime whose busy-loop reports go to {@code stallReport} after {@code stallLimitNanos} (for tests). */
    SimulatedRuntime(long seed, long stallLimitNanos, java.util.function.Consumer<String> stallReport) {
        VirtualThreadAccess.requireSupported();
        this.seed = seed;
        this.scheduler = new SimScheduler(seed, new StallGuard(stallLimitNanos, report -> {
            stallReport.accept(report);
            java.util.function.Consumer<String> listener = stallListener;
            if (listener != null) {
                listener.accept(report);
            }
        }));
        this.random = new LabRandom(seed);
    }

    private volatile java.util.function.Consumer<String> stallListener;

    /**
     * Also hands each busy-loop report to {@code listener}, on the guard's platform thread, while the busy thread
     * still runs: the tester records it as the test's failure, so that a loop that checks for failures (the
     * harness's {@code checkpoint()}) ends the test then, instead of spinning until JUnit's time-out.
     */
    public void onStall(java.util.function.Consumer<String> listener) {
        this.stallListener = listener;
    }

    /** {@return null when this JVM can run the simulation, else why not and what to do} */
    public static String unsupportedReason() {
        return VirtualThreadAccess.unsupportedReason();
    }

    /** {@return the seed of this run} */
    public long seed() {
        return seed;
    }

    /**
     * Runs {@code body} on a simulated thread named {@code name} and drives every simulated thread until it returns.
     *
     * @return what {@code body} returned
     * @throws Exception         what {@code body} threw
     * @throws SimDeadlockError  if every simulated thread blocks, with no timer pending, before {@code body} returns
     * @throws SimEscapeError    if a simulated thread waits on the real clock
     */
    public <T> T call(String name, Callable<T> body) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        boolean[] done = new boolean[1];
        Thread root = scheduler.newThread(name, () -> {
            try {
                result[0] = body.call();
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                done[0] = true;
            }
        });
        root.start();
        scheduler.drive(() -> done[0]);
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** Like {@link #call}, for a body that returns nothing and throws only unchecked exceptions. */
    public void run(String name, Runnable body) {
        try {
            call(name, () -> {
                body.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #call}, for a body that throws only unchecked exceptions. */
    public <T> T supply(String name, java.util.function.Supplier<T> body) {
        try {
            return call(name, body::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return the virtual time since the runtime was made, in nanoseconds} */
    @Override
    public long nanoTime() {
        return scheduler.nowNanos();
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
        scheduler.sleep(millis * 1_000_000);
    }

    @Override
    public boolean await(CountDownLatch latch, long millis) throws InterruptedException {
        return scheduler.await(latch, millis * 1_000_000);
    }

    @Override
    public boolean awaitPoll(CountDownLatch latch, long millis) throws InterruptedException {
        return scheduler.awaitPoll(latch, millis * 1_000_000);
    }

    @Override
    public long awaitNanos(Condition condition, long nanos) throws InterruptedException {
        return scheduler.awaitNanos(condition, nanos);
    }

    @Override
    public Thread newThread(String name, Runnable body) {
        return scheduler.newThread(name, body);
    }

    @Override
    public LabRandom random() {
        return random;
    }

    @Override
    public boolean isSimulated() {
        return true;
    }

    @Override
    public void trace(long event) {
        scheduler.trace(event);
    }

    /** {@return how many times a simulated thread was run so far} */
    public long steps() {
        return scheduler.steps();
    }

    /**
     * {@return a hash of the schedule so far: which thread ran at each step and at which virtual time, plus every
     * {@link Sim#trace} event} Two runs of the same code with the same seed give the same hash.
     */
    public long traceHash() {
        return scheduler.traceHash();
    }

    /** {@return the names and stacks of every live simulated thread: those in student code first, else in creation order} */
    public String threadDump() {
        StringBuilder dump = new StringBuilder();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        scheduler.liveThreads().forEach(t -> threads.add(t.thread()));
        SimThreadDump.appendAll(dump, threads);
        return dump.toString();
    }
}
