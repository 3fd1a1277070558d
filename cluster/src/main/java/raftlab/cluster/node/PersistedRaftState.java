package raftlab.cluster.node;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import raftlab.labrpc.codec.Codec;
import raftlab.raft.LogEntry;

/**
 * What a node's persisted Raft state says about its log, read from the bytes it saved (never from inside the
 * student's {@code RaftNode}): the state is a record of the student's own design, encoded with the kit's codec, so
 * it decodes to that record. The log size is the number of {@link LogEntry} values anywhere in it; the snapshot index
 * is the int component named like Figure 13's {@code lastIncludedIndex} or a {@code snapshotIndex} (any case).
 *
 * @param logEntries    {@link LogEntry} values in the state (-1 if the state could not be decoded)
 * @param snapshotIndex the last index the snapshot covers (-1 if the state names none this reader recognises)
 */
public record PersistedRaftState(int logEntries, int snapshotIndex) {

    static final PersistedRaftState UNKNOWN = new PersistedRaftState(-1, -1);

    /** {@return what {@code raftState} shows; {@code (0, 0)} for an empty state} */
    public static PersistedRaftState read(byte[] raftState) {
        if (raftState.length == 0) {
            return new PersistedRaftState(0, 0);
        }
        Object state;
        try {
            state = Codec.decode(raftState, Object.class);
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
        int[] found = {0, -1};   // entries, snapshot index
        walk(state, found, 0);
        return new PersistedRaftState(found[0], found[1]);
    }

    private static void walk(Object value, int[] found, int depth) {
        if (value == null || depth > 4) {
            return;
        }
        if (value instanceof LogEntry) {
            found[0]++;
        } else if (value instanceof Collection<?> c) {
            for (Object v : c) {
                walk(v, found, depth + 1);
            }
        } else if (value instanceof Object[] a) {
            for (Object v : a) {
                walk(v, found, depth + 1);
            }
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> walk(v, found, depth + 1));
        } else if (value instanceof Record r) {
            for (RecordComponent component : r.getClass().getRecordComponents()) {
                Object v;
                try {
                    var accessor = component.getAccessor();
                    accessor.setAccessible(true);   // the student's record may be private to its package
                    v = accessor.invoke(r);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                if (v instanceof Integer i && isSnapshotIndex(component.getName()) && found[1] < 0) {
                    found[1] = i;
                } else {
                    walk(v, found, depth + 1);
                }
            }
        }
    }

    private static boolean isSnapshotIndex(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("lastincludedindex") || (n.contains("snapshot") && n.contains("index"));
    }
}
