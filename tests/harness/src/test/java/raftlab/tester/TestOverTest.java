package raftlab.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import raftlab.labrpc.sim.Sim;

/**
 * A tester helper thread that outlives the test body (MIT's superseded controller in {@code partitionCtrler} is one)
 * and asks for a new group, server or client once cleanup has started stops with {@link TestOver}: no server is left
 * running, and the test's verdict is the body's. Found by a Lab 5 soak, where such a thread died of "makeEnd: the
 * network was cleaned up" and failed a passing TestPartitionRecoveryReliableNoClerk5C.
 */
class TestOverTest {

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger killed = new AtomicInteger();

    private final ServerStart start = (ends, gid, me, persister) -> {
        started.incrementAndGet();
        return List.of(killed::incrementAndGet);
    };

    @Test
    void afterCleanupNewGroupsServersAndClientsAreRefusedWithTestOver() {
        Config cfg = Config.standalone("over", 1, true, start);
        ServerGroup group = cfg.makeGroupStart(2, 3, start);
        group.shutdownServer(1);
        cfg.cleanup();

        assertThatThrownBy(() -> cfg.makeGroupStart(3, 3, start))
                .isInstanceOf(TestOver.class).hasMessageStartingWith("start group 3: the test has ended");
        assertThatThrownBy(() -> group.startServer(1))
                .isInstanceOf(TestOver.class).hasMessageStartingWith("start server-2-1: the test has ended");
        assertThatThrownBy(cfg::makeClient).isInstanceOf(TestOver.class);
        assertThat(killed.get()).as("every server started was killed").isEqualTo(started.get());
    }

    @Test
    void aHelperThreadStoppedByTestOverDoesNotFailTheTest() {
        TesterExtension extension = new TesterExtension();
        ExtensionContext context = LeakCheckTest.fakeContext();
        extension.beforeEach(context);
        LeakCheckTest.join(Sim.go("superseded-ctrler", () -> {
            throw new TestOver("start group 9");
        }));

        extension.afterEach(context);
    }
}
