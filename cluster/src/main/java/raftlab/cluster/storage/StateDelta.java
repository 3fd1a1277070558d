package raftlab.cluster.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A Raft state written as a change to the one saved before it. The {@code Persister} contract hands over the whole
 * state on every save, but consecutive states mostly share their bytes: appending entries changes a few bytes near
 * the start (the log's length) and adds bytes at the end. A delta keeps the store's bytes per save proportional to
 * what changed, not to the log's length.
 *
 * <p>Body: {@code [u32 a][u32 n][n literal bytes][u32 from][u32 run][tail]}, meaning
 * {@code new = old[0, a) + literal + old[from, from + run) + tail}.
 */
final class StateDelta {

    /** How far past the common prefix to look for the rest of the old state (the log length grew by a few bytes). */
    private static final int SEARCH = 16;

    private StateDelta() {}

    /** {@return the delta body taking {@code old} to {@code now}, or null if writing {@code now} whole is smaller} */
    static byte[] diff(byte[] old, byte[] now) {
        int a = Arrays.mismatch(old, now);
        if (a < 0) {
            a = now.length;   // equal
        }
        int bestLiteral = 0;
        int bestFrom = a;
        int bestRun = 0;
        for (int n = 0; n <= Math.min(SEARCH, now.length - a); n++) {
            for (int skip = 0; skip <= Math.min(SEARCH, old.length - a); skip++) {
                int from = a + skip;
                int m = Arrays.mismatch(old, from, old.length, now, a + n, now.length);
                int run = m < 0 ? old.length - from : m;
                if (run > bestRun) {
                    bestRun = run;
                    bestLiteral = n;
                    bestFrom = from;
                }
            }
        }
        int tail = now.length - a - bestLiteral - bestRun;
        int size = 16 + bestLiteral + tail;
        if (size >= now.length) {
            return null;
        }
        return ByteBuffer.allocate(size).putInt(a).putInt(bestLiteral).put(now, a, bestLiteral).putInt(bestFrom)
                .putInt(bestRun).put(now, a + bestLiteral + bestRun, tail).array();
    }

    /** {@return the state {@code body} (a {@link #diff}) makes of {@code old}, or null if it does not fit old} */
    static byte[] apply(byte[] old, ByteBuffer body) {
        if (body.remaining() < 8) {
            return null;
        }
        int a = body.getInt();
        int n = body.getInt();
        if (a < 0 || a > old.length || n < 0 || n > body.remaining() - 8) {
            return null;
        }
        int literalAt = body.position();
        body.position(literalAt + n);
        int from = body.getInt();
        int run = body.getInt();
        if (from < 0 || run < 0 || from > old.length - run) {
            return null;
        }
        int tail = body.remaining();
        byte[] now = new byte[a + n + run + tail];
        System.arraycopy(old, 0, now, 0, a);
        body.get(literalAt, now, a, n);
        System.arraycopy(old, from, now, a + n, run);
        body.get(now, a + n + run, tail);
        return now;
    }
}
