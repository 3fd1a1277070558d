package raftlab.linearizability.nondet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import raftlab.linearizability.Operation;

/**
 * The definition, run literally for a nondeterministic object: try every order of the operations that respects real
 * time, and at each step every outcome, on one concrete state of all registers, with no power set, partitioning or
 * memo. Exponential; for histories of up to about eight operations.
 */
final class NondeterministicOracle {

    private NondeterministicOracle() {}

    static boolean linearizable(List<Operation<RegisterOp, Integer>> history) {
        return search(history, (1 << history.size()) - 1, new HashMap<>());
    }

    private static boolean search(List<Operation<RegisterOp, Integer>> h, int remaining, Map<Integer, Integer> regs) {
        if (remaining == 0) {
            return true;
        }
        for (int i = 0; i < h.size(); i++) {
            if ((remaining & (1 << i)) == 0 || !minimal(h, remaining, i)) {
                continue;
            }
            Operation<RegisterOp, Integer> op = h.get(i);
            int key = op.input().key();
            int before = regs.getOrDefault(key, 0);
            for (int after : EitherRegisterModel.outcomes(before, op.input(), op.output())) {
                regs.put(key, after);
                if (search(h, remaining & ~(1 << i), regs)) {
                    return true;
                }
            }
            regs.put(key, before);
        }
        return false;
    }

    /** No other remaining operation returned strictly before {@code i} was called (intervals are closed). */
    private static boolean minimal(List<Operation<RegisterOp, Integer>> h, int remaining, int i) {
        for (int j = 0; j < h.size(); j++) {
            if (j != i && (remaining & (1 << j)) != 0 && h.get(j).returned() < h.get(i).call()) {
                return false;
            }
        }
        return true;
    }
}
