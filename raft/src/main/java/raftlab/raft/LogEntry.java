package raftlab.raft;

/**
 * One log entry: the command and the term in which a leader received it (Figure 2, "log[]"). Kit-owned, because
 * {@link RaftMessage.AppendEntriesArgs} carries entries and the tester reads them.
 *
 * @param term    the leader's term when the entry was created
 * @param command the client's command, already a codec copy of what {@code start} was given
 */
public record LogEntry(int term, Object command) {}
