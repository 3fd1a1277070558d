package raftlab.cluster.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import raftlab.cluster.node.Nodes;
import raftlab.cluster.transport.GrpcEnds;
import raftlab.cluster.transport.Partition;
import raftlab.kvraft.Clerk;
import raftlab.kvraft.KvRpc.GetReply;
import raftlab.labrpc.sim.Sim;
import raftlab.kvraft.Err;

/**
 * Closed-loop load on a running cluster: {@code clients} clerks, each on its own key, each issuing its next operation
 * when the last one returned; a share {@code readPercent} of gets, the rest versioned puts of {@code valueSize}
 * bytes. Latencies (microseconds) go into an HdrHistogram; the first second is warm-up and not counted.
 */
public final class Bench {

    /** The outcome of one run. */
    public record Result(int clients, long operations, double seconds, Histogram latencyMicros, long allOperations,
                         List<LatencyPlot.Sample> samples) {

        public double throughput() {
            return operations / seconds;
        }
    }

    private static final long WARMUP_MS = 1000;

    private Bench() {}

    public static Result run(Nodes nodes, int clients, Duration duration, int valueSize, int readPercent) {
        Recorder recorder = new Recorder(3);
        java.util.concurrent.atomic.AtomicLong all = new java.util.concurrent.atomic.AtomicLong();
        java.util.Queue<LatencyPlot.Sample> samples = new java.util.concurrent.ConcurrentLinkedQueue<>();
        long start = Sim.millis();
        long measureFrom = start + WARMUP_MS;
        long end = measureFrom + duration.toMillis();
        CountDownLatch done = new CountDownLatch(clients);
        List<GrpcEnds> allEnds = new ArrayList<>();
        String value = "x".repeat(valueSize);
        try {
            for (int c = 0; c < clients; c++) {
                GrpcEnds ends = new GrpcEnds(GrpcEnds.CLIENT, nodes.layout().ports(),
                        nodes.layout().rpcDeadlineMs() * 2, new Partition());
                allEnds.add(ends);
                String key = "bench-" + c + "-" + start;
                Random random = new Random(c);
                Sim.go("bench-client-" + c, () -> {
                    try {
                        Clerk clerk = new Clerk(ends.ends());
                        long version = 0;
                        while (Sim.millis() < end) {
                            long t0 = Sim.nanoTime();
                            if (random.nextInt(100) < readPercent) {
                                clerk.get(key);
                            } else {
                                Err err = clerk.put(key, value, version);
                                if (err == Err.OK) {
                                    version++;
                                } else {                      // ErrMaybe or ErrVersion: learn the version
                                    GetReply reply = clerk.get(key);
                                    version = reply.err() == Err.OK ? reply.version() : 0;
                                }
                            }
                            long t1 = Sim.nanoTime();
                            all.incrementAndGet();
                            long now = Sim.millis();
                            if (now >= measureFrom && now < end) {
                                recorder.recordValue(Math.max(1, (t1 - t0) / 1000));
                                samples.add(new LatencyPlot.Sample(now - measureFrom, (t1 - t0) / 1000));
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            Sim.await(done, duration.toMillis() + WARMUP_MS + 60_000);
        } finally {
            allEnds.forEach(GrpcEnds::close);
        }
        Histogram histogram = recorder.getIntervalHistogram();
        return new Result(clients, histogram.getTotalCount(), duration.toMillis() / 1000.0, histogram,
                all.get(), samples.stream().sorted(java.util.Comparator.comparingLong(LatencyPlot.Sample::atMillis))
                        .toList());
    }

    /** Writes the latency-over-time page of {@code r} to {@code file}. */
    public static void plot(java.nio.file.Path file, String title, Result r) {
        try {
            LatencyPlot.write(file, title, r.samples(), (long) (r.seconds() * 1000));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Prints one result line: clients, ops, throughput, p50/p90/p99/p99.9/max in milliseconds. */
    public static void print(PrintWriter out, String label, Result r) {
        Histogram h = r.latencyMicros();
        out.printf("%-22s clients %3d  ops %7d  %8.1f ops/s  p50 %7.2f  p90 %7.2f  p99 %7.2f  p99.9 %7.2f  max %7.2f ms%n",
                label, r.clients(), r.operations(), r.throughput(), h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
        out.printf("%-22s (%d operations in all, warm-up included)%n", "", r.allOperations());
        out.flush();
    }
}
