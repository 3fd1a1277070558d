package raftlab.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import raftlab.labrpc.sim.Sim;
import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvInput;
import raftlab.linearizability.kv.KvOutput;
import raftlab.linearizability.kv.VersionedKvModel;

/** How time is read: closed intervals, zero-duration operations, events, calls that never return, the recorder. */
class HistoriesTest {

    private static final VersionedKvModel KV = new VersionedKvModel();

    private static Operation<KvInput, KvOutput> put(int client, String v, long version, Err err, long call, long ret) {
        return new Operation<>(client, new KvInput.Put("k", v, version), call, new KvOutput.PutResult(err), ret);
    }

    private static Operation<KvInput, KvOutput> get(int client, String v, long version, long call, long ret) {
        Err err = version == 0 ? Err.ErrNoKey : Err.OK;
        return new Operation<>(client, new KvInput.Get("k"), call, new KvOutput.GetResult(v, version, err), ret);
    }

    @Test
    @DisplayName("intervals are closed: a read that starts when a write returns may still see the old value")
    void touchingIntervalsAreConcurrent() {
        var touching = List.of(put(0, "a", 0, Err.OK, 10, 20), get(1, "", 0, 20, 30));
        var apart = List.of(put(0, "a", 0, Err.OK, 10, 20), get(1, "", 0, 21, 30));

        assertThat(Linearizability.check(KV, touching, Duration.ZERO)).isEqualTo(CheckResult.OK);
        assertThat(Linearizability.check(KV, apart, Duration.ZERO)).isEqualTo(CheckResult.ILLEGAL);
    }

    @Test
    @DisplayName("zero-duration operations at one timestamp are concurrent with each other")
    void zeroDurationOperations() {
        // All at time 5: either order is possible, so reading "a" and reading "" are both fine...
        var sameInstant = List.of(put(0, "a", 0, Err.OK, 5, 5), get(1, "", 0, 5, 5), get(2, "a", 1, 5, 5));
        assertThat(Linearizability.check(KV, sameInstant, Duration.ZERO)).isEqualTo(CheckResult.OK);
        // ...but one instant later the write is in the past.
        var later = List.of(put(0, "a", 0, Err.OK, 5, 5), get(1, "", 0, 6, 6));
        assertThat(Linearizability.check(KV, later, Duration.ZERO)).isEqualTo(CheckResult.ILLEGAL);
    }

    @Test
    @DisplayName("an event history is timed by position; a call that never returned may take effect any time after")
    void eventsAndPendingCalls() {
        List<Event<KvInput, KvOutput>> events = List.of(
                new Event.Call<>(0, 0, new KvInput.Put("k", "a", 0)),        // never returns
                new Event.Call<>(1, 1, new KvInput.Get("k")),
                new Event.Return<>(1, 1, new KvOutput.GetResult("", 0, Err.ErrNoKey)),
                new Event.Call<>(1, 2, new KvInput.Get("k")),
                new Event.Return<>(1, 2, new KvOutput.GetResult("a", 1, Err.OK)));
        var closed = Histories.completePending(events, KvOutput::unknown);
        var ops = Histories.fromEvents(closed);

        assertThat(ops.getFirst()).isEqualTo(new Operation<>(0, new KvInput.Put("k", "a", 0), 0,
                new KvOutput.PutResult(Err.ErrMaybe), 5));
        assertThat(Linearizability.checkEvents(KV, closed, Duration.ZERO)).isEqualTo(CheckResult.OK);

        // The same with Operation.neverReturned: the put stays concurrent with everything after its call.
        var withInfinity = List.of(Operation.neverReturned(0, (KvInput) new KvInput.Put("k", "a", 0), 0,
                        KvOutput.unknown(new KvInput.Put("k", "a", 0))),
                get(1, "", 0, 1, 2), get(1, "a", 1, 1_000_000, 2_000_000));
        assertThat(withInfinity.getFirst().pending()).isTrue();
        assertThat(Linearizability.check(KV, withInfinity, Duration.ZERO)).isEqualTo(CheckResult.OK);
    }

    @Test
    @DisplayName("the recorder times operations with Sim.nanoTime and is safe to share between clients")
    void recorder() throws Exception {
        HistoryRecorder<KvInput, KvOutput> recorder = new HistoryRecorder<>();
        Thread[] clients = new Thread[4];
        for (int c = 0; c < clients.length; c++) {
            int client = c;
            clients[c] = Sim.go("client-" + c, () -> {
                for (int i = 0; i < 250; i++) {
                    long call = recorder.begin();
                    recorder.end(client, new KvInput.Get("k" + client), call,
                            new KvOutput.GetResult("", 0, Err.ErrNoKey));
                }
            });
        }
        for (Thread t : clients) {
            t.join();
        }
        recorder.neverReturned(9, new KvInput.Put("k", "x", 0), recorder.begin(),
                KvOutput.unknown(new KvInput.Put("k", "x", 0)));

        List<Operation<KvInput, KvOutput>> history = recorder.history();
        assertThat(history).hasSize(1001);
        assertThat(history).allSatisfy(op -> assertThat(op.returned()).isGreaterThanOrEqualTo(op.call()));
        assertThat(Linearizability.check(KV, history, Duration.ofSeconds(5))).isEqualTo(CheckResult.OK);
    }
}
