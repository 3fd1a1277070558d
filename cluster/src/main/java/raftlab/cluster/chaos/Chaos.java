package raftlab.cluster.chaos;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import raftlab.cluster.node.Nodes;
import raftlab.cluster.transport.GrpcEnds;
import raftlab.cluster.transport.Partition;
import raftlab.kvraft.Clerk;
import raftlab.kvraft.KvRpc.GetReply;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.sim.Sim;
import raftlab.linearizability.CheckResult;
import raftlab.linearizability.HistoryRecorder;
import raftlab.linearizability.Linearizability;
import raftlab.linearizability.VerboseResult;
import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvInput;
import raftlab.linearizability.kv.KvOutput;
import raftlab.linearizability.kv.VersionedKvModel;
import raftlab.linearizability.view.HistoryView;

/**
 * One chaos run against a running cluster: {@code clients} clerks do get-then-put on a few keys while the
 * {@link Nemesis} injects faults; afterwards every fault is healed, one more client reads every key, and the history
 * (call and return times from {@link Sim#nanoTime}) goes to the linearizability checker. The HTML view, with the
 * faults as annotations, is written to {@code <cluster folder>/chaos-history.html}.
 */
public final class Chaos {

    /** What a run found. */
    public record Report(int operations, int faults, int nodesKilled, CheckResult verdict, Path view) {}

    private static final int KEYS = 3;
    private static final long CLIENT_DRAIN_MS = 10_000;

    private Chaos() {}

    public static Report run(Nodes nodes, Duration duration, int clients, long seed, PrintWriter out) {
        HistoryRecorder<KvInput, KvOutput> recorder = new HistoryRecorder<>();
        Nemesis nemesis = new Nemesis(nodes, new Random(seed));
        long deadline = Sim.millis() + duration.toMillis();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(clients);
        List<GrpcEnds> allEnds = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                int client = c;
                GrpcEnds ends = new GrpcEnds(GrpcEnds.CLIENT, nodes.layout().ports(),
                        nodes.layout().rpcDeadlineMs() * 2, new Partition());
                allEnds.add(ends);
                Random random = new Random(seed * 31 + c);
                threads.add(Sim.go("chaos-client-" + c, () -> {
                    try {
                        clientLoop(client, ends.ends(), random, recorder, deadline);
                    } finally {
                        done.countDown();
                    }
                }));
            }
            try {
                nemesis.run(deadline);
            } finally {
                if (!Sim.await(done, CLIENT_DRAIN_MS)) {
                    threads.forEach(Thread::interrupt);   // their pending calls are recorded as never returned
                    Sim.await(done, CLIENT_DRAIN_MS);
                }
                nemesis.healAll();
            }
            finalReads(nodes, clients, recorder);
        } finally {
            allEnds.forEach(GrpcEnds::close);
        }
        VerboseResult<KvInput, KvOutput> result =
                Linearizability.checkVerbose(new VersionedKvModel(), recorder.history(), Duration.ofSeconds(60));
        Path view = nodes.layout().root().resolve("chaos-history.html");
        try {
            HistoryView.write(new VersionedKvModel(), result, nemesis.annotations(), view);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + view, e);
        }
        Report report = new Report(recorder.size(), nemesis.faults(), nemesis.killed().size(), result.result(), view);
        out.printf("chaos: %d operations, %d faults (%d of %d nodes killed at least once), verdict %s%n",
                report.operations(), report.faults(), report.nodesKilled(), nodes.layout().nodes(),
                describe(report.verdict()));
        out.printf("chaos: history view %s%n", view);
        out.flush();
        return report;
    }

    private static String describe(CheckResult verdict) {
        return switch (verdict) {
            case OK -> "linearizable";
            case ILLEGAL -> "NOT linearizable";
            case UNKNOWN -> "unknown (the checker timed out)";
        };
    }

    /**
     * One client: get a key, then (half the time) put a new value at the version read. Half the gets come from a
     * fresh clerk whose server list starts at a random node, as a new client would, so every server is asked, not
     * only the one the long-lived clerk found to be leader.
     */
    private static void clientLoop(int client, List<ClientEnd> ends, Random random,
                                   HistoryRecorder<KvInput, KvOutput> recorder, long deadline) {
        Clerk clerk = new Clerk(ends);
        int n = 0;
        while (Sim.millis() < deadline && !Thread.currentThread().isInterrupted()) {
            String key = "k" + random.nextInt(KEYS);
            Clerk reader = random.nextBoolean() ? clerk : new Clerk(rotated(ends, random.nextInt(ends.size())));
            KvOutput.GetResult got = get(client, reader, key, recorder);
            if (got == null) {
                return;
            }
            if (random.nextBoolean()) {
                KvInput.Put put = new KvInput.Put(key, "c" + client + "-" + n++, got.version());
                long call = recorder.begin();
                try {
                    raftlab.kvraft.Err err = clerk.put(put.key(), put.value(), put.version());
                    recorder.end(client, put, call, new KvOutput.PutResult(Err.valueOf(err.name())));
                } catch (CancellationException e) {
                    recorder.neverReturned(client, put, call, KvOutput.unknown(put));
                    return;
                }
            }
        }
    }

    private static List<ClientEnd> rotated(List<ClientEnd> ends, int by) {
        List<ClientEnd> list = new ArrayList<>(ends);
        Collections.rotate(list, -by);
        return list;
    }

    private static KvOutput.GetResult get(int client, Clerk clerk, String key,
                                          HistoryRecorder<KvInput, KvOutput> recorder) {
        KvInput.Get get = new KvInput.Get(key);
        long call = recorder.begin();
        try {
            GetReply reply = clerk.get(key);
            KvOutput.GetResult result = new KvOutput.GetResult(reply.value(), reply.version(),
                    Err.valueOf(reply.err().name()));
            recorder.end(client, get, call, result);
            return result;
        } catch (CancellationException e) {
            recorder.neverReturned(client, get, call, KvOutput.unknown(get));
            return null;
        }
    }

    /** After healing: one more client reads every key, so a lost acknowledged write shows up in the history. */
    private static void finalReads(Nodes nodes, int clientId, HistoryRecorder<KvInput, KvOutput> recorder) {
        try (GrpcEnds ends = new GrpcEnds(GrpcEnds.CLIENT, nodes.layout().ports(), nodes.layout().rpcDeadlineMs() * 2,
                new Partition())) {
            Clerk clerk = new Clerk(ends.ends());
            CountDownLatch finished = new CountDownLatch(1);
            Thread reader = Sim.go("chaos-final-reads", () -> {
                try {
                    for (int k = 0; k < KEYS && get(clientId, clerk, "k" + k, recorder) != null; k++) {
                        // each read is recorded by get
                    }
                } finally {
                    finished.countDown();
                }
            });
            if (!Sim.await(finished, 30_000)) {   // the cluster did not recover: record the reads as pending
                reader.interrupt();
                Sim.await(finished, CLIENT_DRAIN_MS);
            }
        }
    }
}
