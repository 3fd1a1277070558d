package raftlab.linearizability.kv;

/** One key's state: its value and version; a key never written is {@code ("", 0)}. */
public record KvState(String value, long version) {

    static final KvState INITIAL = new KvState("", 0);
}
