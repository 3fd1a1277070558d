package raftlab.raft;

import java.util.Arrays;
import raftlab.labrpc.codec.Codec;
import raftlab.labrpc.codec.CodecException;
import raftlab.tester.monitor.RaftMonitor;

/**
 * Tells the invariant monitor which index each saved snapshot goes through. In the Raft tests every snapshot is the
 * tester's own {@link RaftTestServer.SnapshotImage}, so the index can be read back; a save that repeats the previous
 * snapshot (most saves do) is not decoded again.
 */
final class SnapshotIndex {

    private final RaftMonitor.Peer watch;
    private byte[] last = new byte[0];    // guarded by the persister's lock: saves of one persister never overlap
    private int lastIndex;

    SnapshotIndex(RaftMonitor.Peer watch) {
        this.watch = watch;
    }

    /** The persister saved {@code snapshot}. */
    void saved(byte[] raftState, byte[] snapshot) {
        if (!Arrays.equals(snapshot, last)) {
            last = snapshot;
            lastIndex = of(snapshot);
        }
        if (lastIndex >= 0) {
            watch.saved(lastIndex);
        }
    }

    /** {@return the last index {@code snapshot} includes: 0 if empty, -1 if it is not a tester snapshot} */
    static int of(byte[] snapshot) {
        if (snapshot.length == 0) {
            return 0;
        }
        try {
            return Codec.decode(snapshot, RaftTestServer.SnapshotImage.class).lastIncludedIndex();
        } catch (CodecException | ClassCastException e) {
            return -1;    // the applier reports a snapshot it cannot decode when it restores it
        }
    }
}
