package raftlab.labrpc.codec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Records and classes shared by the codec tests, shaped like what a Raft solution sends and persists. */
final class Fixtures {

    private Fixtures() {}

    record LogEntry(int term, Object command) {}

    record AppendEntries(int term, int leaderId, int prevLogIndex, int prevLogTerm, List<LogEntry> entries,
                         int leaderCommit) {}

    record Put(String key, String value) {}

    record Get(String key) {}

    enum Err { OK, NO_KEY, WRONG_LEADER }

    /** A constant with a body is an anonymous subclass of its enum; it must still travel as the enum. */
    enum Op {
        INC { @Override int apply(int x) { return x + 1; } },
        DEC { @Override int apply(int x) { return x - 1; } };

        abstract int apply(int x);
    }

    sealed interface ApplyMsg permits CommandMsg, SnapshotMsg {}

    record CommandMsg(boolean valid, Object command, int index) implements ApplyMsg {}

    /** Arrays compare by identity in a record's equals, so this one compares them by content. */
    record SnapshotMsg(byte[] snapshot, int term, int index) implements ApplyMsg {
        @Override
        public boolean equals(Object o) {
            return o instanceof SnapshotMsg s && java.util.Arrays.equals(snapshot, s.snapshot) && term == s.term
                    && index == s.index;
        }

        @Override
        public int hashCode() {
            return Objects.hash(java.util.Arrays.hashCode(snapshot), term, index);
        }
    }

    record Holder(ApplyMsg msg) {}

    record Everything(byte b, short s, char c, int i, long l, float f, double d, boolean z, Integer boxed,
                      String str, Err err, Optional<String> opt, Map<String, Integer> map, Set<Long> set,
                      List<Object> objects) {}

    record Node(int value, Node next) {}

    record Generic<T>(T value) {}

    /** A plain class that java.io could serialize: refused all the same. */
    static final class PlainCommand implements java.io.Serializable {
        int x;
    }

    /** TestCapital: the transient field would silently not travel. */
    static final class WithTransient implements java.io.Serializable {
        int kept;
        transient int lost;
    }

    record WithLock(int x, java.util.concurrent.locks.ReentrantLock lock) {}

    record WithChannel(raftlab.labrpc.chan.Channel<String> applyCh) {}

    record WithPersister(raftlab.labrpc.persist.Persister persister) {}

    record WithLinkedList(java.util.LinkedList<Integer> list) {}
}
