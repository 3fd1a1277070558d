package raftlab.linearizability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The state of a {@link NondeterministicModel} as the checker sees it: the set of states the object may be in,
 * deduplicated with the model's {@link NondeterministicModel#equal}. Immutable; never empty.
 *
 * <p>Its hash is order-independent (a sum of mixed member hashes), so two sets with the same members in another
 * order meet in the memo.
 */
public final class StateSet<S> {

    private final List<S> members;
    private final long[] memberHashes;
    private final long hash;

    private StateSet(List<S> members, long[] memberHashes, long hash) {
        this.members = members;
        this.memberHashes = memberHashes;
        this.hash = hash;
    }

    /**
     * {@return the distinct members of {@code states}, or {@code null} if there are none}
     *
     * @throws IllegalArgumentException for a {@code null} member
     */
    static <S> StateSet<S> of(NondeterministicModel<S, ?, ?> model, Collection<? extends S> states) {
        List<S> distinct = new ArrayList<>(states.size());
        long[] hashes = new long[states.size()];
        long sum = 0;
        for (S s : states) {
            if (s == null) {
                throw new IllegalArgumentException("a set of states contains null; a model's states are never null");
            }
            long h = model.hash(s);
            if (indexOf(model, distinct, hashes, s, h) < 0) {
                hashes[distinct.size()] = h;
                distinct.add(s);
                sum += mix(h);
            }
        }
        if (distinct.isEmpty()) {
            return null;
        }
        return new StateSet<>(List.copyOf(distinct), java.util.Arrays.copyOf(hashes, distinct.size()), sum);
    }

    /** {@return the members, in the order first seen} */
    public List<S> members() {
        return members;
    }

    /** {@return how many states the object may be in} */
    public int size() {
        return members.size();
    }

    long hash() {
        return hash;
    }

    /** Same members by the model's equality (both sets are duplicate-free, so equal sizes and inclusion suffice). */
    boolean sameAs(NondeterministicModel<S, ?, ?> model, StateSet<S> other) {
        if (this == other) {
            return true;
        }
        if (hash != other.hash || members.size() != other.members.size()) {
            return false;
        }
        for (int i = 0; i < members.size(); i++) {
            if (indexOf(model, other.members, other.memberHashes, members.get(i), memberHashes[i]) < 0) {
                return false;
            }
        }
        return true;
    }

    private static <S> int indexOf(NondeterministicModel<S, ?, ?> model, List<S> in, long[] hashes, S s, long h) {
        for (int i = 0; i < in.size(); i++) {
            if (hashes[i] == h && model.equal(in.get(i), s)) {
                return i;
            }
        }
        return -1;
    }

    /** The MurmurHash3 finalizer, so that summing member hashes does not cancel structure out. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public String toString() {
        return members.toString();
    }
}
