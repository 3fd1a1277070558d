package raftlab.labrpc.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import raftlab.labrpc.codec.CodecException;
import raftlab.labrpc.net.JunkService.IntArgs;
import raftlab.labrpc.net.JunkService.IntReply;
import raftlab.labrpc.net.JunkService.StringReply;
import raftlab.labrpc.sim.Sim;
import raftlab.labrpc.sim.ThreadRegistry;

/** Programming errors get a clear exception at the call site, never a hang or a silent drop. */
@Timeout(30)
class NetworkBadInputTest {

    private final NetFixture fx = new NetFixture();
    private final Network net = fx.net;
    private final JunkService junk = new JunkService();

    @AfterEach
    void cleanup() {
        fx.close();
    }

    record LockArgs(ReentrantLock lock) {}

    /** Handlers of the wrong shapes, each a registration error. */
    static final class WrongShapes {
        @Rpc
        public void noReply(IntArgs args) {}

        @Rpc
        public IntReply twoArgs(IntArgs a, IntArgs b) {
            return null;
        }

        @Rpc
        public IntReply fine(IntArgs args) {
            return new IntReply(1);
        }
    }

    static final class NoHandlers {
        public IntReply notAnnotated(IntArgs args) {
            return new IntReply(1);
        }
    }

    @Test
    @DisplayName("null arguments are rejected at once with the name of what is missing")
    void nullArguments() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");

        assertThatThrownBy(() -> end.call("JunkServer.handler2", null, StringReply.class))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("args is null");
        assertThatThrownBy(() -> end.call(null, new IntArgs(1), StringReply.class))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("serviceMethod is null");
        assertThatThrownBy(() -> end.call("JunkServer.handler2", new IntArgs(1), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("replyType is null");
        assertThatThrownBy(() -> net.makeEnd(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Network(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("an argument the codec cannot copy fails the call before it enters the network, naming the field")
    void nonCopyableArgument() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");

        assertThatThrownBy(() -> end.call("JunkServer.handler2", new LockArgs(new ReentrantLock()), IntReply.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("LockArgs")
                .hasMessageContaining("lock");
        assertThat(net.totalCount()).isZero();
    }

    @Test
    @DisplayName("an unknown service or method throws at once and lists what the server has")
    void unknownServiceOrMethod() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");

        assertThatThrownBy(() -> end.call("Raft.requestVote", new IntArgs(1), IntReply.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown service Raft")
                .hasMessageContaining("[JunkServer]");
        assertThatThrownBy(() -> end.call("JunkServer.handler3", new IntArgs(1), IntReply.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown method JunkServer.handler3")
                .hasMessageContaining("handler2");
        assertThatThrownBy(() -> end.call("JunkServer.handler2", new IntArgs(1), IntReply.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returns " + StringReply.class.getName());
    }

    @Test
    @DisplayName("handlers of the wrong shape are rejected at registration, naming each and the valid ones")
    void wrongHandlerShape() {
        assertThatThrownBy(() -> Service.of("Bad", new WrongShapes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("noReply(IntArgs) returns void")
                .hasMessageContaining("twoArgs(IntArgs, IntArgs) takes 2 arguments")
                .hasMessageContaining("Valid handlers: [fine]");
        assertThatThrownBy(() -> Service.of(new NoHandlers()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no @Rpc methods");
        assertThatThrownBy(() -> Service.of("Bad.Name", junk))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contain no '.'");
    }

    @Test
    @DisplayName("duplicate end, server and service names are refused")
    void duplicateNames() {
        fx.server("s", junk);
        net.makeEnd("e");

        assertThatThrownBy(() -> net.makeEnd("e"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e already exists");
        assertThatThrownBy(() -> net.addServer("s", new Server()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deleteServer(\"s\") first");
        assertThatThrownBy(() -> new Server().addService(Service.of(junk)).addService(Service.of(junk)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has a service");

        // After a crash (delete), the name is free again: that is how a server restarts.
        net.deleteServer("s");
        net.addServer("s", new Server().addService(Service.of("JunkServer", new JunkService())));
    }

    @Test
    @DisplayName("unknown end names are refused with the name")
    void unknownEnd() {
        assertThatThrownBy(() -> net.enable("nope", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no end named nope");
        assertThatThrownBy(() -> net.count("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no live server named nope");
    }

    /*
     * "At once" against a clock on a loaded machine: ten failed calls in under a second. A call through the disabled
     * end would otherwise wait out a long delay, uniform over 0-6999 ms; five such waits add up to less than a
     * second only with probability (1/7)^5 / 5! < 1e-6, while ten calls that fail at once take milliseconds.
     */
    @Test
    @DisplayName("after cleanup, calls fail at once and changes to the network are refused")
    void cleanedUpNetwork() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");
        ClientEnd disabled = net.makeEnd("d");
        net.setLongDelays(true);
        net.cleanup();

        long start = Sim.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(end.call("JunkServer.handler2", new IntArgs(1), StringReply.class)).isEmpty();
            assertThat(disabled.call("JunkServer.handler2", new IntArgs(1), StringReply.class)).isEmpty();
        }
        assertThat((Sim.nanoTime() - start) / 1_000_000).as("ms for ten calls after cleanup").isLessThan(1000);
        assertThatThrownBy(() -> net.makeEnd("f"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cleaned up");
    }

    /*
     * The callers are first seen waiting out their delays (not merely started), so cleanup really has pending calls
     * to wake. Two seconds for them to end is generous for a woken thread; a caller that ignored cleanup would end
     * that soon only if its delay (uniform over 0-6999 ms) were that short, and all fifteen with probability
     * (2/7)^15 < 1e-8.
     */
    @Test
    @DisplayName("cleanup fails calls that wait out a long delay at once")
    void cleanupWakesPendingCalls() throws InterruptedException {
        net.setLongDelays(true);
        ClientEnd end = net.makeEnd("e");   // disabled: a call fails only after up to 7 s
        AtomicInteger failed = new AtomicInteger();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            callers.add(Sim.go("caller " + i, () -> {
                if (end.call("JunkServer.handler2", new IntArgs(1), StringReply.class).isEmpty()) {
                    failed.incrementAndGet();
                }
            }));
        }
        NetFixture.awaitPausing(callers);

        net.cleanup();
        long deadline = Sim.millis() + 2000;
        for (Thread caller : callers) {
            caller.join(Math.max(1, deadline - Sim.millis()));
        }

        assertThat(callers).as("callers still waiting 2 s after cleanup").noneMatch(Thread::isAlive);
        assertThat(failed).hasValue(15);
    }

    @Test
    @DisplayName("a handler that throws, returns null or returns an uncopyable reply fails its call; the error is recorded")
    void brokenHandler() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");
        long mark = Sim.threads().mark();

        assertThat(end.call("JunkServer.broken", new IntArgs(1), IntReply.class)).isEmpty();
        assertThat(end.call("JunkServer.nothing", new IntArgs(1), IntReply.class)).isEmpty();
        assertThat(end.call("JunkServer.lockReply", new IntArgs(1), JunkService.LockReply.class)).isEmpty();

        List<ThreadRegistry.Failure> failures = Sim.threads().failuresSince(mark);
        assertThat(failures).extracting(f -> f.error().getMessage())
                .hasSize(3)
                .contains("broken handler",
                        "handler JunkServer.nothing returned null; return a reply object (a record)");
        assertThat(failures.get(2).error()).isInstanceOf(CodecException.class)
                .hasMessageContaining("LockReply").hasMessageContaining("lock");
    }
}
