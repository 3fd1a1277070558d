package raftlab.linearizability;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run a check.
 *
 * @param timeout     give up with {@link CheckResult#UNKNOWN} after this long; {@link Duration#ZERO} means never
 * @param parallelism at most this many partitions are searched at once (the pool is created per check and gone
 *                    when the check returns)
 * @param debugChecks also verify, around every step, that the model did not mutate the state it was given
 *                    (slow; on by default only with {@code -Draftlab.linearizability.debug=true})
 */
public record CheckOptions(Duration timeout, int parallelism, boolean debugChecks) {

    public CheckOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
    }

    /** {@return options with this timeout, one thread per processor, debug checks per the system property} */
    public static CheckOptions withTimeout(Duration timeout) {
        return new CheckOptions(timeout, Runtime.getRuntime().availableProcessors(),
                Boolean.getBoolean("raftlab.linearizability.debug"));
    }

    /** {@return a copy with another parallelism} */
    public CheckOptions parallelism(int threads) {
        return new CheckOptions(timeout, threads, debugChecks);
    }

    /** {@return a copy with debug checks on or off} */
    public CheckOptions debugChecks(boolean on) {
        return new CheckOptions(timeout, parallelism, on);
    }
}
