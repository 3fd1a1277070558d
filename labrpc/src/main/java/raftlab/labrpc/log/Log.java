package raftlab.labrpc.log;

import java.util.Locale;
import raftlab.labrpc.sim.Sim;

/**
 * A topic logger for Raft, the RSM and the KV service, read with {@code ./lab logs}.
 *
 * <pre>{@code
 * Log.debug(Topic.VOTE, me, "granted vote to S%d in term %d", args.candidate(), args.term());
 * }</pre>
 * prints, on standard output,
 * <pre>
 * 012345 VOTE S2 granted vote to S0 in term 3
 * </pre>
 * where the first field is the time since the test started in tenths of a millisecond (at least six digits), then
 * the topic, then the peer.
 *
 * <p>Off unless the environment variable {@code VERBOSE} is 1 or more, or the JVM runs with {@code -Dverbose=1}
 * ({@code ./lab grade -v} sets it). When off, {@link #debug} returns at once on a constant that the JIT folds
 * away; guard calls whose arguments are expensive to compute with {@code if (Log.enabled())}.
 *
 * <p>The tester calls {@link #restartClock()} when a test begins, so times start near zero in every test.
 */
public final class Log {

    private static final boolean ENABLED = verbosity(System.getenv("VERBOSE"), System.getProperty("verbose")) >= 1;
    private static volatile long epochNanos = Sim.nanoTime();

    private Log() {}

    /** {@return whether debug lines are printed} */
    public static boolean enabled() {
        return ENABLED;
    }

    /** Makes the time field count from now. */
    public static void restartClock() {
        epochNanos = Sim.nanoTime();
    }

    /** Prints one line for peer {@code peer} about {@code topic}, if logging is on. */
    public static void debug(Topic topic, int peer, String format, Object a) {
        if (ENABLED) {
            print(topic, peer, format, a);
        }
    }

    /** Prints one line for peer {@code peer} about {@code topic}, if logging is on. */
    public static void debug(Topic topic, int peer, String format, Object a, Object b) {
        if (ENABLED) {
            print(topic, peer, format, a, b);
        }
    }

    /** Prints one line for peer {@code peer} about {@code topic}, if logging is on. */
    public static void debug(Topic topic, int peer, String format, Object a, Object b, Object c) {
        if (ENABLED) {
            print(topic, peer, format, a, b, c);
        }
    }

    /** Prints one line for peer {@code peer} about {@code topic}, if logging is on. */
    public static void debug(Topic topic, int peer, String format, Object... args) {
        if (ENABLED) {
            print(topic, peer, format, args);
        }
    }

    /** {@return the line {@link #debug} prints, without printing it} */
    public static String format(long tenthsOfMillis, Topic topic, int peer, String format, Object... args) {
        String message = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
        return String.format(Locale.ROOT, "%06d %s S%d %s", tenthsOfMillis, topic.name(), peer, message);
    }

    /** {@return the verbosity that {@code VERBOSE} and {@code -Dverbose} ask for; the larger wins, junk counts 0} */
    public static int verbosity(String env, String property) {
        return Math.max(parse(env), parse(property));
    }

    private static int parse(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void print(Topic topic, int peer, String format, Object... args) {
        long tenths = (Sim.nanoTime() - epochNanos) / 100_000;
        String line = format(tenths, topic, peer, format, args);
        System.out.println(line);      // println is atomic per line
    }
}
