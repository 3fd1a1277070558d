//+solution-file
package raftlab.kvsrv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import raftlab.kvsrv.KvsrvRpc.GetArgs;
import raftlab.kvsrv.KvsrvRpc.GetReply;
import raftlab.kvsrv.KvsrvRpc.PutArgs;
import raftlab.kvsrv.KvsrvRpc.PutReply;
import raftlab.labrpc.sim.Sim;

/** The server's table of Get and Put results (MIT's kvsrv1 handout), called directly, without a network. */
@Timeout(20)
class KVServerTest {

    private final KVServer kv = KVServer.make();

    @Test
    void getOfAMissingKeyIsErrNoKey() {
        assertThat(kv.get(new GetArgs("k"))).isEqualTo(new GetReply("", 0, Err.ErrNoKey));
    }

    @Test
    void putAtVersionZeroCreatesTheKeyAtVersionOne() {
        assertThat(kv.put(new PutArgs("k", "a", 0))).isEqualTo(new PutReply(Err.OK));
        assertThat(kv.get(new GetArgs("k"))).isEqualTo(new GetReply("a", 1, Err.OK));
    }

    @Test
    void putAtTheKeysVersionReplacesTheValueAndBumpsTheVersion() {
        kv.put(new PutArgs("k", "a", 0));
        assertThat(kv.put(new PutArgs("k", "b", 1))).isEqualTo(new PutReply(Err.OK));
        assertThat(kv.get(new GetArgs("k"))).isEqualTo(new GetReply("b", 2, Err.OK));
    }

    @Test
    void putAtAnotherVersionIsErrVersionAndChangesNothing() {
        kv.put(new PutArgs("k", "a", 0));
        assertThat(kv.put(new PutArgs("k", "b", 0))).isEqualTo(new PutReply(Err.ErrVersion));
        assertThat(kv.put(new PutArgs("k", "b", 7))).isEqualTo(new PutReply(Err.ErrVersion));
        assertThat(kv.get(new GetArgs("k"))).isEqualTo(new GetReply("a", 1, Err.OK));
    }

    @Test
    void putToAMissingKeyAtAVersionAboveZeroIsErrNoKeyAndCreatesNothing() {
        assertThat(kv.put(new PutArgs("y", "a", 1))).isEqualTo(new PutReply(Err.ErrNoKey));
        assertThat(kv.get(new GetArgs("y")).err()).isEqualTo(Err.ErrNoKey);
    }

    @Test
    void keysAreIndependent() {
        kv.put(new PutArgs("a", "1", 0));
        kv.put(new PutArgs("a", "2", 1));
        assertThat(kv.put(new PutArgs("b", "x", 0))).isEqualTo(new PutReply(Err.OK));
        assertThat(kv.get(new GetArgs("b"))).isEqualTo(new GetReply("x", 1, Err.OK));
    }

    @Test
    void racingPutsAtTheSameVersionHaveExactlyOneWinner() throws InterruptedException {
        // handlers run concurrently on the network's threads; the version check must be atomic with the write
        final int clients = 8;
        final int rounds = 200;
        AtomicInteger oks = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String me = Integer.toString(c);
            threads.add(Sim.go("putter-" + c, () -> {
                for (int i = 0; i < rounds; i++) {
                    long v = kv.get(new GetArgs("k")).version();
                    if (kv.put(new PutArgs("k", me, v)).err() == Err.OK) {
                        oks.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(kv.get(new GetArgs("k")).version()).isEqualTo(oks.get());
    }

    @Test
    void badArgumentsAreRejectedWhenMade() {
        assertThatThrownBy(() -> new PutArgs("k", "v", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new PutArgs(null, "v", 0))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("key is null");
        assertThatThrownBy(() -> new PutArgs("k", null, 0))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("value is null");
        assertThatThrownBy(() -> new GetArgs(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("key is null");
    }
}
