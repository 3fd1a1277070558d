package raftlab.linearizability.kv;

/** A clerk's request. */
public sealed interface KvInput permits KvInput.Get, KvInput.Put {

    /** {@return the key the request is about; the partition it belongs to} */
    String key();

    /** Read {@code key}. */
    record Get(String key) implements KvInput {}

    /** Write {@code value} to {@code key} if the key's version is {@code version}. */
    record Put(String key, String value, long version) implements KvInput {}
}
