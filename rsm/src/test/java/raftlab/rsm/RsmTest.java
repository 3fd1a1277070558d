//+solution-file
package raftlab.rsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;
import raftlab.labrpc.sim.Sim;
import raftlab.labrpc.sim.ThreadRegistry;

/**
 * The RSM on one peer, against a {@link ScriptedRaft} the test drives by hand: which operations are applied, what
 * {@code submit} answers, and when it gives up.
 */
@Timeout(20)
class RsmTest {

    private final long mark = Sim.threads().mark();
    private final List<ScriptedRaft> rafts = new ArrayList<>();

    private <C, R> Rsm<C, R> make(Persister persister, int maxraftstate, StateMachine<C, R> sm) {
        List<ClientEnd> servers = new ArrayList<>();
        servers.add(null);   // the stand-in never sends
        return Rsm.make(servers, 0, persister, maxraftstate, sm, (peers, me, p, applyCh) -> {
            ScriptedRaft raft = new ScriptedRaft(p, applyCh);
            rafts.add(raft);
            return raft;
        });
    }

    private ScriptedRaft raft(Rsm<?, ?> rsm) {
        return (ScriptedRaft) rsm.raft();
    }

    private static <C, R> CompletableFuture<SubmitResult<R>> submitAsync(Rsm<C, R> rsm, C request) {
        CompletableFuture<SubmitResult<R>> f = new CompletableFuture<>();
        Sim.go("submit", () -> {
            try {
                f.complete(rsm.submit(request));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Waits until the stand-in's log holds {@code n} entries (a submit has called start). */
    private static void awaitLog(ScriptedRaft raft, int n) {
        long deadline = Sim.millis() + 5000;
        while (raft.logLength() < n && Sim.millis() < deadline) {
            Sim.sleep(1);
        }
        assertThat(raft.logLength()).isEqualTo(n);
    }

    @AfterEach
    void noThreadOutlivesTheTest() {
        rafts.forEach(ScriptedRaft::kill);
        long deadline = Sim.millis() + 2000;
        while (!Sim.threads().aliveSince(mark).isEmpty() && Sim.millis() < deadline) {
            Sim.sleep(5);
        }
        assertThat(Sim.threads().aliveSince(mark)).isEmpty();
    }

    @Test
    void aFollowerSaysWrongLeaderAtOnce() {
        var rsm = make(new Persister(), -1, new Counter());
        assertThat(rsm.submit(new Counter.Inc())).isEqualTo(new SubmitResult.WrongLeader<Long>());
        assertThat(raft(rsm).logLength()).isZero();
    }

    @Test
    void theLeaderReturnsTheResultOnceItsIndexIsApplied() throws Exception {
        Counter counter = new Counter();
        var rsm = make(new Persister(), -1, counter);
        ScriptedRaft raft = raft(rsm);
        raft.setLeader(true, 1);

        CompletableFuture<SubmitResult<Long>> first = submitAsync(rsm, new Counter.Inc());
        awaitLog(raft, 1);
        CompletableFuture<SubmitResult<Long>> second = submitAsync(rsm, new Counter.Inc());
        awaitLog(raft, 2);
        // nothing is committed yet, so nobody returns
        Sim.sleep(100);
        assertThat(first).isNotDone();

        raft.commit(1);
        raft.commit(2);
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(new SubmitResult.Applied<>(1L));
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(new SubmitResult.Applied<>(2L));
    }

    @Test
    void everyPeerAppliesEveryCommittedOperationOnceInOrder() {
        Counter counter = new Counter();
        var rsm = make(new Persister(), -1, counter);
        ScriptedRaft raft = raft(rsm);
        // a follower: operations proposed by other peers arrive on applyCh
        for (int i = 1; i <= 5; i++) {
            raft.commitOther(i, new Op(7, i, new Counter.Inc()));
        }
        raft.kill();   // closes applyCh after the reader took all five
        awaitReaderGone();
        assertThat(counter.count()).isEqualTo(5);
        assertThat(counter.applied()).hasSize(5);
    }

    @Test
    void anotherOperationAtTheIndexMeansWrongLeader() throws Exception {
        Counter counter = new Counter();
        var rsm = make(new Persister(), -1, counter);
        ScriptedRaft raft = raft(rsm);
        raft.setLeader(true, 1);
        CompletableFuture<SubmitResult<Long>> mine = submitAsync(rsm, new Counter.Inc());
        awaitLog(raft, 1);

        // a new leader overwrote index 1 with its own operation; this peer has not noticed the new term yet
        raft.commitOther(1, new Op(2, 42, new Counter.Inc()));
        assertThat(mine.get(5, TimeUnit.SECONDS)).isEqualTo(new SubmitResult.WrongLeader<Long>());
        assertThat(counter.count()).isEqualTo(1);   // the other operation was applied all the same
    }

    @Test
    void aTermChangeMeansWrongLeaderEvenIfTheIndexIsNeverFilled() throws Exception {
        var rsm = make(new Persister(), -1, new Counter());
        ScriptedRaft raft = raft(rsm);
        raft.setLeader(true, 1);
        CompletableFuture<SubmitResult<Long>> mine = submitAsync(rsm, new Counter.Inc());
        awaitLog(raft, 1);

        raft.setLeader(true, 2);   // re-elected in a later term: index 1 may never commit
        assertThat(mine.get(2, TimeUnit.SECONDS)).isEqualTo(new SubmitResult.WrongLeader<Long>());
    }

    @Test
    void killingRaftReleasesEveryPendingAndLaterSubmitPromptly() throws Exception {
        var rsm = make(new Persister(), -1, new Counter());
        ScriptedRaft raft = raft(rsm);
        raft.setLeader(true, 1);
        List<CompletableFuture<SubmitResult<Long>>> pending = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pending.add(submitAsync(rsm, new Counter.Inc()));
        }
        awaitLog(raft, 20);

        long start = Sim.millis();
        raft.kill();
        for (CompletableFuture<SubmitResult<Long>> f : pending) {
            assertThat(f.get(2, TimeUnit.SECONDS)).isEqualTo(new SubmitResult.WrongLeader<Long>());
        }
        assertThat(rsm.submit(new Counter.Inc())).isEqualTo(new SubmitResult.WrongLeader<Long>());
        assertThat(Sim.millis() - start).isLessThan(1000);
    }

    @Test
    void aStateMachineThatThrowsStopsThePeerLoudlyNamingTheOperation() throws Exception {
        Counter counter = new Counter();
        var rsm = make(new Persister(), -1, counter);
        ScriptedRaft raft = raft(rsm);
        raft.setLeader(true, 1);
        CompletableFuture<SubmitResult<Long>> boom = submitAsync(rsm, new Counter.Boom());
        awaitLog(raft, 1);
        raft.commit(1);

        assertThatThrownBy(() -> boom.get(5, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(ArithmeticException.class)
                .hasMessageContaining("Boom").hasMessageContaining("index 1");
        awaitReaderGone();
        List<ThreadRegistry.Failure> failures = Sim.threads().failuresSince(mark);
        assertThat(failures).singleElement().satisfies(f -> assertThat(f.error())
                .hasMessageContaining("RSM peer 0").hasMessageContaining("Boom").hasMessageContaining("index 1"));
        assertThat(raft.killed()).as("the failed peer's Raft is killed").isTrue();
        assertThatThrownBy(() -> rsm.submit(new Counter.Inc())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void snapshotsWhenThePersistedStateReachesNinetyPercent() {
        Counter counter = new Counter();
        var rsm = make(new Persister(), 1000, counter);
        ScriptedRaft raft = raft(rsm);
        raft.setPersistBytes(899);
        raft.commitOther(1, new Op(1, 1, new Counter.Inc()));
        raft.barrier();
        raft.setPersistBytes(900);
        raft.commitOther(2, new Op(1, 2, new Counter.Inc()));
        raft.barrier();
        raft.setPersistBytes(10);
        raft.commitOther(3, new Op(1, 3, new Counter.Inc()));
        raft.kill();
        awaitReaderGone();

        assertThat(raft.snapshots()).singleElement().satisfies(s -> {
            assertThat(s.index()).isEqualTo(2);
            assertThat(ByteBuffer.wrap(s.snapshot()).getInt()).isEqualTo(2);     // the index it includes
            assertThat(ByteBuffer.wrap(s.snapshot()).getLong(4)).isEqualTo(2);  // then the counter's state
        });
    }

    @Test
    void minusOneNeverSnapshots() {
        var rsm = make(new Persister(), -1, new Counter());
        ScriptedRaft raft = raft(rsm);
        raft.setPersistBytes(1_000_000);
        raft.commitOther(1, new Op(1, 1, new Counter.Inc()));
        raft.kill();
        awaitReaderGone();
        assertThat(raft.snapshots()).isEmpty();
    }

    @Test
    void restoresThePersistersSnapshotAtStartAndContinuesAfterIt() {
        Persister persister = new Persister();
        persister.save(new byte[0], ByteBuffer.allocate(12).putInt(7).putLong(7).array());
        Counter counter = new Counter();
        var rsm = make(persister, 1000, counter);
        assertThat(counter.count()).isEqualTo(7);

        ScriptedRaft raft = raft(rsm);
        raft.commitOther(8, new Op(1, 1, new Counter.Inc()));
        raft.kill();
        awaitReaderGone();
        assertThat(counter.count()).isEqualTo(8);
        assertThat(Sim.threads().failuresSince(mark)).isEmpty();
    }

    @Test
    void aSnapshotFromTheLeaderReplacesTheStateAndReleasesTheOperationsItCovers() throws Exception {
        Counter counter = new Counter();
        var rsm = make(new Persister(), 1000, counter);
        ScriptedRaft raft = raft(rsm);
        raft.setLeader(true, 1);
        CompletableFuture<SubmitResult<Long>> mine = submitAsync(rsm, new Counter.Inc());
        awaitLog(raft, 1);

        raft.applyCh.send(new raftlab.raft.ApplyMsg.Snapshot(5, 1,
                ByteBuffer.allocate(12).putInt(5).putLong(40).array()));
        assertThat(mine.get(5, TimeUnit.SECONDS)).isEqualTo(new SubmitResult.WrongLeader<Long>());
        raft.commitOther(6, new Op(1, 1, new Counter.Inc()));
        raft.kill();
        awaitReaderGone();
        assertThat(counter.count()).isEqualTo(41);
    }

    @Test
    void aRequestTheCodecCannotCopyIsRejectedBeforeItReachesTheLog() {
        var rsm = make(new Persister(), -1, new Counter());
        raft(rsm).setLeader(true, 1);
        Counter.Command notCopyable = new Counter.Uncopyable(new Object());
        assertThatThrownBy(() -> rsm.submit(notCopyable))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThat(raft(rsm).logLength()).isZero();
    }

    @Test
    void badArgumentsToMakeAreRejected() {
        assertThatThrownBy(() -> make(new Persister(), -2, new Counter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxraftstate");
        assertThatThrownBy(() -> Rsm.make(List.of(), 0, new Persister(), -1, new Counter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("me = 0");
    }

    /**
     * Waits until the reader thread has ended, so that everything it took from applyCh is applied. A reader still
     * running at the deadline fails here, by name, rather than as a wrong count in the caller.
     */
    private void awaitReaderGone() {
        long deadline = Sim.millis() + 5000;
        while (readerAlive() && Sim.millis() < deadline) {
            Sim.sleep(2);
        }
        assertThat(readerAlive()).as("the RSM's reader ended after applyCh closed").isFalse();
    }

    private boolean readerAlive() {
        return Sim.threads().aliveSince(mark).stream().anyMatch(t -> t.getName().startsWith("rsm-reader"));
    }
}
