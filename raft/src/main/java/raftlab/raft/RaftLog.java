//+solution-file
package raftlab.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The log of one peer, with its compacted prefix (§7): entries {@code snapshotIndex + 1 .. lastIndex} in memory, and
 * the index and term of the last entry the snapshot replaced.
 *
 * <p>Index 0 is the "dummy entry" of MIT's hints: a fresh log has {@code snapshotIndex = 0, snapshotTerm = 0}, so
 * {@code termAt(lastIndex())} and {@code termAt(prevIndex)} work without special cases, and after compaction the
 * snapshot's last entry plays the same role.
 *
 * <p>Not thread-safe: {@link RaftNode} guards it with its lock. Indices are Raft log indices everywhere; nothing
 * outside this class sees a list position.
 */
final class RaftLog {

    private int snapshotIndex;
    private int snapshotTerm;
    private ArrayList<LogEntry> entries;

    /** An empty log: only the dummy entry at index 0, term 0. */
    RaftLog() {
        this(0, 0, List.of());
    }

    /** A log restored from stable storage: {@code entries} follow the snapshot's last entry. */
    RaftLog(int snapshotIndex, int snapshotTerm, List<LogEntry> entries) {
        if (snapshotIndex < 0 || snapshotTerm < 0) {
            throw new IllegalArgumentException("negative snapshot index/term: " + snapshotIndex + "/" + snapshotTerm);
        }
        this.snapshotIndex = snapshotIndex;
        this.snapshotTerm = snapshotTerm;
        this.entries = new ArrayList<>(entries);
    }

    /** {@return the index of the last entry the snapshot covers (0 without a snapshot)} */
    int snapshotIndex() {
        return snapshotIndex;
    }

    /** {@return the term of the entry at {@link #snapshotIndex()}} */
    int snapshotTerm() {
        return snapshotTerm;
    }

    /** {@return the first index held in memory; {@code lastIndex() + 1} when none is} */
    int firstIndex() {
        return snapshotIndex + 1;
    }

    /** {@return the index of the last entry, counting the snapshot} */
    int lastIndex() {
        return snapshotIndex + entries.size();
    }

    /** {@return the term of the last entry (the snapshot's when the in-memory part is empty)} */
    int lastTerm() {
        return termAt(lastIndex());
    }

    /** {@return whether {@code index} is in memory or is the snapshot's last entry, so its term is known} */
    boolean hasTermAt(int index) {
        return index >= snapshotIndex && index <= lastIndex();
    }

    /**
     * {@return the term of the entry at {@code index}}
     *
     * @throws IndexOutOfBoundsException if the term is not known (compacted away or beyond the end)
     */
    int termAt(int index) {
        if (index == snapshotIndex) {
            return snapshotTerm;
        }
        return entry(index).term();
    }

    /**
     * {@return the entry at {@code index}}
     *
     * @throws IndexOutOfBoundsException if it is not in memory
     */
    LogEntry entry(int index) {
        if (index < firstIndex() || index > lastIndex()) {
            throw new IndexOutOfBoundsException("log index " + index + " not in [" + firstIndex() + ", "
                    + lastIndex() + "]");
        }
        return entries.get(index - firstIndex());
    }

    /** {@return a copy of the entries from {@code from} to the end; {@code from} must be in memory or lastIndex + 1} */
    List<LogEntry> slice(int from) {
        return slice(from, lastIndex() + 1);
    }

    /** {@return a copy of the entries in {@code [from, to)}} */
    List<LogEntry> slice(int from, int to) {
        if (from < firstIndex() || to > lastIndex() + 1 || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of log [" + firstIndex() + ", "
                    + lastIndex() + "]");
        }
        return List.copyOf(entries.subList(from - firstIndex(), to - firstIndex()));
    }

    /** {@return every in-memory entry, a copy (for persisting)} */
    List<LogEntry> entries() {
        return List.copyOf(entries);
    }

    /** Appends {@code entry} at {@code lastIndex() + 1}; returns its index. */
    int append(LogEntry entry) {
        entries.add(entry);
        return lastIndex();
    }

    /**
     * Deletes the entry at {@code from} and all that follow it.
     *
     * @throws IndexOutOfBoundsException if {@code from} is in the snapshot (committed entries are never deleted)
     */
    void truncateFrom(int from) {
        if (from < firstIndex() || from > lastIndex() + 1) {
            throw new IndexOutOfBoundsException("truncate from " + from + " of log [" + firstIndex() + ", "
                    + lastIndex() + "]");
        }
        entries.subList(from - firstIndex(), entries.size()).clear();
    }

    /**
     * Discards every entry up to and including {@code index}, which becomes the snapshot's last entry. Copies the
     * rest into a new list, so the discarded entries can really be garbage-collected.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in memory
     */
    void compact(int index) {
        int term = termAt(index);
        ArrayList<LogEntry> rest = new ArrayList<>(entries.subList(index - firstIndex() + 1, entries.size()));
        snapshotIndex = index;
        snapshotTerm = term;
        entries = rest;
    }

    /**
     * Adopts a snapshot received from the leader whose last entry is {@code (index, term)} (§7): if this log holds
     * an entry with that index and term, the entries after it are kept (they may be newer than the snapshot);
     * otherwise the whole log is discarded.
     */
    void installSnapshot(int index, int term) {
        if (hasTermAt(index) && termAt(index) == term) {
            if (index > snapshotIndex) {
                compact(index);
            }
            return;
        }
        snapshotIndex = index;
        snapshotTerm = term;
        entries = new ArrayList<>();
    }

    @Override
    public String toString() {
        return "RaftLog[snapshot=" + snapshotIndex + "/" + snapshotTerm + ", last=" + lastIndex() + "]";
    }
}
