//+solution-file
package raftlab.kvsrv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
 * The clerk's re-send and {@code ErrMaybe} rules, against a scripted "KVServer" stand-in on a real simulated network.
 * A lost reply is made by restarting the server while its handler runs: the network then drops the handler's reply
 * (the caller's server is gone), with no timing involved.
 */
@Timeout(20)
class ClerkTest {

    /** A stand-in server: answers with whatever the test scripts, and counts calls. */
    public static final class Stub {
        final AtomicInteger gets = new AtomicInteger();
        final AtomicInteger puts = new AtomicInteger();
        volatile IntFunction<GetReply> onGet = n -> new GetReply("", 0, Err.ErrNoKey);
        volatile IntFunction<PutReply> onPut = n -> new PutReply(Err.OK);

        @Rpc
        public GetReply get(GetArgs args) {
            return onGet.apply(gets.incrementAndGet());
        }

        @Rpc
        public PutReply put(PutArgs args) {
            return onPut.apply(puts.incrementAndGet());
        }
    }

    private final long mark = Sim.threads().mark();
    private final Network net = new Network(new LabRandom(1));
    private final Stub stub = new Stub();
    private final ClientEnd end;

    ClerkTest() {
        register();
        end = net.makeEnd("clerk");
        net.connect(end.name(), "server");
        net.enable(end.name(), true);
    }

    private void register() {
        net.addServer("server", new Server().addService(Service.of("KVServer", stub)));
    }

    /** Replaces the server by a new incarnation with the same stub: a reply of the old one in flight is lost. */
    private void restart() {
        net.deleteServer("server");
        register();
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
    void getReturnsTheFirstReplyAsItIs() {
        stub.onGet = n -> new GetReply("v", 3, Err.OK);
        assertThat(new Clerk(end).get("k")).isEqualTo(new GetReply("v", 3, Err.OK));
        stub.onGet = n -> new GetReply("", 0, Err.ErrNoKey);
        assertThat(new Clerk(end).get("k")).isEqualTo(new GetReply("", 0, Err.ErrNoKey));
        assertThat(stub.gets.get()).isEqualTo(2);
    }

    @Test
    void getResendsAfterALostReply() {
        stub.onGet = n -> {
            if (n == 1) {
                restart();
            }
            return new GetReply("v" + n, n, Err.OK);
        };
        assertThat(new Clerk(end).get("k")).isEqualTo(new GetReply("v2", 2, Err.OK));
    }

    @Test
    void errVersionOnTheFirstAttemptIsErrVersion() {
        stub.onPut = n -> new PutReply(Err.ErrVersion);
        assertThat(new Clerk(end).put("k", "v", 5)).isEqualTo(Err.ErrVersion);
        assertThat(stub.puts.get()).isEqualTo(1);
    }

    @Test
    void errVersionAfterALostReplyIsErrMaybe() {
        // the first attempt is applied but its reply is lost; the re-sent one finds the version already bumped
        stub.onPut = n -> {
            if (n == 1) {
                restart();
                return new PutReply(Err.OK);
            }
            return new PutReply(Err.ErrVersion);
        };
        assertThat(new Clerk(end).put("k", "v", 0)).isEqualTo(Err.ErrMaybe);
        assertThat(stub.puts.get()).isEqualTo(2);
    }

    @Test
    void okOrErrNoKeyAfterALostReplyAreReturnedAsTheyAre() {
        AtomicReference<Err> second = new AtomicReference<>(Err.OK);
        stub.onPut = n -> {
            if (n % 2 == 1) {
                restart();
            }
            return new PutReply(second.get());
        };
        Clerk ck = new Clerk(end);
        assertThat(ck.put("k", "v", 0)).isEqualTo(Err.OK);
        second.set(Err.ErrNoKey);
        assertThat(ck.put("k", "v", 3)).isEqualTo(Err.ErrNoKey);
    }

    @Test
    void eachPutStartsAsAFirstAttempt() {
        // a re-send in one Put must not make the next Put's first ErrVersion an ErrMaybe
        stub.onPut = n -> {
            if (n == 1) {
                restart();
            }
            return new PutReply(n == 2 ? Err.OK : Err.ErrVersion);
        };
        Clerk ck = new Clerk(end);
        assertThat(ck.put("k", "v", 0)).isEqualTo(Err.OK);
        assertThat(ck.put("k", "v", 0)).isEqualTo(Err.ErrVersion);
    }

    @Test
    void anInterruptedCallThrowsCancellationException() throws InterruptedException {
        net.enable(end.name(), false);   // every call fails: the clerk would re-send forever
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Sim.go("clerk", () -> {
            try {
                new Clerk(end).get("k");
            } catch (CancellationException e) {
                thrown.set(e);
            }
        });
        Sim.sleep(150);
        t.interrupt();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsSent() {
        Clerk ck = new Clerk(end);
        assertThatThrownBy(() -> ck.put("k", "v", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> ck.put(null, "v", 0))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("key is null");
        assertThatThrownBy(() -> ck.put("k", null, 0))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("value is null");
        assertThatThrownBy(() -> ck.get(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("key is null");
        assertThatThrownBy(() -> new Clerk(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("server is null");
        assertThat(stub.puts.get() + stub.gets.get()).isZero();
    }
}
