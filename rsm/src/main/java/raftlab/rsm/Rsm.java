package raftlab.rsm;

import java.util.List;
import java.util.Objects;
import raftlab.labrpc.chan.Channel;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;
import raftlab.raft.ApplyMsg;
import raftlab.raft.Raft;
//+solution
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import raftlab.labrpc.codec.CodecException;
import raftlab.labrpc.sim.Sim;
//-solution

/**
 * A replicated state machine: one Raft peer plus the loop that applies what it commits to a {@link StateMachine}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #make} creates the Raft peer and its {@code applyCh}, restores the state machine from the persister's
 *       snapshot (if any), and returns quickly.</li>
 *   <li>{@link #submit} proposes an operation and waits until it is applied; it returns
 *       {@link SubmitResult.Applied} with the result of {@link StateMachine#doOp}, or
 *       {@link SubmitResult.WrongLeader} if this peer is not the leader or lost
 *       leadership before the operation committed (a different operation appeared at its index, or the term
 *       changed). A leader cut off from the majority may keep its callers waiting until it learns of a newer term.
 *       </li>
 *   <li>{@code submit} never blocks forever: once the Raft peer is killed (which closes {@code applyCh}), every
 *       pending and later {@code submit} returns promptly with {@link SubmitResult.WrongLeader}.</li>
 *   <li>On every peer, each committed operation is applied exactly once, in log order, whether or not this peer
 *       proposed it.</li>
 *   <li>Snapshots: when the persisted Raft state reaches 90% of {@code maxraftstate} bytes, the RSM snapshots the
 *       state machine and hands the snapshot to Raft; {@code maxraftstate == -1} disables snapshots. A snapshot from
 *       the persister (at start) or from {@code applyCh} (from the leader) replaces the state machine's state.</li>
 *   <li>A state machine that throws in {@code doOp} stops this peer loudly: the exception, naming the operation, ends
 *       the reader thread (the tester reports it), the Raft peer is killed, and {@code submit} on this peer throws.
 *       </li>
 * </ul>
 *
 * <p>The tester kills only the Raft peer ({@code raft().kill()}); the RSM learns of it when {@code applyCh} closes.
 *
 * @param <C> the state machine's command type: what {@link #submit} takes and {@link StateMachine#doOp} gets
 * @param <R> the state machine's result type: what {@code doOp} returns and {@code submit} hands back
 */
public final class Rsm<C, R> {
    //+solution

    /**
     * How the RSM makes its Raft peer: {@link Raft#make}, or a stand-in in the RSM's own unit tests (staff only:
     * the seam is not in the student's file, which calls {@code Raft.make} itself).
     */
    @FunctionalInterface
    interface RaftFactory {
        Raft make(List<ClientEnd> peers, int me, Persister persister, Channel<ApplyMsg> applyCh);
    }
    //-solution

    private final int me;
    private final int maxraftstate;
    private final StateMachine<C, R> sm;
    private final Channel<ApplyMsg> applyCh;
    private final Raft rf;
    // Your data here (4A, 4C).
    //+solution

    /** How often a waiting {@code submit} asks Raft whether it is still leader in the term it started in. */
    private static final long LEADERSHIP_POLL_MS = 50;

    /** One {@code submit} waiting for its operation. */
    private final class Pending {
        final Op<C> op;
        final CountDownLatch done = new CountDownLatch(1);
        int index;                      // guarded by lock; set once start() returns, 0 until then
        int term;                       // the term start() returned
        volatile SubmitResult<R> result;   // set once, before done counts down

        Pending(Op<C> op) {
            this.op = op;
        }

        void complete(SubmitResult<R> r) {
            result = r;
            done.countDown();
        }
    }

    private final long idBase = Sim.random().nextLong();      // seeded in simulation mode
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, Pending> pendingById = new HashMap<>();        // guarded by lock
    private final Map<Integer, Pending> pendingByIndex = new HashMap<>();  // guarded by lock
    private long proposals;            // guarded by lock
    private int lastApplied;           // written by the reader under lock
    private boolean stopped;           // the reader has ended: no operation will be applied any more
    private RuntimeException failure;  // why the reader ended, if the state machine failed
    //-solution

    /**
     * Creates the RSM of peer {@code me}: its Raft peer, its {@code applyCh}, and whatever threads it needs.
     *
     * @param servers      client ends to every peer's Raft, including this one
     * @param me           this peer's index in {@code servers}
     * @param persister    this peer's stable storage; its snapshot, if any, is restored into {@code sm}
     * @param maxraftstate snapshot when the persisted Raft state reaches 90% of this many bytes; -1 never snapshots
     * @param sm           the service to replicate
     * @throws IllegalArgumentException if {@code me} is not an index of {@code servers} or {@code maxraftstate < -1}
     */
    public static <C, R> Rsm<C, R> make(List<ClientEnd> servers, int me, Persister persister, int maxraftstate,
                                        StateMachine<C, R> sm) {
        //+solution
        return make(servers, me, persister, maxraftstate, sm, Raft::make);
    }

    /** {@link #make} with a stand-in for Raft: the RSM's own unit tests script what Raft does. */
    static <C, R> Rsm<C, R> make(List<ClientEnd> servers, int me, Persister persister, int maxraftstate,
                                 StateMachine<C, R> sm, RaftFactory raftFactory) {
        Rsm<C, R> rsm = new Rsm<>(servers, me, persister, maxraftstate, sm, raftFactory);
        //-solution
        //+student
        // Rsm<C, R> rsm = new Rsm<>(servers, me, persister, maxraftstate, sm);
        //-student
        // Your code here (4A, 4C): restore the snapshot, start the thread that reads applyCh.
        //+solution
        rsm.restoreFromPersister(persister);
        Sim.go("rsm-reader-" + me, rsm::reader);
        //-solution
        return rsm;
    }

    //+solution
    private Rsm(List<ClientEnd> servers, int me, Persister persister, int maxraftstate, StateMachine<C, R> sm,
                RaftFactory raftFactory) {
    //-solution
    //+student
    // private Rsm(List<ClientEnd> servers, int me, Persister persister, int maxraftstate, StateMachine<C, R> sm) {
    //-student
        Objects.requireNonNull(servers, "Rsm.make: servers is null");
        Objects.requireNonNull(persister, "Rsm.make: persister is null");
        Objects.requireNonNull(sm, "Rsm.make: state machine is null");
        if (me < 0 || me >= servers.size()) {
            throw new IllegalArgumentException("Rsm.make: me = " + me + " is not an index of the " + servers.size()
                    + " servers");
        }
        if (maxraftstate < -1) {
            throw new IllegalArgumentException("Rsm.make: maxraftstate = " + maxraftstate
                    + "; use -1 for no snapshots or a size in bytes");
        }
        this.me = me;
        this.maxraftstate = maxraftstate;
        this.sm = sm;
        this.applyCh = new Channel<>();
        //+solution
        this.rf = raftFactory.make(servers, me, persister, applyCh);
        //-solution
        //+student
        // this.rf = Raft.make(servers, me, persister, applyCh);
        //-student
    }

    /** {@return this peer's Raft instance (the tester kills it to shut the peer down)} */
    public Raft raft() {
        return rf;
    }

    /**
     * Proposes {@code request} and waits until it is applied.
     *
     * @param request the operation; copied by the codec into the log, then passed to {@link StateMachine#doOp}
     * @return {@code Applied(result of doOp)}, or {@code WrongLeader()} if this peer is not the leader, lost
     *         leadership before the operation committed, or was shut down
     * @throws NullPointerException     if {@code request} is null
     * @throws IllegalArgumentException if the codec cannot copy {@code request} (nothing is proposed)
     * @throws IllegalStateException    if this peer's state machine failed (see the class comment)
     */
    public SubmitResult<R> submit(C request) {
        Objects.requireNonNull(request, "Rsm.submit: request is null");
        // Your code here (4A): wrap the request with a unique id, start it, wait for its index to be applied.
        //+solution
        Pending pending = propose(request);
        SubmitResult<R> result = null;
        if (pending != null) {
            try {
                result = awaitApplied(pending);
            } finally {
                forget(pending);
            }
        }
        RuntimeException failure = failure();
        if (result == null && failure != null) {
            throw new IllegalStateException("Rsm.submit on peer " + me + ": this peer stopped because its state "
                    + "machine failed: " + failure.getMessage(), failure);
        }
        return result == null ? wrongLeader() : result;
        //-solution
        //+student
        // return new SubmitResult.WrongLeader<>();
        //-student
    }
    //+solution

    // ---- submit ---------------------------------------------------------------------------------------------

    /** Starts the operation; returns its pending record, or null if this peer is not leader. */
    private Pending propose(C request) {
        Pending pending;
        lock.lock();
        try {
            if (stopped) {
                return null;
            }
            pending = new Pending(new Op<>(me, idBase + ++proposals, request));
            pendingById.put(pending.op.id(), pending);   // before start(), so the reader cannot miss it
        } finally {
            lock.unlock();
        }
        Raft.StartResult started;
        try {
            // The one check that the request can travel: Raft.start copies the command with the codec, and by its
            // contract throws CodecException here, in the caller, before anything is appended. Encoding it first as
            // well would copy every command twice for the same verdict.
            started = rf.start(pending.op);
        } catch (CodecException e) {
            forget(pending);
            throw new IllegalArgumentException("Rsm.submit: the codec cannot copy the request ("
                    + request.getClass().getName() + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            forget(pending);
            throw e;
        }
        if (!started.isLeader()) {
            forget(pending);
            return null;
        }
        lock.lock();
        try {
            pending.index = started.index();
            pending.term = started.term();
            if (pending.result == null) {
                if (stopped || started.index() <= lastApplied) {
                    pending.complete(wrongLeader());     // its index went to another operation (or never will)
                } else {
                    Pending displaced = pendingByIndex.put(started.index(), pending);
                    if (displaced != null) {
                        displaced.complete(wrongLeader()); // an older proposal lost its index to this one
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        return pending;
    }

    /** Waits until the operation is applied or cannot be any more; null means "not applied (as far as we know)". */
    private SubmitResult<R> awaitApplied(Pending pending) {
        while (!Sim.await(pending.done, LEADERSHIP_POLL_MS)) {
            if (Thread.currentThread().isInterrupted()) {
                return null;                             // the network is shutting this handler down
            }
            Raft.State state = rf.getState();
            if (state.term() != pending.term || !state.isLeader()) {
                break;                                   // leadership lost: the operation may never commit
            }
        }
        SubmitResult<R> result = pending.result;
        return result instanceof SubmitResult.Applied ? result : null;
    }

    private static <R> SubmitResult<R> wrongLeader() {
        return new SubmitResult.WrongLeader<>();
    }

    private void forget(Pending pending) {
        lock.lock();
        try {
            pendingById.remove(pending.op.id(), pending);
            if (pending.index > 0) {
                pendingByIndex.remove(pending.index, pending);
            }
        } finally {
            lock.unlock();
        }
    }

    private RuntimeException failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    // ---- the reader -----------------------------------------------------------------------------------------

    /** Applies everything Raft commits, in order, until {@code applyCh} is closed or the state machine fails. */
    private void reader() {
        try {
            for (ApplyMsg msg : applyCh) {
                switch (msg) {
                    case ApplyMsg.Command c -> apply(c);
                    case ApplyMsg.Snapshot s -> install(s);
                }
            }
            stop(null);
        } catch (RuntimeException | Error e) {
            RuntimeException why = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            stop(why);
            rf.kill();   // a replica that cannot apply must not go on voting and leading
            throw e;
        }
    }

    private void apply(ApplyMsg.Command c) {
        int expected = lastApplied + 1;
        if (c.index() <= lastApplied) {
            return;                                      // already covered by a snapshot we installed
        }
        if (c.index() != expected) {
            throw new IllegalStateException("RSM peer " + me + ": Raft delivered index " + c.index()
                    + " but the next index to apply is " + expected);
        }
        if (!(c.command() instanceof Op<?> entry)) {
            throw new IllegalStateException("RSM peer " + me + ": log index " + c.index() + " holds "
                    + describe(c.command()) + ", not an operation proposed through Rsm.submit");
        }
        // Raft's log holds Objects, so the one check above is where the RSM meets it. Past it, the command is a C
        // without a check: only submit(C) puts operations into this peer's Raft log, and a leader's log holds only
        // what the same service's submit put there on some peer. (The cast is unchecked: erased, it costs nothing.)
        @SuppressWarnings("unchecked")
        Op<C> op = (Op<C>) entry;
        R result;
        try {
            result = sm.doOp(op.request());
        } catch (RuntimeException e) {
            throw new IllegalStateException("RSM peer " + me + ": the state machine threw applying "
                    + describe(op.request()) + " at log index " + c.index() + ": " + e, e);
        }
        lock.lock();
        try {
            lastApplied = c.index();
            Pending mine = op.me() == me ? pendingById.get(op.id()) : null;
            if (mine != null) {
                mine.complete(new SubmitResult.Applied<>(result));
            }
            Pending atIndex = pendingByIndex.remove(c.index());
            if (atIndex != null && atIndex != mine) {
                atIndex.complete(wrongLeader());         // another operation took its index
            }
        } finally {
            lock.unlock();
        }
        snapshotIfLarge(c.index());
    }

    private void install(ApplyMsg.Snapshot s) {
        if (s.index() <= lastApplied) {
            return;                                      // older than what we have
        }
        restore(s.snapshot(), s.index());
        lock.lock();
        try {
            lastApplied = s.index();
            // Operations inside the snapshot were applied elsewhere; their results are lost to us.
            List<Integer> covered = new ArrayList<>();
            pendingByIndex.forEach((index, p) -> {
                if (index <= s.index()) {
                    covered.add(index);
                    p.complete(wrongLeader());
                }
            });
            covered.forEach(pendingByIndex::remove);
        } finally {
            lock.unlock();
        }
    }

    private void stop(RuntimeException why) {
        lock.lock();
        try {
            stopped = true;
            failure = why;
            pendingById.values().forEach(p -> p.complete(wrongLeader()));
            pendingById.clear();
            pendingByIndex.clear();
        } finally {
            lock.unlock();
        }
    }

    // ---- snapshots ------------------------------------------------------------------------------------------

    private void snapshotIfLarge(int index) {
        if (maxraftstate >= 0 && 10L * rf.persistBytes() >= 9L * maxraftstate) {
            rf.snapshot(index, encodeSnapshot(index, sm.snapshot()));
        }
    }

    private void restoreFromPersister(Persister persister) {
        byte[] snapshot = persister.readSnapshot();
        if (snapshot.length > 0) {
            int included = restore(snapshot, -1);
            lock.lock();
            try {
                lastApplied = included;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Restores the state machine and returns the last index the snapshot includes; {@code index} -1 means "whatever
     * index the snapshot says" (at start-up).
     */
    private int restore(byte[] snapshot, int index) {
        ByteBuffer in = ByteBuffer.wrap(snapshot);
        if (snapshot.length < Integer.BYTES) {
            throw new IllegalStateException("RSM peer " + me + ": a snapshot of " + snapshot.length
                    + " bytes is too short to be one the RSM made");
        }
        int included = in.getInt();
        if (index != -1 && included != index) {
            throw new IllegalStateException("RSM peer " + me + ": snapshot for index " + index + " says it includes "
                    + "index " + included);
        }
        byte[] state = new byte[in.remaining()];
        in.get(state);
        sm.restore(state);
        return included;
    }

    /** A snapshot is the index it includes (4 bytes) followed by the state machine's bytes. */
    private static byte[] encodeSnapshot(int index, byte[] state) {
        return ByteBuffer.allocate(Integer.BYTES + state.length).putInt(index).put(state).array();
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
    //-solution
}
