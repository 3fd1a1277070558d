package raftlab.labrpc.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import raftlab.labrpc.net.JunkService.IntArgs;
import raftlab.labrpc.net.JunkService.StringReply;
import raftlab.labrpc.net.RpcInterceptor.Verdict;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;
import raftlab.labrpc.sim.SimRuntime;
import raftlab.labrpc.sim.SimulatedRuntime;

/**
 * raftlab's own request faults, beyond MIT's labrpc: reordered and duplicated requests, and the interceptor that
 * holds or loses chosen messages for directed tests. All off by default.
 */
@Timeout(60)
class NetworkRequestFaultsTest {

    private final NetFixture fx = new NetFixture(new LabRandom(20261129));
    private final Network net = fx.net;
    private final JunkService junk = new JunkService();

    @AfterEach
    void cleanup() {
        fx.close();
    }

    @Test
    @DisplayName("reordering and duplication are off by default, as in labrpc")
    void offByDefault() {
        assertThat(net.isReorderRequests()).isFalse();
        assertThat(net.isDuplicateRequests()).isFalse();
    }

    @Test
    @DisplayName("with reordered requests, a request sent later on the same end can be handled first; all succeed")
    void reorderedRequestsOvertake() {
        List<Integer> seen = sendSpaced(true, false, 100);

        assertThat(seen).as("every request handled once").hasSize(100).containsExactlyInAnyOrderElementsOf(range(100));
        assertThat(inversions(seen)).as("requests handled after a later one").isPositive();
    }

    @Test
    @DisplayName("without reordering, requests sent 5 ms apart are handled in the order sent")
    void noReorderingKeepsOrder() {
        List<Integer> seen = sendSpaced(false, false, 50);

        assertThat(seen).containsExactlyElementsOf(range(50));
    }

    @Test
    @DisplayName("with duplicated requests, some handlers run twice; each caller gets exactly its own reply")
    void duplicatedRequestsRunTwice() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");
        net.setDuplicateRequests(true);

        for (int i = 0; i < 300; i++) {
            assertThat(end.call("JunkServer.handler2", new IntArgs(i), StringReply.class))
                    .contains(new StringReply("handler2-" + i));
        }
        Sim.sleep(600);   // longer than the latest a duplicate can follow its original (499 ms)

        assertThat(junk.calls()).as("handler runs for 300 calls, 10% duplicated").isBetween(301, 380);
        synchronized (junk.seen) {
            assertThat(junk.seen).containsAll(range(300));
        }
    }

    @Test
    @DisplayName("a held request is delivered after a later one, when released")
    void heldRequestArrivesLate() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");
        CountDownLatch release = new CountDownLatch(1);
        net.setInterceptor((endName, method, args) ->
                args instanceof IntArgs(int x) && x == 1 ? Verdict.hold(release, 10_000) : Verdict.PASS);

        AtomicReference<Optional<StringReply>> first = new AtomicReference<>();
        Thread caller = Sim.go("first", () -> first.set(end.call("JunkServer.handler2", new IntArgs(1),
                StringReply.class)));
        assertThat(end.call("JunkServer.handler2", new IntArgs(2), StringReply.class)).isPresent();
        release.countDown();
        join(caller);

        assertThat(first.get()).contains(new StringReply("handler2-1"));
        synchronized (junk.seen) {
            assertThat(junk.seen).containsExactly(2, 1);
        }
    }

    @Test
    @DisplayName("a dropped request fails without running the handler")
    void droppedRequestFails() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");
        net.setInterceptor((endName, method, args) -> Verdict.DROP);

        assertThat(end.call("JunkServer.handler2", new IntArgs(1), StringReply.class)).isEmpty();
        assertThat(junk.calls()).isZero();
    }

    @Test
    @DisplayName("a held reply reaches the caller only when released; a dropped one fails the call after the handler ran")
    void heldAndDroppedReplies() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");
        CountDownLatch release = new CountDownLatch(1);
        net.setInterceptor(new RpcInterceptor() {
            @Override
            public Verdict request(String endName, String method, Object args) {
                return Verdict.PASS;
            }

            @Override
            public Verdict reply(String endName, String method, Object args, Object reply) {
                return ((IntArgs) args).x() == 1 ? Verdict.hold(release, 10_000) : Verdict.DROP;
            }
        });

        CountDownLatch returned = new CountDownLatch(1);
        Thread caller = Sim.go("held", () -> {
            end.call("JunkServer.handler2", new IntArgs(1), StringReply.class);
            returned.countDown();
        });
        assertThat(end.call("JunkServer.handler2", new IntArgs(2), StringReply.class)).isEmpty();
        assertThat(Sim.await(returned, 300)).as("held reply returned before release").isFalse();
        assertThat(junk.calls()).as("both handlers ran").isEqualTo(2);
        release.countDown();
        join(caller);
        assertThat(returned.getCount()).isZero();
    }

    @Test
    @DisplayName("a hold never released ends at its time limit, and the message is delivered")
    void holdIsBounded() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");
        net.setInterceptor((endName, method, args) -> Verdict.hold(new CountDownLatch(1), 200));

        long t0 = Sim.millis();
        assertThat(end.call("JunkServer.handler2", new IntArgs(7), StringReply.class)).isPresent();
        assertThat(Sim.millis() - t0).isGreaterThanOrEqualTo(200);
    }

    @Test
    @DisplayName("cleanup ends a hold at once: the call fails")
    void cleanupEndsHold() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");
        net.setInterceptor((endName, method, args) -> Verdict.hold(new CountDownLatch(1), 60_000));
        AtomicReference<Optional<StringReply>> result = new AtomicReference<>();
        Thread caller = Sim.go("held", () -> result.set(end.call("JunkServer.handler2", new IntArgs(7),
                StringReply.class)));
        Sim.sleep(100);

        long t0 = Sim.millis();
        net.cleanup();
        join(caller);

        assertThat(result.get()).isEmpty();
        assertThat(Sim.millis() - t0).isLessThan(1000);
        assertThat(junk.calls()).isZero();
    }

    @Test
    @DisplayName("a request held while its server was replaced reaches the new server (a packet waiting in the network)")
    void heldRequestReachesReplacement() {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");
        CountDownLatch release = new CountDownLatch(1);
        net.setInterceptor((endName, method, args) -> Verdict.hold(release, 10_000));
        AtomicReference<Optional<StringReply>> result = new AtomicReference<>();
        Thread caller = Sim.go("held", () -> result.set(end.call("JunkServer.handler2", new IntArgs(3),
                StringReply.class)));
        Sim.sleep(100);

        net.deleteServer("s");
        JunkService restarted = new JunkService();
        fx.server("s", restarted);
        release.countDown();
        join(caller);

        assertThat(result.get()).contains(new StringReply("handler2-3"));
        assertThat(junk.calls()).isZero();
        assertThat(restarted.calls()).isEqualTo(1);
    }

    @Test
    @DisplayName("simulation mode: reordered and duplicated requests run in virtual time, the same seed the same way")
    void simulationModeIsDeterministic() {
        assertThat(SimulatedRuntime.unsupportedReason()).as("this JVM runs the simulation").isNull();
        List<Integer> first = inSimulation(77);
        List<Integer> second = inSimulation(77);

        assertThat(first).hasSizeGreaterThan(60).containsAll(range(60));
        assertThat(inversions(first)).isPositive();
        assertThat(second).isEqualTo(first);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static List<Integer> inSimulation(long seed) {
        SimulatedRuntime sim = new SimulatedRuntime(seed);
        SimRuntime old = Sim.install(sim);
        try {
            return sim.supply("main", () -> {
                try (NetFixture f = new NetFixture(new LabRandom(seed))) {
                    JunkService j = new JunkService();
                    f.server("s", j);
                    ClientEnd end = f.end("e", "s");
                    f.net.setReorderRequests(true);
                    f.net.setDuplicateRequests(true);
                    CountDownLatch returned = new CountDownLatch(60);
                    for (int i = 0; i < 60; i++) {
                        int x = i;
                        Sim.go("caller " + i, () -> {
                            end.call("JunkServer.handler2", new IntArgs(x), StringReply.class);
                            returned.countDown();
                        });
                        Sim.sleep(5);
                    }
                    assertThat(Sim.await(returned, 30_000)).as("every call returned").isTrue();
                    Sim.sleep(600);
                    synchronized (j.seen) {
                        return List.copyOf(j.seen);
                    }
                }
            });
        } finally {
            Sim.install(old);
        }
    }

    /** Sends {@code n} requests on one end, each from its own thread, 5 ms apart; {@return the order handled} */
    private List<Integer> sendSpaced(boolean reorder, boolean duplicate, int n) {
        fx.server("s", junk);
        ClientEnd end = fx.end("e", "s");
        net.setReorderRequests(reorder);
        net.setDuplicateRequests(duplicate);
        Map<Integer, Boolean> ok = new ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int x = i;
            callers.add(Sim.go("caller " + i, () -> ok.put(x, end.call("JunkServer.handler2", new IntArgs(x),
                    StringReply.class).isPresent())));
            Sim.sleep(5);
        }
        callers.forEach(NetworkRequestFaultsTest::join);
        assertThat(ok).hasSize(n).doesNotContainValue(false);
        synchronized (junk.seen) {
            return List.copyOf(junk.seen);
        }
    }

    private static int inversions(List<Integer> seen) {
        int count = 0;
        for (int i = 1; i < seen.size(); i++) {
            if (seen.get(i) < seen.get(i - 1)) {
                count++;
            }
        }
        return count;
    }

    private static List<Integer> range(int n) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(i);
        }
        return r;
    }

    private static void join(Thread t) {
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(t.isAlive()).as(t.getName() + " still running").isFalse();
    }
}
