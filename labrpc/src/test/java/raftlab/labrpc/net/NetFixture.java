package raftlab.labrpc.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;

/**
 * A fresh network per test, and the proof that the test left no thread behind: {@link #close()} cleans the network
 * up and then waits (at most a second) for every thread started since the fixture was made to end.
 */
final class NetFixture implements AutoCloseable {

    final Network net;
    private final long mark = Sim.threads().mark();

    NetFixture() {
        this(LabRandom.fromSystemProperty());
    }

    NetFixture(LabRandom random) {
        net = new Network(random);
    }

    /** Registers {@code service} on a new server named {@code name}. */
    Server server(String name, Object receiver) {
        Server server = new Server().addService(Service.of("JunkServer", receiver));
        net.addServer(name, server);
        return server;
    }

    /** A new end, enabled and connected to {@code serverName}. */
    ClientEnd end(String name, String serverName) {
        ClientEnd end = net.makeEnd(name);
        net.connect(name, serverName);
        net.enable(name, true);
        return end;
    }

    /**
     * Waits until every thread in {@code callers} is parked in a timed wait or has ended. A call through a disabled
     * or unconnected end has exactly one timed wait, the pause before it fails, so a caller in that state has taken
     * its look at the network and is waiting out its delay. The deadline is generous: it only bounds a broken run.
     */
    static void awaitPausing(List<Thread> callers) {
        long deadline = Sim.millis() + 10_000;
        while (!callers.stream().allMatch(NetFixture::pausingOrDone) && Sim.millis() < deadline) {
            Sim.sleep(1);
        }
        assertThat(callers).as("callers waiting out their delay").allMatch(NetFixture::pausingOrDone);
    }

    private static boolean pausingOrDone(Thread t) {
        return !t.isAlive() || t.getState() == Thread.State.TIMED_WAITING;
    }

    @Override
    public void close() {
        net.cleanup();
        long deadline = Sim.millis() + 1000;
        List<Thread> alive = Sim.threads().aliveSince(mark);
        while (!alive.isEmpty() && Sim.millis() < deadline) {
            Sim.sleep(10);
            alive = Sim.threads().aliveSince(mark);
        }
        assertThat(alive).as("threads still alive a second after the network was cleaned up").isEmpty();
    }
}
