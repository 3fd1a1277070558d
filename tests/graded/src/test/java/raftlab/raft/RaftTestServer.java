package raftlab.raft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import raftlab.labrpc.chan.Channel;
import raftlab.labrpc.codec.Codec;
import raftlab.labrpc.codec.CodecException;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;
import raftlab.labrpc.sim.Sim;
import raftlab.tester.TestService;

/**
 * The service the tests run on top of each Raft peer (MIT's {@code rfsrv} in {@code raft1/server.go}): it consumes
 * the peer's {@code applyCh}, keeps a copy of every applied command, and checks each one as it arrives:
 * <ul>
 *   <li>no other server applied a different command at the same index;</li>
 *   <li>commands arrive in order, with no gaps, from index 1 (or right after the installed snapshot);</li>
 *   <li>with snapshots on, it hands Raft a snapshot after applying each index ≡ 9 (mod 10), and checks that a
 *       snapshot message matches the index it claims.</li>
 * </ul>
 * An error does not stop the applier (Raft might block sending on {@code applyCh} while holding its lock); it is
 * recorded, the test thread is woken, and the next checker call fails the test with it.
 */
final class RaftTestServer implements TestService {

    /** What the snapshotting applier hands to Raft: the last included index and every command up to it. */
    record SnapshotImage(int lastIncludedIndex, List<Object> log) {}

    private final RaftHarness harness;
    private final int me;
    private final Persister persister;
    private volatile String applyErr;

    // Guarded by this.
    private Raft raft;
    private Map<Integer, Object> logs = new HashMap<>();   // index -> command; a snapshot's index 0 maps to null
    private int lastApplied;

    RaftTestServer(RaftHarness harness, int me, List<ClientEnd> ends, Persister persister, boolean snapshot) {
        this.harness = harness;
        this.me = me;
        this.persister = persister;
        Channel<ApplyMsg> applyCh = new Channel<>();
        this.raft = Raft.make(ends, me, persister, applyCh);
        if (snapshot) {
            byte[] saved = persister.readSnapshot();
            if (saved.length > 0) {
                // Mimic a KV server, which restores its state from the persisted snapshot before Raft sends anything.
                String err = ingestSnapshot(saved, -1);
                if (err != null) {
                    fail(err);
                }
            }
            Sim.go("applierSnap-S" + me, () -> drain(applyCh, this::applySnapshotting));
        } else {
            Sim.go("applier-S" + me, () -> drain(applyCh, this::apply));
        }
    }

    /** Forgets the Raft peer (the group kills it next) and re-saves the persisted state, as a KV server would. */
    @Override
    public void kill() {
        synchronized (this) {
            raft = null;
        }
        // The group already swapped in a copy of this persister, so what is saved here is never read again.
        persister.save(persister.readRaftState(), persister.readSnapshot());
    }

    /** {@return the Raft peer, or null once this server was killed} */
    synchronized Raft raft() {
        return raft;
    }

    /** {@return the first apply error, or null} */
    String applyErr() {
        return applyErr;
    }

    /** A command this server applied; {@code command} is null only at index 0 of a snapshot. */
    record Applied(Object command) {}

    /** {@return what this server applied at {@code index}, or null if it applied nothing there} */
    synchronized Applied applied(int index) {
        return logs.containsKey(index) ? new Applied(logs.get(index)) : null;
    }

    synchronized boolean hasLog(int index) {
        return logs.containsKey(index);
    }

    synchronized void putLog(int index, Object command) {
        logs.put(index, command);
    }

    // ---- appliers ---------------------------------------------------------------------------------------------

    private interface Handler {
        String handle(ApplyMsg msg);
    }

    /** Reads {@code applyCh} until Raft closes it, checking each message. */
    private void drain(Channel<ApplyMsg> applyCh, Handler handler) {
        try {
            for (ApplyMsg msg = applyCh.receive(); msg != null; msg = applyCh.receive()) {
                String err = handler.handle(msg);
                if (err != null) {
                    fail(err);     // and keep reading, so that Raft doesn't block holding its lock
                }
            }
        } catch (CancellationException interrupted) {
            // the test is being torn down
        }
    }

    /** The applier of tests without snapshots. */
    private String apply(ApplyMsg msg) {
        if (!(msg instanceof ApplyMsg.Command command)) {
            return null;                     // ignore other kinds of messages
        }
        RaftHarness.LogCheck check = harness.checkLogs(me, command);
        if (command.index() > 1 && !check.prevOk()) {
            return String.format("server %d apply out of order %d", me, command.index());
        }
        return check.error();
    }

    /** The applier of tests with snapshots: also snapshots after every 10 entries and installs snapshots. */
    private String applySnapshotting(ApplyMsg msg) {
        return switch (msg) {
            case ApplyMsg.Snapshot s -> ingestSnapshot(s.snapshot(), s.index());
            case ApplyMsg.Command c -> applyAndMaybeSnapshot(c);
        };
    }

    private String applyAndMaybeSnapshot(ApplyMsg.Command c) {
        String err = null;
        int expected;
        synchronized (this) {
            expected = lastApplied + 1;
        }
        if (c.index() != expected) {
            err = String.format("server %d apply out of order, expected index %d, got %d", me, expected, c.index());
        }
        if (err == null) {
            RaftHarness.LogCheck check = harness.checkLogs(me, c);
            err = check.error();
            if (c.index() > 1 && !check.prevOk()) {
                err = String.format("server %d apply out of order %d", me, c.index());
            }
        }
        Raft rf;
        List<Object> xlog = new ArrayList<>();
        synchronized (this) {
            lastApplied = c.index();
            rf = raft;
            if ((c.index() + 1) % RaftHarness.SNAPSHOT_INTERVAL == 0) {
                for (int j = 0; j <= c.index(); j++) {
                    xlog.add(logs.get(j));
                }
            }
        }
        if ((c.index() + 1) % RaftHarness.SNAPSHOT_INTERVAL == 0 && rf != null) {
            long start = harness.timeline().timestamp();
            rf.snapshot(c.index(), Codec.encode(new SnapshotImage(c.index(), xlog)));
            String details = "snapshot created after applying the command at index " + c.index();
            harness.timeline().infoInterval(start, "snapshot created", details);
        }
        return err;
    }

    /** Replaces the applied log with a snapshot's; {@code index} is the index Raft claims, or -1 at start-up. */
    private String ingestSnapshot(byte[] snapshot, int index) {
        if (snapshot == null) {
            return "nil snapshot";
        }
        SnapshotImage image;
        try {
            image = Codec.decode(snapshot, SnapshotImage.class);
        } catch (CodecException | ClassCastException e) {
            return "snapshot Decode() error";
        }
        if (index != -1 && index != image.lastIncludedIndex()) {
            return String.format("server %d snapshot doesn't match m.SnapshotIndex", me);
        }
        synchronized (this) {
            logs = new HashMap<>();
            for (int j = 0; j < image.log().size(); j++) {
                logs.put(j, image.log().get(j));
            }
            lastApplied = image.lastIncludedIndex();
        }
        return null;
    }

    private void fail(String err) {
        if (applyErr == null) {
            applyErr = err;
        }
        harness.timeline().checkerFailure("apply error", err);
        harness.recordFailure("apply error: " + err);
    }
}
