//+solution-file
package raftlab.raft;

import java.io.Serializable;

/**
 * One log entry: the command and the term in which a leader received it (Figure 2, "log[]").
 *
 * <p>{@link Serializable} only for the placeholder codec (java.io serialization); the compact codec copies records
 * without it.
 *
 * @param term    the leader's term when the entry was created
 * @param command the client's command, already a codec copy of what {@code start} was given
 */
public record LogEntry(int term, Object command) implements Serializable {}
