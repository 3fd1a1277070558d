package raftlab.linearizability;

import java.util.List;
import java.util.Optional;

/**
 * What the verbose check learned about one partition.
 *
 * @param result                {@link CheckResult#UNKNOWN} if its search did not finish (timeout, or cancelled
 *                              because another partition was illegal)
 * @param operations            the partition's operations, as indexes into the checked history
 * @param partialLinearizations the distinct longest partial linearizations found, longest first, each an order of
 *                              history indexes that the model accepts from its initial state; for a legal partition a
 *                              single complete one
 * @param witness               a complete linearization, when the partition is legal
 */
public record PartitionResult(CheckResult result, List<Integer> operations,
                              List<List<Integer>> partialLinearizations, Optional<List<Integer>> witness) {

    public PartitionResult {
        operations = List.copyOf(operations);
        partialLinearizations = partialLinearizations.stream().map(List::copyOf).toList();
    }
}
