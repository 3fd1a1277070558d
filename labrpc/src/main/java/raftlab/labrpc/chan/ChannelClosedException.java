package raftlab.labrpc.chan;

/**
 * Thrown by {@link Channel#send} when the channel is closed before or while the value is handed over (Go panics in
 * the same situation). A sender that can race with {@code close()}, such as a Raft applier racing with
 * {@code kill()}, catches it and stops.
 */
public final class ChannelClosedException extends IllegalStateException {

    ChannelClosedException(String message) {
        super(message);
    }
}
