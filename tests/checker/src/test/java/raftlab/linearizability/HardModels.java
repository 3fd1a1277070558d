package raftlab.linearizability;

import java.util.ArrayList;
import java.util.List;

/** Models and histories built to be slow, illegal or badly behaved, for the checker's failure paths. */
final class HardModels {

    private HardModels() {}

    /** An operation on partition {@code part}; it is legal iff {@code legal}. */
    record Op(String part, int id, boolean legal) {}

    /**
     * Every legal operation is allowed in any order, and the state remembers the order, so no two orders meet in the
     * memo: n concurrent operations followed by one illegal operation cost n! steps before the verdict.
     */
    static class OrderModel implements Model<List<Integer>, Op, Boolean> {
        @Override
        public List<Integer> init() {
            return List.of();
        }

        @Override
        public Step<List<Integer>> step(List<Integer> state, Op input, Boolean output) {
            if (!input.legal()) {
                return Step.illegal();
            }
            List<Integer> next = new ArrayList<>(state);
            next.add(input.id());
            return Step.to(List.copyOf(next));
        }

        @Override
        public List<List<Operation<Op, Boolean>>> partition(List<Operation<Op, Boolean>> history) {
            return Partitions.byKey(history, Op::part);
        }
    }

    /** {@code n} mutually concurrent legal operations, then (after all returned) one illegal one: n! to refute. */
    static List<Operation<Op, Boolean>> hardPartition(String part, int n) {
        List<Operation<Op, Boolean>> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(new Operation<>(i, new Op(part, i, true), 0, true, 100));
        }
        ops.add(new Operation<>(n, new Op(part, n, false), 200, true, 300));
        return ops;
    }

    /** One illegal operation: refuted at once. */
    static List<Operation<Op, Boolean>> easyIllegalPartition(String part) {
        return List.of(new Operation<>(99, new Op(part, 0, false), 0, true, 10));
    }

    /** Names of the checker's pool threads still alive. */
    static List<String> liveCheckerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("linearizability-check-")).toList();
    }
}
