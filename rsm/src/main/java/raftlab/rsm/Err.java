package raftlab.rsm;

/**
 * The error values of the RSM and of the services built on it, named as MIT's {@code rpc.Err} so that logs and
 * histories read like the lab's. {@link Rsm#submit} answers only {@link #OK} and {@link #ErrWrongLeader}; the
 * key/value service uses the others.
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
    /** This peer is not the leader, or lost leadership before the operation committed: try another server. */
    ErrWrongLeader,
    /** Sharded KV only (not in Lab 4): the key belongs to another group. */
    ErrWrongGroup
}
