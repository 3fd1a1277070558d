package raftlab.linearizability;

import java.util.List;

/**
 * The verdict of a verbose check with what the view needs to explain it.
 *
 * @param result     the overall verdict
 * @param history    the operations checked (for an event history, timed by event position)
 * @param partitions one entry per non-empty partition, in the model's partition order
 */
public record VerboseResult<I, O>(CheckResult result, List<Operation<I, O>> history,
                                  List<PartitionResult> partitions) {

    public VerboseResult {
        history = List.copyOf(history);
        partitions = List.copyOf(partitions);
    }

    /** {@return whether the history was found not linearizable} */
    public boolean illegal() {
        return result == CheckResult.ILLEGAL;
    }
}
