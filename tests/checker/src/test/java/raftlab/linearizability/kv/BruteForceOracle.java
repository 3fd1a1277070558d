package raftlab.linearizability.kv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import raftlab.linearizability.Operation;
import raftlab.linearizability.Step;

/**
 * The definition of linearizability, run literally: try every order of the operations that respects real time
 * (an operation that returned strictly before another was called comes first), on the whole map, with no
 * partitioning, memo or linked list. Exponential; for histories of up to about ten operations.
 */
public final class BruteForceOracle {

    private static final VersionedKvModel MODEL = new VersionedKvModel();

    private BruteForceOracle() {}

    /** {@return whether some real-time-respecting order is legal} */
    public static boolean linearizable(List<Operation<KvInput, KvOutput>> history) {
        return search(history, (1 << history.size()) - 1, new HashMap<>());
    }

    private static boolean search(List<Operation<KvInput, KvOutput>> h, int remaining, Map<String, KvState> store) {
        if (remaining == 0) {
            return true;
        }
        for (int i = 0; i < h.size(); i++) {
            if ((remaining & (1 << i)) == 0 || !minimal(h, remaining, i)) {
                continue;
            }
            Operation<KvInput, KvOutput> op = h.get(i);
            String key = op.input().key();
            KvState before = store.getOrDefault(key, MODEL.init());
            if (MODEL.step(before, op.input(), op.output()) instanceof Step.Legal<KvState> legal) {
                store.put(key, legal.next());
                if (search(h, remaining & ~(1 << i), store)) {
                    return true;
                }
                store.put(key, before);
            }
        }
        return false;
    }

    /** No other remaining operation returned strictly before {@code i} was called (intervals are closed). */
    private static boolean minimal(List<Operation<KvInput, KvOutput>> h, int remaining, int i) {
        for (int j = 0; j < h.size(); j++) {
            if (j != i && (remaining & (1 << j)) != 0 && h.get(j).returned() < h.get(i).call()) {
                return false;
            }
        }
        return true;
    }
}
