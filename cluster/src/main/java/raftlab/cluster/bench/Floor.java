package raftlab.cluster.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import raftlab.cluster.storage.DurableStore;
import raftlab.cluster.transport.GrpcEnds;
import raftlab.cluster.transport.GrpcHost;
import raftlab.cluster.transport.Partition;
import raftlab.cluster.wire.NodeRpc;
import raftlab.labrpc.net.Rpc;
import raftlab.labrpc.net.Server;
import raftlab.labrpc.net.Service;
import raftlab.labrpc.persist.Persister;
import raftlab.labrpc.sim.Sim;

/**
 * The physical floor of a put on this machine: one durable save of a small Raft state (append + fdatasync through
 * {@link DurableStore}) and one gRPC round trip over loopback with a trivial handler.
 */
public final class Floor {

    private Floor() {}

    /** A handler that does nothing but answer. */
    public static final class Echo {
        @Rpc
        public NodeRpc.PartitionReply echo(NodeRpc.PartitionArgs args) {
            return new NodeRpc.PartitionReply(args.peers());
        }
    }

    public static void measure(Path scratch, int port, int samples, PrintWriter out) {
        Histogram fsync = new Histogram(3);
        try {
            Path dir = Files.createDirectories(scratch.resolve("floor-store"));
            try (DurableStore store = DurableStore.open(dir)) {
                Persister persister = store.persister();
                byte[] state = new byte[200];
                for (int i = 0; i < samples; i++) {
                    state[0] = (byte) i;
                    long t0 = Sim.nanoTime();
                    persister.save(state, null);
                    fsync.recordValue(Math.max(1, (Sim.nanoTime() - t0) / 1000));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Histogram rtt = new Histogram(3);
        Server server = new Server().addService(Service.of("Echo", new Echo()));
        var method = raftlab.labrpc.net.RpcMethod.of("Echo.echo", NodeRpc.PartitionArgs.class,
                NodeRpc.PartitionReply.class);
        try (GrpcHost host = GrpcHost.start(port, server, new Partition());
             GrpcEnds ends = new GrpcEnds(GrpcEnds.CLIENT, List.of(port), 1000, new Partition())) {
            var args = new NodeRpc.PartitionArgs(java.util.Set.of(1, 2));
            for (int i = 0; i < 200; i++) {   // warm up the JIT and the connection; early calls may time out
                ends.ends().getFirst().call(method, args);
            }
            for (int i = 0; i < samples; i++) {
                long t0 = Sim.nanoTime();
                ends.ends().getFirst().call(method, args).orElseThrow(
                        () -> new IllegalStateException("a loopback call failed; is the machine overloaded?"));
                rtt.recordValue(Math.max(1, (Sim.nanoTime() - t0) / 1000));
            }
        }
        out.printf("floor: durable save (200 B + fdatasync)  p50 %.3f ms  p99 %.3f ms%n",
                fsync.getValueAtPercentile(50) / 1000.0, fsync.getValueAtPercentile(99) / 1000.0);
        out.printf("floor: gRPC loopback round trip          p50 %.3f ms  p99 %.3f ms%n",
                rtt.getValueAtPercentile(50) / 1000.0, rtt.getValueAtPercentile(99) / 1000.0);
        out.printf("floor: one save + one round trip (p50)   %.3f ms%n",
                (fsync.getValueAtPercentile(50) + rtt.getValueAtPercentile(50)) / 1000.0);
        out.flush();
    }
}
