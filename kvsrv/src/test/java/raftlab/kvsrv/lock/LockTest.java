//+solution-file
package raftlab.kvsrv.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import raftlab.kvsrv.Clerk;
import raftlab.kvsrv.Err;
import raftlab.kvsrv.KVServer;
import raftlab.kvsrv.KvsrvRpc.GetArgs;
import raftlab.kvsrv.KvsrvRpc.GetReply;
import raftlab.kvsrv.KvsrvRpc.PutArgs;
import raftlab.kvsrv.KvsrvRpc.PutReply;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.net.Server;
import raftlab.labrpc.net.Service;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;

/**
 * The lock over a real {@link KVServer} on a reliable simulated network. Lost replies are scripted: the server is
 * restarted (same store) while chosen Puts run, so their reply is lost although they were applied, and the clerk's
 * re-send gets {@code ErrMaybe}.
 */
@Timeout(30)
class LockTest {

    /** The real server, plus a switch that loses the reply of chosen Puts (numbered from 1). */
    public final class LossyServer {
        final KVServer kv = KVServer.make();
        final AtomicInteger puts = new AtomicInteger();
        volatile IntPredicate loseReply = n -> false;

        @Rpc
        public GetReply get(GetArgs args) {
            return kv.get(args);
        }

        @Rpc
        public PutReply put(PutArgs args) {
            PutReply reply = kv.put(args);
            if (loseReply.test(puts.incrementAndGet())) {
                restart();
            }
            return reply;
        }
    }

    private final long mark = Sim.threads().mark();
    private final Network net = new Network(new LabRandom(1));
    private final LossyServer server = new LossyServer();
    private final AtomicInteger ends = new AtomicInteger();

    LockTest() {
        register();
    }

    private void register() {
        net.addServer("server", new Server().addService(Service.of("KVServer", server)));
    }

    private void restart() {
        net.deleteServer("server");
        register();
    }

    private Clerk clerk() {
        ClientEnd end = net.makeEnd("clerk-" + ends.getAndIncrement());
        net.connect(end.name(), "server");
        net.enable(end.name(), true);
        return new Clerk(end);
    }

    @AfterEach
    void cleanup() {
        net.cleanup();
        long deadline = Sim.millis() + 1000;
        while (!Sim.threads().aliveSince(mark).isEmpty() && Sim.millis() < deadline) {
            Sim.sleep(5);
        }
        assertThat(Sim.threads().aliveSince(mark)).isEmpty();
    }

    @Test
    void acquireAndReleaseRepeatedly() {
        Lock lock = new Lock(clerk(), "l");
        for (int i = 0; i < 5; i++) {
            lock.acquire();
            lock.release();
        }
        assertThat(server.kv.get(new GetArgs("l")).err()).isEqualTo(Err.OK);
    }

    @Test
    void aSecondClientWaitsUntilTheHolderReleases() throws InterruptedException {
        Lock first = new Lock(clerk(), "l");
        Lock second = new Lock(clerk(), "l");
        first.acquire();
        AtomicInteger acquired = new AtomicInteger();
        Thread t = Sim.go("second", () -> {
            second.acquire();
            acquired.incrementAndGet();
            second.release();
        });
        Sim.sleep(200);
        assertThat(acquired.get()).as("acquired while the first client held the lock").isZero();
        first.release();
        t.join(5000);
        assertThat(acquired.get()).isEqualTo(1);
    }

    @Test
    void clientsNeverOverlap() throws InterruptedException {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            Lock lock = new Lock(clerk(), "l");
            threads.add(Sim.go("client-" + c, () -> {
                for (int i = 0; i < 20; i++) {
                    lock.acquire();
                    if (inside.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    Sim.sleep(1);
                    inside.decrementAndGet();
                    lock.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertThat(overlaps.get()).isZero();
    }

    @Test
    void anAcquireWhosePutWasAppliedButAnsweredErrMaybeHoldsTheLock() throws InterruptedException {
        server.loseReply = n -> n == 1;   // the acquiring Put is applied; the clerk's re-send gets ErrMaybe
        Lock lock = new Lock(clerk(), "l");
        Thread t = Sim.go("acquire", lock::acquire);
        t.join(5000);
        assertThat(t.isAlive()).as("acquire() returns although its Put said ErrMaybe").isFalse();
        lock.release();
        new Lock(clerk(), "l").acquire();   // and the release freed it
    }

    @Test
    void aReleaseWhosePutWasAppliedButAnsweredErrMaybeFreesTheLock() throws InterruptedException {
        Lock lock = new Lock(clerk(), "l");
        lock.acquire();
        int before = server.puts.get();
        server.loseReply = n -> n == before + 1;
        lock.release();
        Thread t = Sim.go("acquire", () -> new Lock(clerk(), "l").acquire());
        t.join(5000);
        assertThat(t.isAlive()).as("another client acquires after the release").isFalse();
    }

    @Test
    void releaseWithoutAcquireIsAClearError() {
        assertThatThrownBy(() -> new Lock(clerk(), "l").release())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not hold the lock");
        assertThatThrownBy(() -> new Lock(null, "l")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Lock(clerk(), null)).isInstanceOf(NullPointerException.class);
    }
}
