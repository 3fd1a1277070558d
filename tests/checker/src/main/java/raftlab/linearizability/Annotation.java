package raftlab.linearizability;

import java.util.Objects;

/**
 * Something that happened during a test besides the clients' operations (a partition, a crash, a restart, the
 * checker's verdict, a note), drawn in the history view on its own row, one row per {@code tag}. Annotations take no
 * part in checking.
 *
 * @param tag         the row it goes on, e.g. {@code "partition"}, {@code "crash"}, {@code "checker"}
 * @param start       when it began, in the operations' time unit ({@code Sim.nanoTime()} for recorded histories)
 * @param end         when it ended; {@code end <= start} makes it a point in time
 * @param description the short text in its box
 * @param details     the longer text shown on hover; may be empty
 * @param color       its background, any CSS colour ({@code "#f6a"}, {@code "orange"}); empty for the default grey
 */
public record Annotation(String tag, long start, long end, String description, String details, String color) {

    public Annotation {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(description, "description");
        details = details == null ? "" : details;
        color = color == null ? "" : color;
        end = Math.max(start, end);
    }

    /** {@return a point-in-time annotation with no details and the default colour} */
    public static Annotation at(String tag, long time, String description) {
        return new Annotation(tag, time, time, description, "", "");
    }

    /** {@return an interval annotation with no details and the default colour} */
    public static Annotation between(String tag, long start, long end, String description) {
        return new Annotation(tag, start, end, description, "", "");
    }
}
