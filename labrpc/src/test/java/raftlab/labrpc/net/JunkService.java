package raftlab.labrpc.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import raftlab.labrpc.sim.Sim;

/** The test service of MIT's labrpc tests ("JunkServer"), as records and {@code @Rpc} handlers. */
public final class JunkService {

    public record IntArgs(int x) {}

    public record StringReply(String x) {}

    public record StringArgs(String x) {}

    public record IntReply(int x) {}

    public record ListArgs(List<Integer> xs) {}

    public record ListReply(List<Integer> xs) {}

    public record LockReply(java.util.concurrent.locks.ReentrantLock lock) {}

    final AtomicInteger calls = new AtomicInteger();
    final List<Integer> seen = new ArrayList<>();

    /** Replies with the handler's name and its argument, like JunkServer.Handler2. */
    @Rpc
    public StringReply handler2(IntArgs args) {
        calls.incrementAndGet();
        synchronized (seen) {
            seen.add(args.x());
        }
        return new StringReply("handler2-" + args.x());
    }

    /** Replies with the argument's length. */
    @Rpc
    public IntReply handler4(StringArgs args) {
        calls.incrementAndGet();
        return new IntReply(args.x().length());
    }

    /** Replies with a 107-character string (TestBytes). */
    @Rpc
    public StringReply handler107(IntArgs args) {
        calls.incrementAndGet();
        return new StringReply("x".repeat(107));
    }

    /** Sleeps 20 s before replying (TestKilled). */
    @Rpc
    public StringReply sleepy(IntArgs args) {
        calls.incrementAndGet();
        Sim.sleep(20_000);
        return new StringReply("woke up");
    }

    /** Returns its argument list, after adding to it (to show the caller's list is a different object). */
    @Rpc
    public ListReply mutate(ListArgs args) {
        calls.incrementAndGet();
        List<Integer> xs = args.xs();
        xs.add(-1);
        return new ListReply(xs);
    }

    /** Throws, to show how a failing handler is reported. */
    @Rpc
    public IntReply broken(IntArgs args) {
        throw new IllegalStateException("broken handler");
    }

    /** Returns null, which is not a reply. */
    @Rpc
    public IntReply nothing(IntArgs args) {
        return null;
    }

    /** Returns a reply the codec cannot copy. */
    @Rpc
    public LockReply lockReply(IntArgs args) {
        return new LockReply(new java.util.concurrent.locks.ReentrantLock());
    }

    int calls() {
        return calls.get();
    }
}
