package raftlab.labrpc.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.net.Server;
import raftlab.labrpc.net.Service;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;

/**
 * The network's throughput, for {@code docs/performance.md}. Run with
 * {@code scripts/bench labrpc raftlab.labrpc.bench.NetworkBenchmark}.
 *
 * <ol>
 *   <li>MIT's TestBenchmark shape: 100,000 sequential calls of a trivial handler on a reliable network, reported as
 *       microseconds per call (median of 3 runs after a warm-up run). The caller is a virtual thread, as every
 *       Raft thread is; the figure for a platform-thread caller is printed too.</li>
 *   <li>8 concurrent callers spread over 3 servers for 3 seconds: calls per second.</li>
 * </ol>
 */
public final class NetworkBenchmark {

    public record Args(int x) {}

    public record Reply(String x) {}

    public static final class Junk {
        @Rpc
        public Reply handler2(Args args) {
            return new Reply("handler2-" + args.x());
        }
    }

    private NetworkBenchmark() {}

    public static void main(String[] argv) throws Exception {
        System.out.printf("java %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        int n = 100_000;
        sequential(n, true);   // warm-up
        double[] virtual = new double[3];
        for (int i = 0; i < 3; i++) {
            virtual[i] = sequential(n, true);
        }
        double[] platform = new double[3];
        for (int i = 0; i < 3; i++) {
            platform[i] = sequential(n, false);
        }
        System.out.printf("sequential, %d calls, virtual-thread caller:  %s us/call -> median %.2f us/call%n",
                n, fmt(virtual), median(virtual));
        System.out.printf("sequential, %d calls, platform-thread caller: %s us/call -> median %.2f us/call%n",
                n, fmt(platform), median(platform));

        concurrent(8, 3, 1000);  // warm-up
        double[] rates = new double[3];
        for (int i = 0; i < 3; i++) {
            rates[i] = concurrent(8, 3, 3000);
        }
        System.out.printf("concurrent, 8 callers x 3 servers: %s calls/s -> median %.0f calls/s%n",
                fmt(rates), median(rates));
    }

    /** {@return microseconds per call for {@code n} sequential calls} */
    private static double sequential(int n, boolean onVirtualThread) throws InterruptedException {
        Network net = new Network(new LabRandom(1));
        ClientEnd end = connectedEnd(net, "end", "server");
        net.addServer("server", new Server().addService(Service.of(new Junk())));
        double[] result = new double[1];
        Runnable run = () -> {
            long start = Sim.nanoTime();
            for (int i = 0; i < n; i++) {
                if (end.call("Junk.handler2", new Args(i), Reply.class).isEmpty()) {
                    throw new IllegalStateException("call " + i + " failed on a reliable network");
                }
            }
            result[0] = (Sim.nanoTime() - start) / 1000.0 / n;
        };
        if (onVirtualThread) {
            Sim.go("bench caller", run).join();
        } else {
            run.run();
        }
        net.cleanup();
        return result[0];
    }

    /** {@return calls per second achieved by {@code callers} threads over {@code servers} servers} */
    private static double concurrent(int callers, int servers, long millis) throws InterruptedException {
        Network net = new Network(new LabRandom(2));
        for (int s = 0; s < servers; s++) {
            net.addServer("server" + s, new Server().addService(Service.of(new Junk())));
        }
        AtomicLong calls = new AtomicLong();
        long deadline = Sim.millis() + millis;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            ClientEnd end = connectedEnd(net, "end" + c, "server" + (c % servers));
            threads.add(Sim.go("caller " + c, () -> {
                int i = 0;
                while (Sim.millis() < deadline) {
                    end.call("Junk.handler2", new Args(i++), Reply.class);
                    calls.incrementAndGet();
                }
            }));
        }
        long start = Sim.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (Sim.nanoTime() - start) / 1e9;
        net.cleanup();
        return calls.get() / seconds;
    }

    private static ClientEnd connectedEnd(Network net, String name, String server) {
        ClientEnd end = net.makeEnd(name);
        net.connect(name, server);
        net.enable(name, true);
        return end;
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String fmt(double[] xs) {
        return Arrays.toString(Arrays.stream(xs).map(x -> Math.round(x * 100) / 100.0).toArray());
    }
}
