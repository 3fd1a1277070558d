package raftlab.tester;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import raftlab.labrpc.sim.Sim;
import raftlab.labrpc.sim.SimulatedRuntime;

/**
 * Enforces the per-test time limit while the test runs: when it expires, prints the stack of every thread (platform
 * threads and the kit's virtual threads), records the failure and interrupts the test thread. Go's tester only
 * checks the limit at the end, which never comes for a hung test.
 */
final class Watchdog {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    private Watchdog(TestRun run, long limitMillis) {
        thread = Sim.go("tester watchdog", () -> {
            if (!Sim.awaitPoll(stopped, limitMillis)) {   // a deadlock is reported before the limit
                fire(run);
            }
        });
    }

    /** {@return a watchdog that fires if not stopped within {@code limitMillis}} */
    static Watchdog start(TestRun run, long limitMillis) {
        return new Watchdog(run, limitMillis);
    }

    /** Stops the watchdog and waits for its thread to end. */
    void stop() {
        stopped.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void fire(TestRun run) {
        String message = run.timeoutMessage();
        System.out.println("Fatal: " + message);
        System.out.println(threadDump(run.threadMark));
        run.markTimedOut();
        run.recordFailure(new AssertionError(message));
    }

    /** {@return the stacks of all platform threads and of the kit's threads started since {@code mark}} */
    static String threadDump(long mark) {
        if (Sim.runtime() instanceof SimulatedRuntime sim) {
            // Only the simulated threads, in creation order: the same dump on every replay of the seed.
            return "---- thread dump at virtual time " + String.format("%.3f s", sim.nanoTime() / 1e9) + " ----\n"
                    + sim.threadDump() + "---- end of thread dump ----";
        }
        StringBuilder dump = new StringBuilder("---- thread dump ----\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            appendThread(dump, e.getKey(), e.getValue());
        }
        List<Thread> kit = Sim.threads().aliveSince(mark);
        for (Thread t : kit) {
            if (t.isVirtual()) {
                appendThread(dump, t, t.getStackTrace());
            }
        }
        return dump.append("---- end of thread dump ----").toString();
    }

    static void appendThread(StringBuilder dump, Thread t, StackTraceElement[] stack) {
        dump.append('"').append(t.getName()).append('"').append(t.isVirtual() ? " virtual" : "")
                .append(" ").append(t.getState()).append('\n');
        for (StackTraceElement frame : stack) {
            dump.append("    at ").append(frame).append('\n');
        }
    }
}
