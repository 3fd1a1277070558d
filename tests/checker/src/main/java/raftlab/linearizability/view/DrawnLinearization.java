package raftlab.linearizability.view;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import raftlab.linearizability.Model;
import raftlab.linearizability.Operation;
import raftlab.linearizability.Step;

/**
 * One partial linearization as the view draws it: the operations in order, each one's linearization point (column
 * and slot), the states before and after each, and the operations that could have come next but are illegal in the
 * final state (the red points).
 *
 * <p>The states are found by replaying the model from its initial state, as Porcupine's view does; the checker only
 * records orders. Each point goes in the first column at or after both its operation's start and the previous point:
 * since the order respects real time, that column is always before the operation's end.
 */
final class DrawnLinearization {

    final String id;
    final int partition;
    final int rank;
    final List<Integer> ops;
    final List<String> before = new ArrayList<>();
    final List<String> after = new ArrayList<>();
    final int[] lpCol;
    final int[] lpSlot;
    final List<Integer> illegalNext = new ArrayList<>();
    final List<Integer> illegalCol = new ArrayList<>();
    final List<Integer> illegalSlot = new ArrayList<>();
    final String finalState;

    <S, I, O> DrawnLinearization(int partition, int rank, List<Integer> ops, List<Integer> partitionOps,
                                 List<Operation<I, O>> history, Model<S, I, O> model) {
        this.id = partition + "-" + rank;
        this.partition = partition;
        this.rank = rank;
        this.ops = ops;
        lpCol = new int[ops.size()];
        lpSlot = new int[ops.size()];
        S state = model.init();
        for (int op : ops) {
            Operation<I, O> o = history.get(op);
            before.add(model.describeState(state));
            state = switch (model.step(state, o.input(), o.output())) {
                case Step.Legal<S> legal -> legal.next();
                case Step.Illegal<S> illegal -> throw new IllegalStateException(
                        "replaying a partial linearization: the model rejects operation " + op + " (" + o.input()
                                + " -> " + o.output() + ") it accepted during the check; is its step deterministic?");
            };
            after.add(model.describeState(state));
        }
        finalState = model.describeState(state);

        Set<Integer> in = new HashSet<>(ops);
        long firstReturn = Long.MAX_VALUE;
        for (int op : partitionOps) {
            if (!in.contains(op)) {
                firstReturn = Math.min(firstReturn, history.get(op).returned());
            }
        }
        for (int op : partitionOps) {
            Operation<I, O> o = history.get(op);
            if (!in.contains(op) && o.call() <= firstReturn
                    && model.step(state, o.input(), o.output()) instanceof Step.Illegal<S>) {
                illegalNext.add(op);
            }
        }
    }

    /** Assigns each point its column and slot, counting the slots used per column in {@code slotsUsed}. */
    void place(Timeline timeline, int[] opBox, int[] slotsUsed) {
        int[] mine = new int[slotsUsed.length];
        int col = 0;
        for (int j = 0; j < ops.size(); j++) {
            col = Math.max(col, timeline.startCol(opBox[ops.get(j)]));
            lpCol[j] = col;
            lpSlot[j] = mine[col]++;
            slotsUsed[col] = Math.max(slotsUsed[col], mine[col]);
        }
        // Red points go in the slot after this linearization's own points in their column; they sit on different
        // operations, so on different rows, and can share it.
        for (int op : illegalNext) {
            int c = Math.max(col, timeline.startCol(opBox[op]));
            illegalCol.add(c);
            illegalSlot.add(mine[c]);
            slotsUsed[c] = Math.max(slotsUsed[c], mine[c] + 1);
        }
    }
}
