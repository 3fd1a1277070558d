package raftlab.tester;

import java.util.Objects;

/**
 * One entry of a test's {@link Timeline}: a point or an interval on one row ({@code tag}) of the visualization.
 *
 * @param tag         the row it belongs to, e.g. {@link Timeline#TAG_CHECKER}
 * @param startNanos  when it began, in nanoseconds since the Unix epoch
 * @param endNanos    when it ended; equal to {@code startNanos} for a point
 * @param description the short text shown in the box
 * @param details     the longer text shown on hover
 * @param kind        what sort of event it is, which decides its colour
 */
public record TimelineEvent(String tag, long startNanos, long endNanos, String description, String details,
                            Kind kind) {

    /** The sorts of events, with the background colours MIT's annotations use. */
    public enum Kind {
        INFO("#FAFAFA"),
        NEUTRAL("#FFECB3"),
        SUCCESS("#C8E6C9"),
        FAILURE("#FFCDD2"),
        FAULT("#B3E5FC"),
        USER("#FFF176");

        private final String color;

        Kind(String color) {
            this.color = color;
        }

        /** {@return the background colour, as {@code #RRGGBB}} */
        public String color() {
            return color;
        }
    }

    public TimelineEvent {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(kind, "kind");
    }

    /** {@return whether this event is a point rather than an interval} */
    public boolean isPoint() {
        return endNanos == startNanos;
    }
}
