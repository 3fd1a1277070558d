package raftlab.linearizability;

import java.util.Arrays;

/**
 * Lowe's memo of search configurations already explored: (set of linearized operations, model state). Reaching one
 * again cannot lead anywhere new, so the search skips it.
 *
 * <p>An open-addressing table over parallel arrays, keyed by the 64-bit mix of the bitset's incremental hash and
 * the state's hash, so a probe costs a long comparison before any bitset or state comparison, and a hit allocates
 * nothing (the bitset is cloned only when inserted). Beyond {@code capacityLimit} entries nothing more is
 * remembered: the search stays correct (the memo only prunes) and memory stays bounded.
 */
final class MemoCache<S> {

    private final Model<S, ?, ?> model;
    private final int capacityLimit;
    private long[] keys = new long[64];
    private long[][] sets = new long[64][];
    private Object[] states = new Object[64];
    private int size;

    MemoCache(Model<S, ?, ?> model, int capacityLimit) {
        this.model = model;
        this.capacityLimit = capacityLimit;
    }

    /**
     * Remembers the configuration unless it is already known.
     *
     * @return {@code true} if it is new (or the memo is full), {@code false} if it was explored before
     */
    @SuppressWarnings("unchecked")
    boolean add(long[] bits, long bitsHash, S state, long stateHash) {
        long key = mix(bitsHash ^ (stateHash * 0x9E3779B97F4A7C15L));
        int mask = keys.length - 1;
        int i = (int) key & mask;
        while (sets[i] != null) {
            if (keys[i] == key && Arrays.equals(sets[i], bits) && model.equal((S) states[i], state)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        if (size >= capacityLimit) {
            return true;
        }
        keys[i] = key;
        sets[i] = bits.clone();
        states[i] = state;
        if (++size * 2 > keys.length) {
            grow();
        }
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[][] oldSets = sets;
        Object[] oldStates = states;
        int capacity = oldKeys.length * 2;
        keys = new long[capacity];
        sets = new long[capacity][];
        states = new Object[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldSets[j] != null) {
                int i = (int) oldKeys[j] & mask;
                while (sets[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                sets[i] = oldSets[j];
                states[i] = oldStates[j];
            }
        }
    }

    /** The MurmurHash3 finalizer: spreads the XOR-combined key over the low bits used as the table index. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
