package raftlab.linearizability.kvlog;

/** A Get, Put or Append request of a recorded kv log. */
public sealed interface LogKvInput permits LogKvInput.Get, LogKvInput.Put, LogKvInput.Append {

    /** {@return the key} */
    String key();

    record Get(String key) implements LogKvInput {}

    record Put(String key, String value) implements LogKvInput {}

    record Append(String key, String value) implements LogKvInput {}
}
