package raftlab.linearizability.kv;

/** The KV service's error values, named as in MIT's {@code rpc.Err} so the view reads like the lab's. */
public enum Err {
    OK,
    ErrNoKey,
    /** The Put's version did not match the key's: not applied. */
    ErrVersion,
    /** A retried Put got ErrVersion: the first attempt may or may not have been applied. */
    ErrMaybe,
    ErrWrongLeader,
    ErrWrongGroup
}
