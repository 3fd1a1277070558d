/**
 * Chaos runs: concurrent clients against a running cluster while a {@link raftlab.cluster.chaos.Nemesis} kills,
 * pauses and partitions nodes; the recorded history is checked with the kit's linearizability checker.
 */
package raftlab.cluster.chaos;
