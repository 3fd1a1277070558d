package raftlab.linearizability;

import java.util.Collection;

/**
 * How much work a search did: for judging a model (is its {@link Model#hash} good enough for the memo to work?) and
 * for tuning a history's partitioning. Counted for every check at the cost of a few increments per step; read from
 * {@link VerboseResult#statistics()} (the whole check) or {@link PartitionResult#statistics()} (one partition).
 *
 * @param steps          calls of the model's {@link Model#step}
 * @param statesExplored configurations (set of linearized operations, state) reached for the first time: the
 *                       search nodes expanded. At most {@code steps}
 * @param memoHits       legal steps that led to a configuration explored before, so the memo pruned them
 * @param backtracks     dead ends undone: the search popped its last choice and tried the next candidate
 */
public record SearchStatistics(long steps, long statesExplored, long memoHits, long backtracks) {

    /** No work: a search that never ran (an empty history). */
    public static final SearchStatistics NONE = new SearchStatistics(0, 0, 0, 0);

    public SearchStatistics {
        if (steps < 0 || statesExplored < 0 || memoHits < 0 || backtracks < 0) {
            throw new IllegalArgumentException("negative count in " + steps + "/" + statesExplored + "/" + memoHits
                    + "/" + backtracks);
        }
    }

    /** {@return the counts added up, e.g. over the partitions of one check} */
    public static SearchStatistics sum(Collection<SearchStatistics> parts) {
        long steps = 0;
        long explored = 0;
        long hits = 0;
        long backtracks = 0;
        for (SearchStatistics s : parts) {
            steps += s.steps;
            explored += s.statesExplored;
            hits += s.memoHits;
            backtracks += s.backtracks;
        }
        return new SearchStatistics(steps, explored, hits, backtracks);
    }
}
