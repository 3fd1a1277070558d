package raftlab.labrpc.net;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import raftlab.labrpc.codec.Codec;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;

/**
 * A simulated network of RPC client ends and servers, inside one JVM: MIT 6.5840's labrpc in Java.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * Network net = new Network(new LabRandom(seed));
 * ClientEnd end = net.makeEnd("end1-99");            // starts disabled and connected to nothing
 * net.addServer("server-0", new Server().addService(Service.of("Raft", raft)));
 * net.connect("end1-99", "server-0");
 * net.enable("end1-99", true);
 * Optional<RequestVoteReply> r = end.call("Raft.requestVote", args, RequestVoteReply.class);
 * }</pre>
 * A call returns the reply, or empty when the request or reply was lost, the end is disabled or unconnected, or the
 * server was deleted. Arguments and replies are deep-copied through the {@link Codec}, so caller and handler never
 * share an object. Every request runs on its own thread; concurrent calls may be delivered in any order.
 *
 * <h2>Faults (all decisions draw from the network's {@link LabRandom})</h2>
 * <ul>
 *   <li><b>Unreliable</b> ({@code setReliable(false)}): each request waits 0–26 ms, then 10% are dropped before the
 *       handler runs; of the rest, 10% of replies are dropped after the handler ran.</li>
 *   <li><b>Disabled end, no target, deleted server</b>: nothing is delivered; the call fails after 0–99 ms, or after
 *       0–6999 ms with {@code setLongDelays(true)} (the Raft tests use it so that a leader that sends RPCs one at a
 *       time stalls).</li>
 *   <li><b>Long reordering</b> ({@code setLongReordering(true)}, reliable or not): 2/3 of delivered replies arrive
 *       200–2199 ms late.</li>
 *   <li><b>Crash</b>: while a handler runs, the network checks every 100 ms whether the end was disabled or the server
 *       deleted or replaced; then the call fails, and a reply that comes later is thrown away. A crashed server can
 *       never acknowledge anything.</li>
 * </ul>
 *
 * <h2>raftlab's own faults (off unless a test turns them on; no MIT-faithful test does)</h2>
 * <ul>
 *   <li><b>Reordered requests</b> ({@code setReorderRequests(true)}): a third of requests wait 0–499 ms before they
 *       enter the network, so a request can reach its server after a later one sent on the same end.</li>
 *   <li><b>Duplicated requests</b> ({@code setDuplicateRequests(true)}): 10% of requests are delivered a second time,
 *       0–499 ms after the first copy entered; the handler runs twice, the caller sees one reply (the first copy's)
 *       and the duplicate's reply is thrown away.</li>
 *   <li><b>Directed holds and drops</b> ({@link #setInterceptor}): a test picks single messages to hold back or lose;
 *       see {@link RpcInterceptor}.</li>
 * </ul>
 *
 * <h2>Counters</h2>
 * {@link #totalCount()} counts every call that entered the network (dropped ones and ones to dead servers too);
 * {@link #totalBytes()} adds the encoded size of every request and of every delivered reply;
 * {@link #count(String)} counts requests dispatched to one server.
 *
 * <h2>Errors</h2>
 * Programming errors throw at once in the caller: a null argument, an argument the codec cannot copy, an unknown
 * service or method on the connected server, a duplicate end or server name. A handler that throws (including
 * one whose reply cannot be copied) fails its call; the exception is printed and recorded as the failure of the
 * handler's thread, and the tester fails the test with it.
 *
 * <h2>Cleanup</h2>
 * {@link #cleanup()} makes every pending and later call fail at once, interrupts every handler still running and
 * refuses further changes; no thread the network started outlives it for long.
 */
public final class Network implements AutoCloseable {

    private static final int SHORT_DELAY_MS = 27;             // unreliable pre-delay: 0..26 ms
    private static final int DROP_PER_MILLE = 100;            // 10% request drop, 10% reply drop
    private static final int LONG_DELAY_MS = 7000;            // dead target with long delays: 0..6999 ms
    private static final int SHORT_FAIL_DELAY_MS = 100;       // dead target otherwise: 0..99 ms
    private static final int DEATH_POLL_MS = 100;             // how often a waiting call checks for a crash
    // raftlab's own request faults (off by default and in every MIT-faithful test); see setReorderRequests.
    private static final int REORDER_PER_MILLE = 333;         // a third of requests are held back ...
    private static final int REORDER_DELAY_MS = 500;          // ... 0..499 ms: longer than a 100 ms heartbeat period
    private static final int DUPLICATE_PER_MILLE = 100;       // 10% of requests are delivered a second time ...
    private static final int DUPLICATE_DELAY_MS = 500;        // ... 0..499 ms after the first copy entered
    private static final int HOLD_POLL_MS = 50;               // how often a held message checks for cleanup

    /** The mutable state of one end, guarded by {@link #lock}. */
    private static final class EndState {
        boolean enabled;
        String serverName;
    }

    /** One request's handler, running on its own thread. */
    private static final class Dispatch {
        final CountDownLatch finished = new CountDownLatch(1);
        volatile byte[] reply;    // null when the handler threw
    }

    private final LabRandom random;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, EndState> ends = new HashMap<>();
    private final Map<String, Server> servers = new HashMap<>();   // a deleted server maps to null, as in labrpc
    private final Map<String, ClientEnd> endObjects = new HashMap<>();
    private boolean reliable = true;
    private boolean longDelays;
    private boolean longReordering;
    private boolean reorderRequests;
    private boolean duplicateRequests;

    private final AtomicLong totalCount = new AtomicLong();
    private final AtomicLong totalBytes = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Set<Thread> handlerThreads = ConcurrentHashMap.newKeySet();
    private volatile RpcObserver observer;     // null: nobody watches
    private volatile RpcInterceptor interceptor;   // null: every message goes its normal way

    /** A network whose random decisions come from {@code random}. Starts reliable, without long delays. */
    public Network(LabRandom random) {
        this.random = Objects.requireNonNull(random, "Network: random is null");
    }

    /** A network seeded from {@code -Dlab.seed} (or a fresh seed); see {@link LabRandom#fromSystemProperty()}. */
    public Network() {
        this(LabRandom.fromSystemProperty());
    }

    /** {@return the random source of this network's decisions} */
    public LabRandom random() {
        return random;
    }

    // ---- flags ----------------------------------------------------------------------------------------------

    /** Makes the network reliable (the default) or unreliable: delays and 10% request and reply drops. */
    public void setReliable(boolean yes) {
        withLock(() -> reliable = yes);
    }

    /** {@return whether the network is reliable} */
    public boolean isReliable() {
        return withLock(() -> reliable);
    }

    /** Makes calls to dead or disabled targets fail after up to 7 s instead of up to 100 ms. */
    public void setLongDelays(boolean yes) {
        withLock(() -> longDelays = yes);
    }

    /** {@return whether long delays are on} */
    public boolean isLongDelays() {
        return withLock(() -> longDelays);
    }

    /** Delays 2/3 of delivered replies by 200–2199 ms. */
    public void setLongReordering(boolean yes) {
        withLock(() -> longReordering = yes);
    }

    /** {@return whether long reordering is on} */
    public boolean isLongReordering() {
        return withLock(() -> longReordering);
    }

    /**
     * raftlab's own fault, beyond labrpc: holds a third of requests back 0–499 ms before they enter the network, so
     * that a request can be delivered after a later one on the same end. Off by default.
     */
    public void setReorderRequests(boolean yes) {
        withLock(() -> reorderRequests = yes);
    }

    /** {@return whether requests are reordered} */
    public boolean isReorderRequests() {
        return withLock(() -> reorderRequests);
    }

    /**
     * raftlab's own fault, beyond labrpc: delivers 10% of requests twice (the second copy 0–499 ms after the first
     * entered; its reply is thrown away). Off by default.
     */
    public void setDuplicateRequests(boolean yes) {
        withLock(() -> duplicateRequests = yes);
    }

    /** {@return whether requests are duplicated} */
    public boolean isDuplicateRequests() {
        return withLock(() -> duplicateRequests);
    }

    /**
     * Installs {@code interceptor} (or removes it, with null) to hold back or lose chosen messages; see
     * {@link RpcInterceptor}. Raftlab's own seam for directed tests; no MIT-faithful test installs one.
     */
    public void setInterceptor(RpcInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    /**
     * Installs {@code observer} (or removes it, with null) to see every reply that reaches its caller; see
     * {@link RpcObserver}.
     */
    public void setObserver(RpcObserver observer) {
        this.observer = observer;
    }

    // ---- ends and servers -----------------------------------------------------------------------------------

    /**
     * Creates a client end. It starts disabled and connected to nothing.
     *
     * @throws IllegalArgumentException if an end of that name exists
     */
    public ClientEnd makeEnd(String name) {
        Objects.requireNonNull(name, "makeEnd: name is null");
        return withLock(() -> {
            checkOpen("makeEnd");
            if (ends.containsKey(name)) {
                throw new IllegalArgumentException("makeEnd: an end named " + name + " already exists");
            }
            ends.put(name, new EndState());
            ClientEnd end = new ClientEnd(name, this);
            endObjects.put(name, end);
            return end;
        });
    }

    /** Removes an end; later calls through it fail as if it were disabled. */
    public void deleteEnd(String name) {
        withLock(() -> {
            checkOpen("deleteEnd");
            requireEnd(name, "deleteEnd");
            ends.remove(name);
            endObjects.remove(name);
        });
    }

    /** Connects an end to the server registered (now or later) under {@code serverName}. */
    public void connect(String endName, String serverName) {
        Objects.requireNonNull(serverName, "connect: serverName is null");
        withLock(() -> {
            checkOpen("connect");
            requireEnd(endName, "connect").serverName = serverName;
        });
    }

    /** Enables or disables an end. Disabling it fails calls in flight within 100 ms. */
    public void enable(String endName, boolean enabled) {
        withLock(() -> {
            checkOpen("enable");
            requireEnd(endName, "enable").enabled = enabled;
        });
    }

    /**
     * Registers {@code server} under {@code name}.
     *
     * @throws IllegalArgumentException if a live server is registered under that name: delete it first (that is
     *                                  how the tester crashes a server before restarting it)
     */
    public void addServer(String name, Server server) {
        Objects.requireNonNull(name, "addServer: name is null");
        Objects.requireNonNull(server, "addServer: server is null");
        withLock(() -> {
            checkOpen("addServer");
            if (servers.get(name) != null) {
                throw new IllegalArgumentException("addServer: a server named " + name
                        + " is registered; deleteServer(\"" + name + "\") first or choose another name");
            }
            servers.put(name, server);
        });
    }

    /** Deletes a server: calls to it fail from now on, and calls in flight fail within 100 ms. */
    public void deleteServer(String name) {
        Objects.requireNonNull(name, "deleteServer: name is null");
        withLock(() -> {
            checkOpen("deleteServer");
            servers.put(name, null);
        });
    }

    // ---- counters -------------------------------------------------------------------------------------------

    /**
     * {@return the number of requests dispatched to the server registered under {@code serverName}}
     *
     * @throws IllegalArgumentException if no live server has that name
     */
    public int count(String serverName) {
        Server server = withLock(() -> servers.get(serverName));
        if (server == null) {
            throw new IllegalArgumentException("count: no live server named " + serverName);
        }
        return server.count();
    }

    /** {@return the number of calls that entered the network, including dropped and failed ones} */
    public long totalCount() {
        return totalCount.get();
    }

    /** {@return the encoded bytes of all requests plus those of all delivered replies} */
    public long totalBytes() {
        return totalBytes.get();
    }

    // ---- cleanup --------------------------------------------------------------------------------------------

    /** Fails every pending and later call at once, interrupts running handlers and refuses further changes. */
    public void cleanup() {
        done.countDown();
        handlerThreads.forEach(Thread::interrupt);
    }

    /** Same as {@link #cleanup()}. */
    @Override
    public void close() {
        cleanup();
    }

    /** {@return whether {@link #cleanup()} was called} */
    public boolean isCleanedUp() {
        return done.getCount() == 0;
    }

    // ---- the request path -----------------------------------------------------------------------------------

    <R> Optional<R> call(ClientEnd end, String serviceMethod, Object args, byte[] request, Class<R> replyType) {
        if (isCleanedUp()) {
            return Optional.empty();
        }
        totalCount.incrementAndGet();
        totalBytes.addAndGet(request.length);

        // raftlab's own request faults, before the network looks at the end: a held request goes wherever the end
        // leads when it is let go.
        boolean reorderNow;
        boolean duplicateNow;
        lock.lock();
        try {
            reorderNow = reorderRequests;
            duplicateNow = duplicateRequests;
        } finally {
            lock.unlock();
        }
        if (reorderNow && random.nextInt(1000) < REORDER_PER_MILLE && !pause(random.nextInt(REORDER_DELAY_MS))) {
            return Optional.empty();
        }
        RpcInterceptor tap = interceptor;
        if (tap != null && !obey(tap.request(end.name(), serviceMethod, args))) {
            // lost on purpose: fails like a call through a disabled end, after the same delay
            pause(random.nextInt(isLongDelays() ? LONG_DELAY_MS : SHORT_FAIL_DELAY_MS));
            return Optional.empty();
        }
        if (duplicateNow && random.nextInt(1000) < DUPLICATE_PER_MILLE) {
            long delay = random.nextInt(DUPLICATE_DELAY_MS);
            Sim.go("labrpc duplicate " + serviceMethod, () -> deliverDuplicate(end, serviceMethod, request, delay));
        }

        // Take one consistent look at the end, its server and the flags, as labrpc's processReq does.
        boolean enabled;
        String serverName;
        Server server;
        boolean unreliable;
        boolean reorder;
        boolean delayLong;
        lock.lock();
        try {
            EndState state = ends.get(end.name());
            enabled = state != null && state.enabled && endObjects.get(end.name()) == end;
            serverName = state == null ? null : state.serverName;
            server = serverName == null ? null : servers.get(serverName);
            unreliable = !reliable;
            reorder = longReordering;
            delayLong = longDelays;
        } finally {
            lock.unlock();
        }

        if (!enabled || server == null) {
            // Nothing is delivered; fail after a delay so that a caller cannot tell a dead server from a slow one.
            pause(random.nextInt(delayLong ? LONG_DELAY_MS : SHORT_FAIL_DELAY_MS));
            return Optional.empty();
        }

        Service.Handler handler = server.lookup(serviceMethod);
        checkTypes(handler, args, replyType);

        if (unreliable) {
            if (!pause(random.nextInt(SHORT_DELAY_MS)) || random.nextInt(1000) < DROP_PER_MILLE) {
                return Optional.empty();                      // request lost: the handler never runs
            }
        }

        server.countDispatch();
        Dispatch dispatch = dispatch(server, handler, request);
        boolean finished = false;
        while (!finished && !isCleanedUp()) {
            finished = Sim.awaitPoll(dispatch.finished, DEATH_POLL_MS);   // only re-checks for a crash
            if (!finished && (isServerDead(end, serverName, server) || Thread.currentThread().isInterrupted())) {
                break;                                        // crashed: stop waiting, let the handler run out
            }
        }
        byte[] reply = dispatch.reply;
        if (!finished || reply == null || isServerDead(end, serverName, server) || isCleanedUp()) {
            return Optional.empty();
        }
        if (unreliable && random.nextInt(1000) < DROP_PER_MILLE) {
            return Optional.empty();                          // reply lost: the handler did run
        }
        if (reorder && random.nextInt(900) < 600) {
            int delay = 200 + random.nextInt(1 + random.nextInt(2000));
            if (!pause(delay)) {
                return Optional.empty();
            }
        }
        R decoded = Codec.decode(reply, replyType);
        RpcInterceptor replyTap = interceptor;
        if (replyTap != null && (!obey(replyTap.reply(end.name(), serviceMethod, args, decoded))
                || isServerDead(end, serverName, server))) {
            return Optional.empty();   // reply lost on purpose, or the server crashed while it was held: no ack
        }
        totalBytes.addAndGet(reply.length);
        RpcObserver watcher = observer;
        if (watcher != null) {
            watcher.delivered(end.name(), serverName, serviceMethod, args, decoded);
        }
        return Optional.of(decoded);
    }

    /**
     * Carries out an interceptor's verdict. {@return true to go on with the message, false if it is lost (or the
     * network was cleaned up while it was held)}
     */
    private boolean obey(RpcInterceptor.Verdict verdict) {
        return switch (verdict) {
            case RpcInterceptor.Verdict.Pass p -> true;
            case RpcInterceptor.Verdict.Drop d -> false;
            case RpcInterceptor.Verdict.Hold h -> {
                long until = Sim.millis() + h.maxMillis();
                boolean released = false;
                while (!released && !isCleanedUp() && !Thread.currentThread().isInterrupted()) {
                    long left = until - Sim.millis();
                    if (left <= 0) {
                        break;
                    }
                    released = Sim.await(h.release(), Math.min(left, HOLD_POLL_MS));
                }
                yield !isCleanedUp() && !Thread.currentThread().isInterrupted();
            }
        };
    }

    /** The second copy of a duplicated request: delivered later, if the end still leads to a live server. */
    private void deliverDuplicate(ClientEnd end, String serviceMethod, byte[] request, long delay) {
        if (!pause(delay)) {
            return;
        }
        Server server;
        lock.lock();
        try {
            EndState state = ends.get(end.name());
            boolean enabled = state != null && state.enabled && endObjects.get(end.name()) == end;
            server = !enabled || state.serverName == null ? null : servers.get(state.serverName);
        } finally {
            lock.unlock();
        }
        if (server == null || isCleanedUp()) {
            return;
        }
        server.countDispatch();
        dispatch(server, server.lookup(serviceMethod), request);   // its reply goes nowhere
    }

    private Dispatch dispatch(Server server, Service.Handler handler, byte[] request) {
        Dispatch dispatch = new Dispatch();
        Service service = server.service(handler.fullName());
        Sim.go("labrpc " + handler.fullName(), () -> {
            Thread self = Thread.currentThread();
            handlerThreads.add(self);       // before the check below, so cleanup() either sees us or we see it
            try {
                if (!isCleanedUp()) {
                    dispatch.reply = Server.run(service, handler, request);
                }
            } catch (RuntimeException | Error e) {
                Sim.threads().report(e);          // before the caller can see the failed call
            } finally {
                handlerThreads.remove(self);
                dispatch.finished.countDown();
            }
        });
        return dispatch;
    }

    private boolean isServerDead(ClientEnd end, String serverName, Server server) {
        lock.lock();
        try {
            EndState state = ends.get(end.name());
            return state == null || !state.enabled || servers.get(serverName) != server;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps {@code millis}; returns false if the network was cleaned up (or the thread interrupted) meanwhile. */
    private boolean pause(long millis) {
        return !Sim.await(done, millis) && !Thread.currentThread().isInterrupted();
    }

    private static void checkTypes(Service.Handler handler, Object args, Class<?> replyType) {
        if (!handler.argsType().isInstance(args)) {
            throw new IllegalArgumentException(handler.fullName() + " takes " + handler.argsType().getName()
                    + ", but the call passed " + args.getClass().getName());
        }
        if (!replyType.isAssignableFrom(handler.replyType())) {
            throw new IllegalArgumentException(handler.fullName() + " returns " + handler.replyType().getName()
                    + ", but the call expects " + replyType.getName());
        }
    }

    private EndState requireEnd(String name, String operation) {
        Objects.requireNonNull(name, operation + ": end name is null");
        EndState state = ends.get(name);
        if (state == null) {
            throw new IllegalArgumentException(operation + ": no end named " + name);
        }
        return state;
    }

    private void checkOpen(String operation) {
        if (isCleanedUp()) {
            throw new IllegalStateException(operation + ": the network was cleaned up; make a new Network");
        }
    }

    private void withLock(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private <T> T withLock(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
