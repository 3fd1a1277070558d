package raftlab.labrpc.codec;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Internal: a value that cannot be encoded, travelling up through the nested records and collections that contain
 * it. Each level adds its part of the field path on the way out ({@link #under}, {@link #at}); the top-level
 * encode turns it into a {@link CodecException} whose message reads like
 * {@code raft.LogEntry.command -> MyCmd.lock: ...}.
 */
final class EncodeFailure extends RuntimeException {

    private final String reason;
    private final Deque<Segment> path = new ArrayDeque<>();
    private String pendingIndex = "";

    /** One step of the path: a record component, with the collection indexes reached through it. */
    private record Segment(Class<?> owner, String component, String index) {}

    EncodeFailure(String reason) {
        super(reason, null, false, false);   // no stack trace: it never escapes this package
        this.reason = reason;
    }

    /** The failure happened inside component {@code component} of record class {@code owner}. */
    EncodeFailure under(Class<?> owner, String component) {
        path.addFirst(new Segment(owner, component, pendingIndex));
        pendingIndex = "";
        return this;
    }

    /** The failure happened inside element {@code index} (e.g. {@code [3]}) of a collection or array. */
    EncodeFailure at(String index) {
        pendingIndex = index + pendingIndex;
        return this;
    }

    CodecException toCodecException(Object topValue) {
        StringBuilder where = new StringBuilder();
        for (Segment s : path) {
            if (!where.isEmpty()) {
                where.append(" -> ");
            }
            where.append(Plans.displayName(s.owner(), where.isEmpty())).append('.').append(s.component())
                    .append(s.index());
        }
        if (where.isEmpty()) {
            where.append("a ").append(topValue.getClass().getName()).append(pendingIndex);
        } else if (!pendingIndex.isEmpty()) {
            where.insert(0, pendingIndex + " -> ");
        }
        return new CodecException("Codec cannot encode " + where + ": " + reason);
    }
}
