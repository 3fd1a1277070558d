package raftlab.kvraft;

/**
 * The key/value service's error values, named as MIT's {@code rpc.Err} so that logs and histories read like the
 * lab's. Servers answer {@link #OK}, {@link #ErrNoKey}, {@link #ErrVersion} and {@link #ErrWrongLeader}; only the
 * clerk answers {@link #ErrMaybe}, and it never passes {@link #ErrWrongLeader} on to its caller.
 */
public enum Err {
    /** Done: the operation was applied (or, for a Get, found). */
    OK,
    /** Get or Put of a key that does not exist (a Put creates a key only with version 0). */
    ErrNoKey,
    /** A Put's version did not match the key's: not applied. */
    ErrVersion,
    /** Clerk only: a re-sent Put got {@link #ErrVersion}, so an earlier attempt may or may not have been applied. */
    ErrMaybe,
    /** This server is not the leader, or lost leadership before the operation committed: try another server. */
    ErrWrongLeader
}
