package raftlab.linearizability.view;

import java.util.List;

/**
 * The data the page's script reads (as JSON) for its tooltips and highlighting. Everything drawn is already in the
 * SVG; this only carries the text shown on hover.
 */
record ViewData(String verdict, List<Op> ops, List<Ann> annotations, List<Lin> linearizations) {

    /**
     * One operation.
     *
     * @param lin        id of the longest drawn partial linearization containing it, or {@code null}
     * @param before     state before it in that linearization
     * @param after      state after it
     * @param illegalIn  ids of the drawn linearizations in which it is an illegal next step
     */
    record Op(String label, int client, String call, String ret, int partition, String partitionResult, String lin,
              String before, String after, List<String> illegalIn) {}

    record Ann(String tag, String description, String details, String start, String end) {}

    /**
     * One drawn partial linearization.
     *
     * @param finalState the state after its last operation: the one in which the red operations are illegal
     */
    record Lin(String id, int partition, int rank, int length, String finalState) {}
}
