package raftlab.linearizability.kvlog;

/**
 * A reply of a recorded kv log: the value a Get read ({@code ""} for Put and Append, whose reply carries nothing).
 * {@code value == null} means no reply was recorded (a call still open at the end of the log): any value is legal.
 */
public record LogKvOutput(String value) {

    /** The reply of a call that never returned. */
    public static final LogKvOutput UNKNOWN = new LogKvOutput(null);
    /** The reply of a Put or Append. */
    public static final LogKvOutput NONE = new LogKvOutput("");
}
