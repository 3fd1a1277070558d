//+solution-file
package raftlab.kvraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import raftlab.kvraft.KvRpc.GetArgs;
import raftlab.kvraft.KvRpc.GetReply;
import raftlab.kvraft.KvRpc.PutArgs;
import raftlab.kvraft.KvRpc.PutReply;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.net.Server;
import raftlab.labrpc.net.Service;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;

/** The clerk's retry rules, against scripted "KVServer" stand-ins on a real simulated network. */
@Timeout(20)
class ClerkTest {

    /** A stand-in server: answers with whatever the test scripts, and counts calls. */
    public static final class Stub {
        final AtomicInteger gets = new AtomicInteger();
        final AtomicInteger puts = new AtomicInteger();
        volatile Function<Integer, GetReply> onGet = n -> new GetReply("", 0, Err.ErrWrongLeader);
        volatile Function<Integer, PutReply> onPut = n -> new PutReply(Err.ErrWrongLeader);

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
    private final List<Stub> stubs = new ArrayList<>();
    private final List<ClientEnd> ends = new ArrayList<>();

    ClerkTest() {
        for (int i = 0; i < 3; i++) {
            Stub stub = new Stub();
            stubs.add(stub);
            net.addServer("server-" + i, new Server().addService(Service.of("KVServer", stub)));
            ClientEnd end = net.makeEnd("clerk-" + i);
            net.connect(end.name(), "server-" + i);
            net.enable(end.name(), true);
            ends.add(end);
        }
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
    void findsTheLeaderAndRemembersIt() {
        stubs.get(2).onGet = n -> new GetReply("v", 3, Err.OK);
        Clerk ck = new Clerk(ends);
        assertThat(ck.get("k")).isEqualTo(new GetReply("v", 3, Err.OK));
        assertThat(ck.get("k")).isEqualTo(new GetReply("v", 3, Err.OK));
        // the first get asked 0, 1, then 2; the second went straight to 2
        assertThat(stubs.get(0).gets.get()).isEqualTo(1);
        assertThat(stubs.get(1).gets.get()).isEqualTo(1);
        assertThat(stubs.get(2).gets.get()).isEqualTo(2);
    }

    @Test
    void getReturnsErrNoKeyAsItIs() {
        stubs.get(0).onGet = n -> new GetReply("", 0, Err.ErrNoKey);
        assertThat(new Clerk(ends).get("k").err()).isEqualTo(Err.ErrNoKey);
    }

    @Test
    void keepsTryingWhileThereIsNoLeader() {
        Clerk ck = new Clerk(ends);
        // no leader for three rounds (an election), then server 1 wins; counted in calls, not in wall time, so a
        // slow machine cannot let the clerk's first call find the leader already elected
        stubs.get(1).onPut = n -> new PutReply(n <= 3 ? Err.ErrWrongLeader : Err.OK);
        assertThat(ck.put("k", "v", 0)).isEqualTo(Err.OK);
        assertThat(stubs.get(1).puts.get()).isEqualTo(4);
    }

    @Test
    void errVersionOnTheFirstAttemptIsErrVersion() {
        stubs.get(0).onPut = n -> new PutReply(Err.ErrVersion);
        assertThat(new Clerk(ends).put("k", "v", 5)).isEqualTo(Err.ErrVersion);
    }

    @Test
    void errVersionAfterALostReplyIsErrMaybe() {
        // server 0 applies the first put but its reply is lost (its end is cut while the handler runs); the cut heals
        // only once the clerk has given up on that reply and asked server 1, so no timing decides whether the reply
        // was lost. The re-sent put then finds the version already bumped.
        stubs.get(0).onPut = n -> {
            if (n == 1) {
                net.enable("clerk-0", false);
                return new PutReply(Err.OK);
            }
            return new PutReply(Err.ErrVersion);
        };
        stubs.get(1).onPut = n -> {
            net.enable("clerk-0", true);
            return new PutReply(Err.ErrWrongLeader);
        };
        assertThat(new Clerk(ends).put("k", "v", 0)).isEqualTo(Err.ErrMaybe);
        assertThat(stubs.get(0).puts.get()).isEqualTo(2);
    }

    @Test
    void okAndErrNoKeyAreReturnedAsTheyAre() {
        stubs.get(0).onPut = n -> new PutReply(n == 1 ? Err.ErrNoKey : Err.OK);
        Clerk ck = new Clerk(ends);
        assertThat(ck.put("k", "v", 4)).isEqualTo(Err.ErrNoKey);
        assertThat(ck.put("k", "v", 0)).isEqualTo(Err.OK);
    }

    @Test
    void badInputIsRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> new Clerk(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        Clerk ck = new Clerk(ends);
        assertThatThrownBy(() -> ck.put("k", "v", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThat(stubs.get(0).puts.get()).isZero();
    }
}
