package raftlab.labrpc.sim;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reports a simulated thread that runs on and on without blocking. The scheduler cannot preempt it — the single
 * carrier is busy — so without this a busy loop would hang the run silently. One daemon platform thread per JVM
 * checks the step in progress every 100 ms and reports it once, with its stack, when it has run past the limit.
 */
final class StallGuard {

    /** How long one step may run (real time) before it is reported. */
    static final long DEFAULT_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Object LOCK = new Object();
    private static Thread checker;

    private final long limitNanos;
    private final Consumer<String> report;
    private volatile Thread running;          // the simulated thread of the step in progress, or null
    private volatile long stepStart;
    private volatile boolean reported;

    StallGuard(long limitNanos, Consumer<String> report) {
        this.limitNanos = limitNanos;
        this.report = report;
    }

    void stepStarted(Thread thread) {
        stepStart = System.nanoTime();
        reported = false;
        running = thread;
        ensureChecker(this);
    }

    void stepEnded() {
        running = null;
    }

    private void check() {
        Thread thread = running;
        if (thread == null || reported || System.nanoTime() - stepStart < limitNanos) {
            return;
        }
        reported = true;
        StringBuilder text = new StringBuilder("simulation: thread \"" + thread.getName() + "\" has run for "
                + String.format("%.1f", limitNanos / 1e9) + " s of real time without blocking, and no other "
                + "simulated thread can run meanwhile. A busy loop? In simulation mode every loop must block: "
                + "Sim.sleep(ms), a condition, a channel. Its stack:\n");
        SimThreadDump.appendStack(text, thread.getStackTrace());
        report.accept(text.toString());
    }

    /** The guard of the scheduler stepping most recently; one checker thread serves whichever that is. */
    private static volatile StallGuard current;

    private static void ensureChecker(StallGuard guard) {
        current = guard;
        if (checker != null) {
            return;
        }
        synchronized (LOCK) {
            if (checker == null) {
                Thread t = Thread.ofPlatform().daemon().name("sim stall guard").unstarted(() -> {
                    while (true) {
                        StallGuard g = current;
                        if (g != null) {
                            g.check();
                        }
                        try {
                            Thread.sleep(Math.min(100, Math.max(1, g == null ? 100 : g.limitNanos / 4_000_000)));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                t.start();
                checker = t;
            }
        }
    }
}
