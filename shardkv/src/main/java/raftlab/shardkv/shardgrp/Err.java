package raftlab.shardkv.shardgrp;

/**
 * The error values of Lab 5's shard groups and of the shardkv clerk, named as MIT's {@code rpc.Err}: Lab 4's
 * ({@code raftlab.kvraft.Err}) plus {@link #ErrWrongGroup}.
 *
 * <p>Why one type of its own rather than Lab 4's plus a second one for the group check: a Get or Put reply has one
 * {@code err}, and "this group does not serve that key's shard" is one more answer to the same question, as in MIT's
 * lab (one {@code rpc.Err}). Lab 4's type stays free of a value Lab 4 never answers. (The controller also talks to
 * Lab 2's configuration store, whose answers are Lab 2's {@code raftlab.kvsrv.Err}: that is the store's type, not
 * the group's.)
 */
public enum Err {
    /** Done: the operation was applied (or, for a Get, found). */
    OK,
    /** Get or Put of a key that does not exist (a Put creates a key only with version 0). */
    ErrNoKey,
    /** A Put's version did not match the key's, or a shard request is older than one the group has seen. */
    ErrVersion,
    /** Clerk only: a re-sent Put got {@link #ErrVersion}, so an earlier attempt may or may not have been applied. */
    ErrMaybe,
    /** This server is not the group's leader, or no leader answered: try another server (or give up). */
    ErrWrongLeader,
    /** The group does not serve the key's shard (when the operation was applied): re-read the configuration. */
    ErrWrongGroup
}
