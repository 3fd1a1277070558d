package raftlab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import raftlab.labrpc.chan.Channel;
import raftlab.labrpc.chan.ChannelClosedException;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.sim.Sim;
import raftlab.labrpc.sim.SimDeadlockError;
import raftlab.tester.Config;
import raftlab.tester.ServerGroup;
import raftlab.tester.TestService;
import raftlab.tester.TesterExtension;

/**
 * Ours, not MIT's: a deadlock in a graded test is a verdict at once in simulation mode. The crafted server below
 * makes the classic Lab 3D deadlock (its applier holds the lock while it sends on a channel nobody reads; the RPC
 * handler waits for that lock), while the tester's watchdog and the network's wait for the handler keep timers
 * pending. The test must fail at once with "deadlock at virtual time ..." and the stuck threads' stacks, not run into
 * the 120-second limit. Untagged, so no lab part selects it.
 */
class SimDeadlockTest {

    /** The crafted RPC argument. */
    public record Poke(int value) {}

    /** A server with the bug: the applier holds {@link #lock} across a send on {@link #applyCh}. */
    public static final class StuckServer {
        private final ReentrantLock lock = new ReentrantLock();
        private final Channel<Integer> applyCh = new Channel<>();

        StuckServer() {
            Sim.go("stuck applier", () -> {
                lock.lock();
                try {
                    applyCh.send(1);            // nobody receives: the service waits for this very lock
                } catch (ChannelClosedException e) {
                    // killed
                } finally {
                    lock.unlock();
                }
            });
        }

        @Rpc
        public Poke poke(Poke args) {
            lock.lock();
            try {
                return args;
            } finally {
                lock.unlock();
            }
        }

        void kill() {
            applyCh.close();
        }
    }

    /** The graded-style test that deadlocks; run only through {@link #deadlockFailsAtOnce()}. */
    static final class Deadlocked {
        @RegisterExtension
        final TesterExtension tester = new TesterExtension();

        @Test
        void callIntoADeadlockedServer() {
            assumeTrue(Sim.isSimulated(), "simulation mode only");
            Config cfg = tester.makeConfig(1, true, (ends, gid, me, persister) -> {
                StuckServer server = new StuckServer();
                return List.of(TestService.exported("Stuck", server, server::kill));
            });
            var client = cfg.makeClient();
            client.call(ServerGroup.serverName(Config.GRP0, 0), "Stuck.poke", new Poke(1), Poke.class);
        }
    }

    @Test
    @DisplayName("a deadlock behind the watchdog and the network's polls fails the test at once, naming the stuck threads")
    void deadlockFailsAtOnce() {
        String oldSim = System.getProperty(TesterExtension.SIM_PROPERTY);
        String oldSeed = System.getProperty("lab.seed");
        List<TestExecutionResult> results = new ArrayList<>();
        long wallStart = System.nanoTime();
        try {
            System.setProperty(TesterExtension.SIM_PROPERTY, "true");
            System.setProperty("lab.seed", "7");
            LauncherFactory.create().execute(
                    LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Deadlocked.class)).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (id.isTest()) {
                                results.add(result);
                            }
                        }
                    });
        } finally {
            restore(TesterExtension.SIM_PROPERTY, oldSim);
            restore("lab.seed", oldSeed);
        }
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
            assertThat(r.getThrowable()).get().isInstanceOf(SimDeadlockError.class);
            assertThat(r.getThrowable().get().getMessage())
                    .startsWith("deadlock at virtual time 0.")
                    .contains("\"stuck applier\" WAITING")
                    .contains("Channel.send")
                    .contains("\"labrpc Stuck.poke\" WAITING, waiting for java.util.concurrent.locks.ReentrantLock")
                    .contains("\"tester watchdog\"");
        });
        assertThat(TesterExtension.lastSimulation().virtualNanos()).isLessThan(TimeUnit.SECONDS.toNanos(60));
        assertThat(System.nanoTime() - wallStart).isLessThan(TimeUnit.SECONDS.toNanos(30));
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
