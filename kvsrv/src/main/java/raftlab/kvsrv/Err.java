package raftlab.kvsrv;

/**
 * The error values of Lab 2's key/value service, spelled as MIT's {@code rpc.Err} so that logs and histories read like
 * the lab's. The server answers {@link #OK}, {@link #ErrNoKey} and {@link #ErrVersion}; only the {@link Clerk}
 * returns {@link #ErrMaybe}.
 *
 * <p>MIT's {@code rpc} package also declares {@code ErrWrongLeader} and {@code ErrWrongGroup} for Labs 4 and 5; in
 * this kit Lab 4's service has its own {@code raftlab.kvraft.Err} (with {@code ErrWrongLeader}) and Lab 5's its own
 * {@code raftlab.shardkv.shardgrp.Err} (with both): this module depends on the network only.
 */
public enum Err {
    /** Done: the Put was applied, or the Get found the key. */
    OK,
    /** Get of a key that does not exist, or Put with a version other than 0 to a key that does not exist. */
    ErrNoKey,
    /** A Put's version did not match the key's: not applied. */
    ErrVersion,
    /** Clerk only: a re-sent Put got {@link #ErrVersion}, so an earlier attempt may or may not have been applied. */
    ErrMaybe
}
