package raftlab.cluster.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The deterministic saves of the storage tests: save number {@code i} stores {@link #state(long)} with
 * {@link #snapshot(long)}, so whatever recovery returns can be checked against the number it carries.
 */
final class Workload {

    /** A new snapshot every this many saves. */
    static final int SNAPSHOT_EVERY = 25;

    private Workload() {}

    static byte[] state(long i) {
        int filler = (int) (i * 7919 % 600);
        ByteBuffer b = ByteBuffer.allocate(8 + filler).putLong(i);
        for (int k = 0; k < filler; k++) {
            b.put((byte) (i + k));
        }
        return b.array();
    }

    static byte[] snapshot(long i) {
        long generation = i / SNAPSHOT_EVERY;
        if (generation == 0) {
            return new byte[0];
        }
        byte[] s = new byte[100 + (int) (generation * 31 % 3000)];
        for (int k = 0; k < s.length; k++) {
            s[k] = (byte) (generation * k + 1);
        }
        return s;
    }

    /** {@return the save number a recovered state holds, or -1 for the empty state; checks it is intact} */
    static long check(Recovered r) {
        if (r.raftState().length == 0) {
            if (r.snapshot().length != 0) {
                throw new AssertionError("a snapshot without a Raft state");
            }
            return -1;
        }
        long i = ByteBuffer.wrap(r.raftState()).getLong();
        if (!Arrays.equals(r.raftState(), state(i))) {
            throw new AssertionError("recovered state of save " + i + " differs from what was saved");
        }
        if (!Arrays.equals(r.snapshot(), snapshot(i))) {
            throw new AssertionError("recovered snapshot does not belong to save " + i + " (length "
                    + r.snapshot().length + ", expected " + snapshot(i).length + ")");
        }
        return i;
    }
}
