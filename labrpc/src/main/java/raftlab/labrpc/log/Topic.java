package raftlab.labrpc.log;

/**
 * What a debug line is about. The four-letter names are the ones {@code ./lab logs} filters on ({@code -j VOTE,LEAD})
 * and colours; they follow the convention of the dslogs pretty printer used with MIT's labs.
 */
public enum Topic {
    /** A client or clerk request. */
    CLNT,
    /** Commit index moved. */
    CMIT,
    /** A message or entry dropped on purpose. */
    DROP,
    /** Something is wrong. */
    ERRO,
    /** General information. */
    INFO,
    /** Became leader, or leader actions. */
    LEAD,
    /** Log replication, leader side. */
    LOG1,
    /** Log replication, follower side. */
    LOG2,
    /** Persisted or restored state. */
    PERS,
    /** Snapshots. */
    SNAP,
    /** Term changes. */
    TERM,
    /** The tester itself; {@code ./lab logs} draws these across the full width. */
    TEST,
    /** Timers: election timeouts, heartbeats. */
    TIMR,
    /** Fine-grained tracing. */
    TRCE,
    /** Votes asked for, granted, denied or counted. */
    VOTE,
    /** Unexpected but survivable. */
    WARN
}
