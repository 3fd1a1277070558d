package raftlab.raft;

/**
 * What Raft delivers on {@code applyCh}: either a committed command or a snapshot to install.
 *
 * <pre>{@code
 * for (ApplyMsg msg : applyCh) {
 *     switch (msg) {
 *         case ApplyMsg.Command c  -> apply(c.index(), c.command());
 *         case ApplyMsg.Snapshot s -> restore(s.index(), s.snapshot());
 *     }
 * }
 * }</pre>
 */
public sealed interface ApplyMsg {

    /**
     * A committed command.
     *
     * @param index   its log index; consecutive from one message to the next
     * @param command the command as passed to {@link Raft#start(Object)} (a copy)
     */
    record Command(int index, Object command) implements ApplyMsg {}

    /**
     * A snapshot received from the leader, to replace the service's state (3D).
     *
     * @param index    the last log index the snapshot includes
     * @param term     the term of that entry
     * @param snapshot the service's snapshot bytes
     */
    record Snapshot(int index, int term, byte[] snapshot) implements ApplyMsg {}
}
