//+solution-file
package raftlab.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static raftlab.raft.RaftRulesTest.logOf;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The log with its compacted prefix: index arithmetic around the snapshot (§7). */
class RaftLogTest {

    @Test
    @DisplayName("§5.3: a fresh log has only the dummy entry at index 0, term 0")
    void fresh() {
        RaftLog log = new RaftLog();
        assertThat(log.lastIndex()).isZero();
        assertThat(log.lastTerm()).isZero();
        assertThat(log.firstIndex()).isEqualTo(1);
        assertThat(log.slice(1)).isEmpty();
    }

    @Test
    @DisplayName("append returns the new index; termAt and entry address by Raft index")
    void appendAndRead() {
        RaftLog log = logOf(1, 1, 2);
        assertThat(log.append(new LogEntry(3, "c"))).isEqualTo(4);
        assertThat(log.termAt(4)).isEqualTo(3);
        assertThat(log.entry(4).command()).isEqualTo("c");
        assertThat(log.slice(3)).extracting(LogEntry::term).containsExactly(2, 3);
    }

    @Test
    @DisplayName("§7: compaction keeps later entries and remembers the last included index and term")
    void compact() {
        RaftLog log = logOf(1, 1, 2, 3);
        log.compact(3);
        assertThat(log.snapshotIndex()).isEqualTo(3);
        assertThat(log.snapshotTerm()).isEqualTo(2);
        assertThat(log.firstIndex()).isEqualTo(4);
        assertThat(log.lastIndex()).isEqualTo(4);
        assertThat(log.termAt(3)).isEqualTo(2);
        assertThat(log.termAt(4)).isEqualTo(3);
        assertThatThrownBy(() -> log.entry(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.termAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @DisplayName("§7: compacting the whole log leaves only the snapshot's last entry")
    void compactAll() {
        RaftLog log = logOf(1, 2);
        log.compact(2);
        assertThat(log.lastIndex()).isEqualTo(2);
        assertThat(log.lastTerm()).isEqualTo(2);
        assertThat(log.slice(3)).isEmpty();
    }

    @Test
    @DisplayName("§5.3: truncation deletes an entry and all that follow; never inside the snapshot")
    void truncate() {
        RaftLog log = logOf(1, 1, 2, 2);
        log.compact(1);
        log.truncateFrom(3);
        assertThat(log.lastIndex()).isEqualTo(2);
        assertThatThrownBy(() -> log.truncateFrom(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @DisplayName("§7: a snapshot that matches an entry keeps the entries after it")
    void installMatchingSnapshot() {
        RaftLog log = logOf(1, 1, 2, 2);
        log.installSnapshot(2, 1);
        assertThat(log.snapshotIndex()).isEqualTo(2);
        assertThat(log.lastIndex()).isEqualTo(4);
    }

    @Test
    @DisplayName("§7: a snapshot that does not match (or is beyond the log) discards the whole log")
    void installConflictingSnapshot() {
        RaftLog log = logOf(1, 1, 2, 2);
        log.installSnapshot(3, 5);
        assertThat(log.snapshotIndex()).isEqualTo(3);
        assertThat(log.lastIndex()).isEqualTo(3);
        assertThat(log.lastTerm()).isEqualTo(5);

        RaftLog shorter = logOf(1);
        shorter.installSnapshot(9, 2);
        assertThat(shorter.lastIndex()).isEqualTo(9);
        assertThat(shorter.firstIndex()).isEqualTo(10);
    }

    @Test
    @DisplayName("restoring from stable storage continues the index arithmetic")
    void restore() {
        RaftLog log = new RaftLog(10, 3, java.util.List.of(new LogEntry(3, "a"), new LogEntry(4, "b")));
        assertThat(log.firstIndex()).isEqualTo(11);
        assertThat(log.lastIndex()).isEqualTo(12);
        assertThat(log.termAt(10)).isEqualTo(3);
        assertThat(log.lastTerm()).isEqualTo(4);
    }
}
