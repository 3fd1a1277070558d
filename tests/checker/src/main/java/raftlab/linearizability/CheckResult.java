package raftlab.linearizability;

/** The verdict of a linearizability check. */
public enum CheckResult {
    /** Some order of the operations, consistent with real time, is legal for the model. */
    OK,
    /** No such order exists: the history is not linearizable. */
    ILLEGAL,
    /**
     * The check timed out (or was cancelled) before it found a verdict. Like MIT's tester, a caller may read it as
     * "no violation found within the time limit".
     */
    UNKNOWN
}
