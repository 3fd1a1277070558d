package raftlab.tester;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One line under each of MIT's terse failure messages, saying what it means and what usually causes it (raftlab's
 * own; MIT's message itself stays word for word on the line above). The causes are those of the debugging handout's
 * "classic bugs" table.
 */
final class Explanations {

    private record Hint(Pattern message, String meaning) {}

    private static final List<Hint> HINTS = List.of(
            hint("one\\(.*\\) failed to reach agreement",
                    "no leader got the command applied by enough servers in time (10 s, or 2 s without retry). Usual "
                            + "causes: no stable leader (elections keep restarting), entries not sent to followers "
                            + "or commitIndex not advanced, a lock held across an RPC, an applier that stopped."),
            hint("only \\d+ decided for index \\d+; wanted \\d+",
                    "fewer servers than expected applied this index while the tester waited. Usual causes: a "
                            + "follower not brought up to date (nextIndex stuck, backup too slow), followers that "
                            + "never learn the commit index (only the next AppendEntries tells them), an applier "
                            + "that stopped."),
            hint("expected one leader, got none",
                    "no connected server claimed leadership for about 5 s. Usual causes: split votes (timeouts "
                            + "not random enough), votes never granted (the up-to-date check, §5.4.1), replies "
                            + "ignored, a lock held across an RPC."),
            hint("term \\d+ has \\d+ \\(>1\\) leaders",
                    "two servers said they lead the same term (Election Safety, §5.2). Usual causes: a vote "
                            + "granted twice in one term, a leader that keeps its role after adopting a higher term."),
            hint("\\d+ committed but no majority",
                    "servers applied an index that only a minority could hold. Usual causes: commitIndex advanced "
                            + "without a majority's matchIndex (§5.3), or a follower applying past leaderCommit."),
            hint("servers disagree on term",
                    "connected servers should share one term once an election settles. Usual causes: a peer that "
                            + "does not adopt a higher term seen in a request or reply (§5.1), endless elections."),
            hint("term changed too often",
                    "the term rose although the network was reliable and the leader alive. Usual causes: election "
                            + "timeout too short, or not reset by AppendEntries from the current leader."),
            hint("too many RPCs \\(\\d+\\) for 1 second of idleness",
                    "an idle leader should send about 10 heartbeats a second to each follower, no more. Usual "
                            + "causes: heartbeats in a tight loop, a resend on every tick, elections while idle."),
            hint("too many RPCs \\(\\d+\\) for \\d+ entries",
                    "agreement on a few entries should cost a few RPCs each. Usual causes: one RPC per entry per "
                            + "tick, resending everything on every start(), retries without waiting for a reply."),
            hint("apply out of order|apply error",
                    "applyCh must carry each index once, in order, from 1 (or right after a snapshot) in each "
                            + "incarnation. Usual causes: several applier threads, lastApplied moved by a snapshot "
                            + "or a restart, an applier that skips or repeats an index."),
            hint("commit index=\\d+ server=\\d+",
                    "two servers applied different commands at one index (State Machine Safety, §5.4.3). Usual "
                            + "causes: committing an earlier term's entry by counting replicas (Figure 8, §5.4.2), "
                            + "truncating a log that matched, a vote for an out-of-date candidate."),
            hint("logs were not trimmed|Log size too large|snapshot too large",
                    "the persisted state grew past the bound. Usual causes: snapshot() not discarding the log "
                            + "through its index, the trimmed log not persisted, a snapshot never taken or restored."),
            hint("Wrong number of puts",
                    "the key's final version does not match the Puts the clients saw succeed (Nok) or maybe "
                            + "succeed (Nmaybe). Usual causes: a Put applied twice or lost, an OK answered for a Put "
                            + "that did not commit, an ErrVersion where a retry should get ErrMaybe."),
            hint("history is not linearizable",
                    "no single-copy order explains the operations the clients saw. Usual causes: a Get answered "
                            + "from local state without going through the log, an answer for another command at the "
                            + "same index, duplicates applied twice; open the history view to see the operations."),
            hint("test took longer than \\d+ seconds",
                    "the test hung or crawled. Usual causes: a deadlock (a lock held across an RPC or an applyCh "
                            + "send), a checker waiting for agreement that never comes; the thread dump shows where "
                            + "each thread waits."));

    private Explanations() {}

    private static Hint hint(String regex, String meaning) {
        return new Hint(Pattern.compile(regex), meaning);
    }

    /** {@return "\n  what it means: ..." for a message MIT leaves terse, or "" if there is nothing to add} */
    static String lineFor(String message) {
        for (Hint h : HINTS) {
            if (h.message().matcher(message).find()) {
                return "\n  what it means: " + h.meaning();
            }
        }
        return "";
    }
}
