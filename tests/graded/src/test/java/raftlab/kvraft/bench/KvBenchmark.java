package raftlab.kvraft.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import raftlab.kvraft.Clerk;
import raftlab.kvraft.KVServer;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.net.Network;
import raftlab.labrpc.net.Server;
import raftlab.labrpc.net.Service;
import raftlab.labrpc.persist.Persister;
import raftlab.labrpc.sim.LabRandom;
import raftlab.labrpc.sim.Sim;
import raftlab.kvraft.Err;

/**
 * The KV service's speed on the reference, for {@code docs/performance.md}: the shape of MIT's speed tests (one
 * clerk, sequential Puts to one key on a reliable network of 3 servers) but longer, and measured as a benchmark
 * rather than against the tests' 33.3 ms/op bound. Run with
 * {@code scripts/bench tests raftlab.kvraft.bench.KvBenchmark}.
 *
 * <p>Two configurations: without snapshots (4B, {@code maxraftstate = -1}) and with them (4C, 1000 bytes). Each
 * runs a warm-up of 1,000 Puts, then 3 measured batches of 3,000 Puts; the median batch is reported in ms/op.
 */
public final class KvBenchmark {

    private KvBenchmark() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.printf("java %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        for (int maxraftstate : new int[] {-1, 1000}) {
            double[] msPerOp = new double[3];
            Sim.go("bench", () -> run(maxraftstate, msPerOp)).join();
            double[] sorted = msPerOp.clone();
            Arrays.sort(sorted);
            System.out.printf("3 servers, maxraftstate %5d: batches %s ms/op -> median %.3f ms/op (%.0f ops/s)%n",
                    maxraftstate, Arrays.toString(Arrays.stream(msPerOp).map(x -> Math.round(x * 1000) / 1000.0)
                            .toArray()), sorted[1], 1000 / sorted[1]);
        }
    }

    private static void run(int maxraftstate, double[] msPerOp) {
        int n = 3;
        Network net = new Network(new LabRandom(7));
        List<KVServer> servers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<ClientEnd> ends = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                String name = "s" + i + "-to-" + j;
                ends.add(net.makeEnd(name));
                net.connect(name, "server-" + j);
                net.enable(name, true);
            }
            KVServer kv = KVServer.start(ends, 0, i, new Persister(), maxraftstate);
            servers.add(kv);
            net.addServer("server-" + i, new Server()
                    .addService(Service.of("KVServer", kv))
                    .addService(Service.of("Raft", kv.raft())));
        }
        List<ClientEnd> clerkEnds = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            ClientEnd end = net.makeEnd("clerk-to-" + j);
            net.connect("clerk-to-" + j, "server-" + j);
            net.enable("clerk-to-" + j, true);
            clerkEnds.add(end);
        }
        Clerk clerk = new Clerk(clerkEnds);
        long version = 0;
        version = puts(clerk, version, 1000);
        for (int b = 0; b < msPerOp.length; b++) {
            long start = Sim.nanoTime();
            version = puts(clerk, version, 3000);
            msPerOp[b] = (Sim.nanoTime() - start) / 1e6 / 3000;
        }
        servers.forEach(KVServer::kill);
        net.cleanup();
    }

    private static long puts(Clerk clerk, long version, int count) {
        for (int i = 0; i < count; i++) {
            Err err = clerk.put("k", Long.toString(version), version);
            if (err != Err.OK) {
                throw new IllegalStateException("Put at version " + version + " returned " + err);
            }
            version++;
        }
        return version;
    }
}
