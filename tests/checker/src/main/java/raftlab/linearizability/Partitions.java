package raftlab.linearizability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Helpers for {@link Model#partition}. */
public final class Partitions {

    private Partitions() {}

    /**
     * Groups operations by a key of their input, in key order (so the partitions, and the view, are deterministic),
     * keeping the history order within each group.
     */
    public static <I, O, K extends Comparable<? super K>> List<List<Operation<I, O>>> byKey(
            List<Operation<I, O>> history, Function<? super I, ? extends K> key) {
        Map<K, List<Operation<I, O>>> groups = new TreeMap<>();
        for (Operation<I, O> op : history) {
            groups.computeIfAbsent(key.apply(op.input()), k -> new ArrayList<>()).add(op);
        }
        return List.copyOf(groups.values());
    }
}
