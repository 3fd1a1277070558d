package raftlab.tester;

import java.util.List;
import java.util.stream.Collectors;
import raftlab.labrpc.sim.Sim;

/**
 * Proves a test's isolation: after cleanup, no thread started for the test (through {@code Sim.go}) may still be
 * running once a short grace period has passed, or it would run on into the next test.
 */
final class LeakCheck {

    /** How long threads get to notice that they were killed (a ticker finishing its sleep, say). */
    static final long GRACE_MILLIS = 2_000;

    private LeakCheck() {}

    /** {@return the threads started since {@code mark} that are still alive after waiting up to {@code graceMillis}} */
    static List<Thread> survivors(long mark, long graceMillis) {
        long deadline = Sim.millis() + graceMillis;
        List<Thread> alive = Sim.threads().aliveSince(mark);
        while (!alive.isEmpty() && Sim.millis() < deadline) {
            Sim.sleep(20);
            alive = Sim.threads().aliveSince(mark);
        }
        return alive;
    }

    /** {@return a message naming the leaked threads and showing where each one is, or null if there are none} */
    static String describe(List<Thread> leaked) {
        if (leaked.isEmpty()) {
            return null;
        }
        String names = leaked.stream().map(t -> "\"" + t.getName() + "\"").sorted()
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder(leaked.size() + " thread(s) still running after the test ended: "
                + names + ". kill() must stop every thread a server started (and close applyCh).\n");
        for (Thread t : leaked) {
            Watchdog.appendThread(text, t, t.getStackTrace());
        }
        return text.toString();
    }
}
