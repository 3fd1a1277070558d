package raftlab.tester.monitor;

/**
 * The safety rules the {@link RaftMonitor} checks, each with its place in the paper (Ongaro and Ousterhout, "In Search
 * of an Understandable Consensus Algorithm", extended version) and one line on what breaking it usually means.
 */
public enum Rule {

    ONE_VOTE_PER_TERM("Election Safety: a peer votes at most once per term, also across restarts", "§5.2, Figure 2",
            "votedFor not persisted before the vote leaves the peer, not restored by readPersist, or reset while the "
                    + "term stays the same"),
    LEADER_NEEDS_MAJORITY("a candidate becomes leader only with votes from a majority in its own term", "§5.2",
            "counting a reply to an earlier RequestVote (check the reply's term and your current term), counting "
                    + "denied votes, or counting one voter twice"),
    ONE_LEADER_PER_TERM("Election Safety: at most one leader per term", "§5.2",
            "two candidates won the same term: usually a vote granted twice, or a leader that kept its role after "
                    + "it adopted a new term"),
    SENDER_ID("candidateId and leaderId name the peer that sends the request", "Figure 2",
            "the peer filled in a wrong id (a loop variable, the target's index instead of me)"),
    TERM_ADOPTED("a peer that sees a higher term adopts it before it replies", "§5.1, Figure 2 (all servers)",
            "the handler answered with its old term instead of first setting currentTerm = args.term"),
    STALE_TERM_REJECTED("a request from an older term is refused", "§5.1, Figure 2 (receiver implementation, 1.)",
            "a granted vote or a successful AppendEntries for a request whose term is below the receiver's"),
    LOG_MATCHING("Log Matching: two entries with the same index and term hold the same command", "§5.3",
            "an index off by one between start(), nextIndex, prevLogIndex and the entries sent, or a leader "
                    + "that put two commands at one index"),
    ENTRY_TERM("a leader's log holds no entry from a term after its own", "§5.3",
            "an entry created with a wrong term, or AppendEntries sent with a stale term but a newer log"),
    COMMIT_EXISTS("leaderCommit never names an index that no leader has created", "§5.3, Figure 2",
            "commitIndex set past the end of the log (e.g. leaderCommit without the min rule, or an index off by one)"),
    APPLIED_FORWARD("the applied index never moves backwards within one incarnation",
            "Figure 2 (all servers: lastApplied)",
            "lastApplied reset (by a snapshot, a new term or a reply) below what was already delivered on applyCh"),
    SNAPSHOT_FORWARD("a snapshot never rolls applied state back", "§7",
            "installing a leader's snapshot that is older than what this peer already applied; refuse "
                    + "lastIncludedIndex <= commitIndex (or lastApplied)"),
    SAVED_SNAPSHOT_FORWARD("the snapshot on stable storage never moves backwards, also across restarts", "§7",
            "persister.save(state, null) after a snapshot (null erases it), or saving an older snapshot"),
    TERM_KEPT("currentTerm never decreases, also across restarts", "§5.1, Figure 2 (persistent state)",
            "currentTerm not persisted before a reply that carries it, not restored by readPersist, or lowered"),
    STATE_PERSISTED("a peer that answered an RPC restarts from the state it persisted before answering",
            "Figure 2 (persistent state: updated on stable storage before responding to RPCs), §5.2, §5.3",
            "persist() left empty or never called (3C), or readPersist reading the wrong persister; call "
                    + "persister.save(Codec.encode(state), snapshot) whenever currentTerm, votedFor or the log change");

    private final String text;
    private final String section;
    private final String causes;

    Rule(String text, String section, String causes) {
        this.text = text;
        this.section = section;
        this.causes = causes;
    }

    /** {@return the rule, in words} */
    public String text() {
        return text;
    }

    /** {@return where the paper states it} */
    public String section() {
        return section;
    }

    /** {@return what usually breaks it} */
    public String causes() {
        return causes;
    }
}
