package raftlab.labrpc.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;

/**
 * The deterministic scheduler of the simulation mode: the {@link Executor} of every simulated virtual thread, the
 * virtual clock and its timers.
 *
 * <p>The JDK hands the scheduler a task each time one of its virtual threads may continue (started, unparked,
 * interrupted, yielded, unblocked). The tasks wait in a ready set; {@link #drive} runs them one at a time on the
 * calling platform thread, the single carrier, picking the next one with a random draw from the seed. A task runs
 * its thread until the thread blocks again, so exactly one simulated thread runs at any moment, and which one runs
 * next depends only on the seed and on what the threads did. When no thread can run, the clock jumps to the
 * earliest timer; when no timer is pending either, the run is deadlocked.
 *
 * <p>Everything here except {@link #execute} and {@link #newThread} is touched only from the carrier: by the loop
 * itself, or by a simulated thread mounted on it.
 */
final class SimScheduler implements Executor {

    /** How long the carrier waits (real time) for the JDK's unblocker thread to hand back a monitor waiter. */
    private static final long UNBLOCK_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /**
     * The virtual time one step costs. Without it, work would take no time at all: clients that loop over RPCs on
     * a reliable network would do unboundedly many operations before the clock could reach their deadline. 20 us is
     * the order of one RPC hop plus its handler on this kit's real-time network (docs/simulation.md).
     */
    static final long STEP_NANOS = 20_000;

    /** How long the carrier waits for a wake-up from outside before it reports a deadlock. */
    private static final long OUTSIDE_WAKE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** One simulated thread: its creation number orders ready threads canonically. */
    record SimThread(long id, Thread thread, Runnable task) {}

    /** A wake-up at a virtual time: unparks (a sleep) or interrupts (a timed wait on a latch or condition). */
    private static final class Timer {
        final long deadline;
        final long seq;
        final SimThread owner;
        final boolean interrupt;
        /** A poll's time-out: it only re-checks state other threads change, so it is no pending work. */
        final boolean poll;
        boolean fired;
        boolean cancelled;

        Timer(long deadline, long seq, SimThread owner, boolean interrupt, boolean poll) {
            this.deadline = deadline;
            this.seq = seq;
            this.owner = owner;
            this.interrupt = interrupt;
            this.poll = poll;
        }
    }

    private final SplittableRandom choice;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Runnable, SimThread> byTask = new ConcurrentHashMap<>();
    private final ThreadLocal<SimThread> current = new ThreadLocal<>();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final List<SimThread> ready = new ArrayList<>();
    private final Set<SimThread> queued = new LinkedHashSet<>();
    private final Set<SimThread> monitorWaiters = new LinkedHashSet<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.<Timer>comparingLong(t -> t.deadline).thenComparingLong(t -> t.seq));
    private final List<SimThread> batch = new ArrayList<>();
    private volatile long nowNanos;
    private long timerSeq;
    /** Timers neither fired nor cancelled that are not polls: while there are none, a stuck run is deadlocked. */
    private int pendingWork;
    private long steps;
    private long traceHash = 17;
    private volatile Thread carrier;
    private AssertionError escape;

    private final StallGuard stallGuard;

    SimScheduler(long seed) {
        this(seed, new StallGuard(StallGuard.DEFAULT_LIMIT_NANOS, System.err::println));
    }

    SimScheduler(long seed, StallGuard stallGuard) {
        this.choice = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.stallGuard = stallGuard;
    }

    // ---- what the simulated threads call --------------------------------------------------------------------

    long nowNanos() {
        return nowNanos;
    }

    long steps() {
        return steps;
    }

    long traceHash() {
        return traceHash;
    }

    /** Folds {@code value} into the trace hash (for events a caller wants compared across runs). */
    void trace(long value) {
        traceHash = mix(traceHash, value);
    }

    Thread newThread(String name, Runnable body) {
        SimThread[] self = new SimThread[1];
        Thread thread = VirtualThreadAccess.builder(this).name(name).unstarted(() -> {
            current.set(self[0]);
            body.run();
        });
        self[0] = new SimThread(ids.incrementAndGet(), thread, VirtualThreadAccess.continuationTask(thread));
        byTask.put(self[0].task(), self[0]);
        return thread;
    }

    void sleep(long nanos) throws InterruptedException {
        SimThread me = requireSimThread("Sim.sleep");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Timer timer = addTimer(me, nanos, false, false);
        while (!timer.fired) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                cancel(timer);
                throw new InterruptedException();
            }
        }
    }

    boolean await(CountDownLatch latch, long nanos) throws InterruptedException {
        return await(latch, nanos, false);
    }

    /**
     * Like {@link #await(CountDownLatch, long)}, for a wait that wakes up only to re-check state that other threads
     * change (a watchdog, a poll for a crashed server): if every thread is blocked and only such time-outs are
     * pending, nothing can ever change, and the run is reported as deadlocked instead of polling on.
     */
    boolean awaitPoll(CountDownLatch latch, long nanos) throws InterruptedException {
        return await(latch, nanos, true);
    }

    private boolean await(CountDownLatch latch, long nanos, boolean poll) throws InterruptedException {
        SimThread me = requireSimThread(poll ? "Sim.awaitPoll" : "Sim.await");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (latch.getCount() == 0) {
            return true;
        }
        Timer timer = addTimer(me, nanos, true, poll);
        try {
            latch.await();
            return true;
        } catch (InterruptedException e) {
            if (!timer.fired) {
                throw e;
            }
            return latch.getCount() == 0;
        } finally {
            endTimedWait(timer);
        }
    }

    long awaitNanos(Condition condition, long nanos) throws InterruptedException {
        SimThread me = requireSimThread("Sim.awaitNanos");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (nanos <= 0) {
            return nanos;
        }
        long deadline = nowNanos + nanos;
        Timer timer = addTimer(me, nanos, true, false);
        try {
            condition.await();
        } catch (InterruptedException e) {
            if (!timer.fired) {
                throw e;
            }
        } finally {
            endTimedWait(timer);
        }
        return deadline - nowNanos;
    }

    /** Cancels a wait's timer, and clears the interrupt the timer delivered if the wait ended another way. */
    private void endTimedWait(Timer timer) {
        cancel(timer);
        if (timer.fired) {
            Thread.interrupted();
        }
    }

    private void cancel(Timer timer) {
        if (!timer.fired && !timer.cancelled && !timer.poll) {
            pendingWork--;
        }
        timer.cancelled = true;
    }

    private SimThread requireSimThread(String operation) {
        SimThread me = current.get();
        if (me == null) {
            throw new IllegalStateException(operation + " called on thread \"" + Thread.currentThread().getName()
                    + "\", which the simulation does not run: in simulation mode every thread must be started with "
                    + "Sim.go (not new Thread, an executor or CompletableFuture.*Async)");
        }
        return me;
    }

    private Timer addTimer(SimThread owner, long nanos, boolean interrupt, boolean poll) {
        long deadline = nanos > Long.MAX_VALUE - nowNanos ? Long.MAX_VALUE : nowNanos + nanos;
        Timer timer = new Timer(deadline, ++timerSeq, owner, interrupt, poll);
        timers.add(timer);
        if (!poll) {
            pendingWork++;
        }
        return timer;
    }

    // ---- the JDK's side -------------------------------------------------------------------------------------

    /** Called by the JDK, on any thread, when a simulated thread may continue. */
    @Override
    public void execute(Runnable task) {
        inbox.add(task);
    }

    // ---- the loop -------------------------------------------------------------------------------------------

    /**
     * Runs simulated threads on the calling platform thread until {@code done} reports true (checked between steps).
     *
     * @throws SimDeadlockError when no thread can run and no timer is pending before {@code done}
     * @throws SimEscapeError   when a thread waits in a way the simulation cannot control
     */
    void drive(java.util.function.BooleanSupplier done) {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("the simulation must be driven from a platform thread");
        }
        carrier = Thread.currentThread();
        try {
            while (!done.getAsBoolean()) {
                drainInbox();
                if (!monitorWaiters.isEmpty()) {
                    settleMonitorWaiters();
                }
                fireDueTimers();
                if (ready.isEmpty()) {
                    Timer next = firstLiveTimer();
                    if (next == null || pendingWork == 0) {
                        if (awaitOutsideWake()) {
                            continue;
                        }
                        throw new SimDeadlockError(deadlockReport());
                    }
                    nowNanos = next.deadline;
                    continue;
                }
                SimThread next = ready.size() == 1 ? ready.remove(0) : swapRemove(choice.nextInt(ready.size()));
                queued.remove(next);
                steps++;
                traceHash = mix(mix(traceHash, next.id()), nowNanos);
                stallGuard.stepStarted(next.thread());
                try {
                    next.task().run();
                } finally {
                    stallGuard.stepEnded();
                }
                nowNanos += STEP_NANOS;
                afterStep(next);
                if (escape != null) {
                    AssertionError e = escape;
                    escape = null;
                    throw e;
                }
            }
        } finally {
            carrier = null;
        }
    }

    private SimThread swapRemove(int index) {
        SimThread picked = ready.get(index);
        SimThread last = ready.remove(ready.size() - 1);
        if (index < ready.size()) {
            ready.set(index, last);
        }
        return picked;
    }

    /** Moves submitted tasks into the ready set, each batch in creation order so arrival order never matters. */
    private void drainInbox() {
        Runnable task;
        while ((task = inbox.poll()) != null) {
            SimThread thread = byTask.get(task);
            if (thread == null) {
                task.run();            // not ours (cannot happen today): run it rather than lose it
                continue;
            }
            if (queued.add(thread)) {
                batch.add(thread);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() > 1) {
            batch.sort(Comparator.comparingLong(SimThread::id));
        }
        ready.addAll(batch);
        batch.clear();
    }

    private void fireDueTimers() {
        boolean fired = false;
        while (!timers.isEmpty() && (timers.peek().cancelled || timers.peek().deadline <= nowNanos)) {
            Timer timer = timers.poll();
            if (timer.cancelled) {
                continue;
            }
            timer.fired = true;
            fired = true;
            if (!timer.poll) {
                pendingWork--;
            }
            Thread thread = timer.owner.thread();
            if (timer.interrupt) {
                thread.interrupt();
            } else {
                LockSupport.unpark(thread);
            }
        }
        if (fired) {
            drainInbox();
        }
    }

    /**
     * Before calling a deadlock, gives a wake-up from outside the simulation (a thread the simulation does not run,
     * which the escape checks should have caught) a moment to arrive, so such code fails with a clearer message.
     */
    private boolean awaitOutsideWake() {
        long deadline = System.nanoTime() + OUTSIDE_WAKE_NANOS;
        while (System.nanoTime() < deadline) {
            if (!inbox.isEmpty()) {
                return true;
            }
            LockSupport.parkNanos(this, 1_000_000);
        }
        return false;
    }

    private Timer firstLiveTimer() {
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
        }
        return timers.peek();
    }

    private void afterStep(SimThread thread) {
        int state = VirtualThreadAccess.state(thread.thread());
        switch (state) {
            case VirtualThreadAccess.TERMINATED -> byTask.remove(thread.task());
            case VirtualThreadAccess.BLOCKED, VirtualThreadAccess.WAIT -> monitorWaiters.add(thread);
            case VirtualThreadAccess.TIMED_PARKED, VirtualThreadAccess.TIMED_PINNED, VirtualThreadAccess.TIMED_WAIT ->
                    escape = SimEscapeError.timedWait(thread.thread(), nowNanos);
            default -> { }
        }
    }

    /**
     * Waits until every monitor waiter the JDK has decided to wake has been handed back to {@link #execute}. The JDK
     * (24+) wakes a virtual thread blocked in {@code synchronized} from its own platform thread, after the owner
     * exits the monitor; waiting here for that hand-over keeps the ready set a function of the simulated threads'
     * actions alone.
     */
    private void settleMonitorWaiters() {
        long start = System.nanoTime();
        for (var it = monitorWaiters.iterator(); it.hasNext(); ) {
            SimThread waiter = it.next();
            while (true) {
                drainInbox();
                int state = VirtualThreadAccess.state(waiter.thread());
                if (queued.contains(waiter) || (state != VirtualThreadAccess.BLOCKED
                        && state != VirtualThreadAccess.WAIT && state != VirtualThreadAccess.UNBLOCKED)) {
                    it.remove();
                    break;
                }
                if (!VirtualThreadAccess.unblockPending(waiter.thread())) {
                    // No flag says "being woken". The unblocker clears one flag before it sets the next, so the
                    // answer is final only if it holds again after the unblocker was seen idle.
                    if (!VirtualThreadAccess.unblockerBusy()) {
                        drainInbox();
                        if (!queued.contains(waiter) && !VirtualThreadAccess.unblockPending(waiter.thread())) {
                            break;       // still blocked: its monitor's owner has not let go
                        }
                    }
                    continue;
                }
                if (System.nanoTime() - start > UNBLOCK_WAIT_NANOS) {
                    throw new IllegalStateException("the JDK did not hand back virtual thread \""
                            + waiter.thread().getName() + "\" within 10 s after it was unblocked from a monitor");
                }
                Thread.onSpinWait();
            }
        }
    }

    /** {@return every live simulated thread, in creation order} */
    List<SimThread> liveThreads() {
        List<SimThread> live = new ArrayList<>();
        for (SimThread t : byTask.values()) {
            if (t.thread().isAlive()) {
                live.add(t);
            }
        }
        live.sort(Comparator.comparingLong(SimThread::id));
        return live;
    }

    private String deadlockReport() {
        StringBuilder report = new StringBuilder("deadlock at virtual time " + formatTime(nowNanos)
                + ": no simulated thread can run and no timer is pending"
                + (firstLiveTimer() == null ? "" : " (only polls and the time limit, which cannot change that)")
                + "\n");
        List<Thread> threads = new ArrayList<>();
        liveThreads().forEach(t -> threads.add(t.thread()));
        SimThreadDump.appendAll(report, threads);
        return report.toString();
    }

    static String formatTime(long nanos) {
        return String.format("%.3f s", nanos / 1e9);
    }

    private static long mix(long hash, long value) {
        long h = (hash ^ value) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
