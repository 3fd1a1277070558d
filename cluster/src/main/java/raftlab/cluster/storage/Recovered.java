package raftlab.cluster.storage;

/**
 * What recovery found in a data directory.
 *
 * @param raftState      the Raft state of the last valid record (empty if none)
 * @param snapshot       the snapshot that record names (empty if none)
 * @param records        how many valid records the state log holds
 * @param discardedBytes bytes after the last valid record: a torn or corrupt tail, cut off by {@link DurableStore}
 */
public record Recovered(byte[] raftState, byte[] snapshot, int records, long discardedBytes) {}
