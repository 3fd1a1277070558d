package raftlab.raft;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import raftlab.labrpc.net.RpcInterceptor;
import raftlab.labrpc.sim.Sim;

/**
 * raftlab's own control of single Raft messages, for the directed tests (beyond MIT's tester, which can only
 * disconnect whole servers): lose everything on a one-way link, hold back one chosen request or reply and let it go
 * later, and watch replies. Installed on the test's network as its {@link RpcInterceptor}; it reads the kit's
 * {@link RaftMessage} records, never student state. A held message waits in the network: a held request, when let
 * go, reaches whatever server its end leads to then.
 */
final class Wire implements RpcInterceptor {

    /** A Raft request on the wire: sender, receiver (indices of the group) and the request record. */
    record Msg(int from, int to, RaftMessage args) {}

    /** One held message: caught when it shows up, let go by {@link #release()} (or at its time limit). */
    static final class Held {
        private final Predicate<Msg> which;
        private final long maxMillis;
        private final CountDownLatch caught = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final CountDownLatch answered = new CountDownLatch(1);
        private volatile Msg msg;
        private volatile RaftMessage reply;

        private Held(Predicate<Msg> which, long maxMillis) {
            this.which = which;
            this.maxMillis = maxMillis;
        }

        /** {@return whether the message was caught within {@code millis}} */
        boolean awaitCaught(long millis) {
            return Sim.await(caught, millis);
        }

        /** {@return whether the message has been caught} */
        boolean isCaught() {
            return caught.getCount() == 0;
        }

        /** {@return the caught message, or null} */
        Msg msg() {
            return msg;
        }

        /** Lets the message go on. */
        void release() {
            release.countDown();
        }

        /** {@return whether the request's reply was seen (even a lost one) within {@code millis}} */
        boolean awaitAnswered(long millis) {
            return Sim.await(answered, millis);
        }

        /** {@return the reply the receiver sent, or null if none was seen} */
        RaftMessage reply() {
            return reply;
        }
    }

    private final Function<String, int[]> links;     // end name -> {from, to}, or null for a non-Raft end
    private final Set<Long> cut = ConcurrentHashMap.newKeySet();
    private final Set<Long> cutRequests = ConcurrentHashMap.newKeySet();
    private final List<Held> heldRequests = new CopyOnWriteArrayList<>();
    private final List<Held> heldReplies = new CopyOnWriteArrayList<>();
    private final Map<Object, Held> tracked = new IdentityHashMap<>();   // request args -> its held record; guarded
    private final List<BiPredicate<Msg, RaftMessage>> watches = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<Msg>> requestWatches = new CopyOnWriteArrayList<>();

    Wire(Function<String, int[]> links) {
        this.links = links;
    }

    /** Loses every message from {@code from} to {@code to}: its requests, and its replies to {@code to}'s requests. */
    void cut(int from, int to) {
        cut.add(key(from, to));
    }

    /** Loses every request from {@code from} to {@code to}, but lets {@code from}'s replies to {@code to} through. */
    void cutRequests(int from, int to) {
        cutRequests.add(key(from, to));
    }

    /** Restores the link from {@code from} to {@code to} cut by {@link #cut} (a {@link #cutRequests} stays). */
    void uncut(int from, int to) {
        cut.remove(key(from, to));
    }

    /** Cuts {@code i} off from everyone else in both directions (the servers stay "connected" for the tester). */
    void isolate(int i, int n) {
        for (int j = 0; j < n; j++) {
            if (j != i) {
                cut(i, j);
                cut(j, i);
            }
        }
    }

    /** Restores every link. */
    void healAll() {
        cut.clear();
        cutRequests.clear();
    }

    /** Holds the first request matching {@code which} (even on a cut link) until released; at most {@code maxMillis}. */
    Held holdRequest(Predicate<Msg> which, long maxMillis) {
        Held h = new Held(which, maxMillis);
        heldRequests.add(h);
        return h;
    }

    /** Holds the reply to the first request matching {@code which} until released; at most {@code maxMillis}. */
    Held holdReply(Predicate<Msg> which, long maxMillis) {
        Held h = new Held(which, maxMillis);
        heldReplies.add(h);
        return h;
    }

    /** {@return a latch counted down at the first reply (delivered or lost) for which {@code which} holds} */
    CountDownLatch watchReply(BiPredicate<Msg, RaftMessage> which) {
        CountDownLatch seen = new CountDownLatch(1);
        watches.add((m, r) -> {
            if (seen.getCount() > 0 && which.test(m, r)) {
                seen.countDown();
            }
            return false;
        });
        return seen;
    }

    /** Calls {@code watch} with every Raft request that enters the network (lost ones too). */
    void watchRequests(java.util.function.Consumer<Msg> watch) {
        requestWatches.add(watch);
    }

    @Override
    public Verdict request(String endName, String serviceMethod, Object args) {
        Msg m = msg(endName, args);
        if (m == null) {
            return Verdict.PASS;
        }
        requestWatches.forEach(w -> w.accept(m));
        for (Held h : heldRequests) {
            if (claim(h, m)) {
                return Verdict.hold(h.release, h.maxMillis);   // a held request was already in the network
            }
        }
        for (Held h : heldReplies) {
            if (claim(h, m)) {
                return Verdict.PASS;                            // it goes through; its reply will be held
            }
        }
        long link = key(m.from(), m.to());
        return cut.contains(link) || cutRequests.contains(link) ? Verdict.DROP : Verdict.PASS;
    }

    @Override
    public Verdict reply(String endName, String serviceMethod, Object args, Object reply) {
        Msg m = msg(endName, args);
        if (m == null || !(reply instanceof RaftMessage r)) {
            return Verdict.PASS;
        }
        watches.forEach(w -> w.test(m, r));
        Held h;
        synchronized (tracked) {
            h = tracked.remove(args);
        }
        if (h != null) {
            h.reply = r;
            h.answered.countDown();
            if (heldReplies.contains(h)) {
                return Verdict.hold(h.release, h.maxMillis);
            }
        }
        return cut.contains(key(m.to(), m.from())) ? Verdict.DROP : Verdict.PASS;
    }

    /** Claims {@code m} for {@code h} if it is the first message {@code h} waits for. */
    private boolean claim(Held h, Msg m) {
        synchronized (h) {
            if (h.isCaught() || !h.which.test(m)) {
                return false;
            }
            h.msg = m;
            h.caught.countDown();
        }
        synchronized (tracked) {
            tracked.put(m.args(), h);
        }
        return true;
    }

    private Msg msg(String endName, Object args) {
        int[] link = links.apply(endName);
        if (link == null || !(args instanceof RaftMessage r)) {
            return null;
        }
        return new Msg(link[0], link[1], r);
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | to;
    }
}
