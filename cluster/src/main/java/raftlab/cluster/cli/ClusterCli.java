package raftlab.cluster.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import raftlab.cluster.chaos.Chaos;
import raftlab.cluster.node.Layout;
import raftlab.cluster.node.Nodes;
import raftlab.cluster.transport.GrpcEnds;
import raftlab.cluster.transport.Partition;
import raftlab.cluster.wire.NodeRpc;
import raftlab.cluster.wire.NodeRpc.Status;
import raftlab.cluster.wire.TypeTable;
import raftlab.kvraft.Clerk;
import raftlab.kvraft.KvRpc.GetReply;
import raftlab.labrpc.sim.Sim;
import raftlab.kvraft.Err;

/** {@code cluster}: run the student's KV server as a local cluster of processes and talk to it. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Run your Lab 4 KV server as a cluster of processes on 127.0.0.1, over gRPC, on disk.",
        subcommands = {ClusterCli.Start.class, ClusterCli.StatusCommand.class, ClusterCli.Stop.class,
                ClusterCli.Restart.class, ClusterCli.Kill.class, ClusterCli.Put.class, ClusterCli.Get.class,
                ClusterCli.PartitionCommand.class, ClusterCli.ChaosCommand.class, ClusterCli.BenchCommand.class})
public final class ClusterCli implements Runnable {

    static final String DEFAULT_DIR = "cluster-data";

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command with the given output streams; returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        TypeTable.register();
        CommandLine cli = new CommandLine(new ClusterCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("cluster: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every command takes. */
    static class Folder {
        @Option(names = "--dir", defaultValue = DEFAULT_DIR, description = "the cluster folder (default: ${DEFAULT-VALUE})")
        Path dir;

        Nodes nodes() {
            return new Nodes(Layout.load(dir));
        }
    }

    @Command(name = "start", description = "Start the cluster's nodes (a new cluster, or an existing one with its data), "
            + "wait for a leader, print the status table.")
    static final class Start implements Callable<Integer> {
        @CommandLine.Mixin Folder folder;
        @Spec CommandSpec spec;

        @Option(names = {"-n", "--nodes"}, description = "number of nodes for a new cluster (default: 3)")
        Integer nodes;

        @Option(names = "--base-port", description = "node i listens on 127.0.0.1:(base + i) (default: 7100)")
        Integer basePort;

        @Option(names = "--maxraftstate", defaultValue = "65536", description = "snapshot when the Raft state "
                + "exceeds this many bytes (default: ${DEFAULT-VALUE}; -1: never)")
        int maxRaftState;

        @Option(names = "--rpc-deadline-ms", defaultValue = "1000", description = "an RPC without a reply within this "
                + "fails (default: ${DEFAULT-VALUE})")
        long rpcDeadlineMs;

        @Option(names = "--server-factory", hidden = true, defaultValue = "",
                description = "a ServerFactory class instead of the student's KVServer (kit tests only)")
        String serverFactory;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Nodes cluster;
            if (Files.exists(folder.dir.resolve("cluster.properties"))) {
                cluster = new Nodes(Layout.load(folder.dir));
                if (nodes != null && nodes != cluster.layout().nodes()) {
                    throw new IllegalArgumentException(folder.dir + " holds a cluster of " + cluster.layout().nodes()
                            + " nodes, not " + nodes + "; use another --dir for a new cluster");
                }
            } else {
                cluster = Nodes.create(new Layout(folder.dir, nodes == null ? 3 : nodes,
                        basePort == null ? 7100 : basePort, maxRaftState, rpcDeadlineMs, serverFactory));
            }
            Layout layout = cluster.layout();
            int started = 0;
            try {
                for (int i = 0; i < layout.nodes(); i++) {
                    if (cluster.process(i).isEmpty()) {
                        cluster.start(i);
                        started++;
                    }
                }
            } catch (RuntimeException e) {
                cluster.stopAll();   // all or nothing: no half-started cluster stays behind
                throw new IllegalStateException(e.getMessage() + "\n(the nodes started so far were stopped)", e);
            }
            out.printf("started %d node(s) in %s%n", started, layout.root());
            Optional<Status> leader = cluster.awaitLeader(30_000);
            if (leader.isEmpty()) {
                out.println("no leader after 30 s; see the nodes' node.log files");
            }
            StatusTable.print(out, cluster);
            return leader.isPresent() ? 0 : 1;
        }
    }

    @Command(name = "status", description = "Print the status table.")
    static final class StatusCommand implements Callable<Integer> {
        @CommandLine.Mixin Folder folder;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            StatusTable.print(spec.commandLine().getOut(), folder.nodes());
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop every node (SIGTERM, then SIGKILL after 5 s); no process stays behind.")
    static final class Stop implements Callable<Integer> {
        @CommandLine.Mixin Folder folder;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            int stopped = folder.nodes().stopAll();
            spec.commandLine().getOut().printf("stopped %d node process(es)%n", stopped);
            return 0;
        }
    }

    @Command(name = "restart", description = "Kill a node (if running) and start it again on its data.")
    static final class Restart implements Callable<Integer> {
        @CommandLine.Mixin Folder folder;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NODE") int node;

        @Override
        public Integer call() {
            Nodes cluster = folder.nodes();
            requireNode(cluster, node);
            cluster.kill(node);
            cluster.start(node);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("node %d restarted%n", node);
            // Like start: return once the cluster has a leader again (the node may have been the leader), so that
            // the next command does not race an election.
            if (cluster.awaitLeader(30_000).isEmpty()) {
                out.println("no leader after 30 s; see the nodes' node.log files");
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "kill", description = "Kill a node with SIGKILL (a crash).")
    static final class Kill implements Callable<Integer> {
        @CommandLine.Mixin Folder folder;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "NODE") int node;

        @Override
        public Integer call() {
            Nodes cluster = folder.nodes();
            requireNode(cluster, node);
            boolean killed = cluster.kill(node);
            spec.commandLine().getOut().println(killed ? "node " + node + " killed" : "node " + node + " was not running");
            return 0;
        }
    }

    @Command(name = "partition", description = "Cut NODE off from PEERS (both directions); no PEERS heals it.")
    static final class PartitionCommand implements Callable<Integer> {
        @CommandLine.Mixin Folder folder;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NODE") int node;
        @Parameters(index = "1..*", paramLabel = "PEERS") List<Integer> peers = List.of();

        @Override
        public Integer call() {
            Nodes cluster = folder.nodes();
            requireNode(cluster, node);
            try (GrpcEnds ends = new GrpcEnds(GrpcEnds.CLIENT, cluster.layout().ports(), 1000, new Partition())) {
                Set<Integer> set = new HashSet<>(peers);
                var reply = ends.ends().get(node).call(NodeRpc.PARTITION, new NodeRpc.PartitionArgs(set));
                if (reply.isEmpty()) {
                    throw new IllegalStateException("node " + node + " did not answer; is it running?");
                }
                spec.commandLine().getOut().printf("node %d is cut off from %s%n", node, reply.get().partitionedFrom());
            }
            return 0;
        }
    }

    @Command(name = "put", description = "Put KEY VALUE if the key's version is VERSION (0 creates it). Prints OK, "
            + "ErrVersion, ErrNoKey or ErrMaybe.")
    static final class Put implements Callable<Integer> {
        @CommandLine.Mixin Folder folder;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "KEY") String key;
        @Parameters(index = "1", paramLabel = "VALUE") String value;
        @Parameters(index = "2", paramLabel = "VERSION") long version;
        @Option(names = "--timeout-ms", defaultValue = "15000") long timeoutMs;

        @Override
        public Integer call() throws Exception {
            Err err = withClerk(folder.nodes(), timeoutMs, clerk -> clerk.put(key, value, version));
            spec.commandLine().getOut().println(err);
            return err == Err.OK ? 0 : 1;
        }
    }

    @Command(name = "get", description = "Get KEY: prints VALUE and VERSION, or ErrNoKey.")
    static final class Get implements Callable<Integer> {
        @CommandLine.Mixin Folder folder;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "KEY") String key;
        @Option(names = "--timeout-ms", defaultValue = "15000") long timeoutMs;

        @Override
        public Integer call() throws Exception {
            GetReply reply = withClerk(folder.nodes(), timeoutMs, clerk -> clerk.get(key));
            PrintWriter out = spec.commandLine().getOut();
            if (reply.err() == Err.OK) {
                out.println(reply.value() + " " + reply.version());
                return 0;
            }
            out.println(reply.err());
            return 1;
        }
    }

    @Command(name = "chaos", description = "Run clients against the running cluster while a nemesis kills (SIGKILL), "
            + "pauses (SIGSTOP) and partitions nodes; check the history for linearizability and write its HTML view.")
    static final class ChaosCommand implements Callable<Integer> {
        @CommandLine.Mixin Folder folder;
        @Spec CommandSpec spec;
        @Option(names = "--duration", defaultValue = "60", description = "seconds of faults (default: ${DEFAULT-VALUE})")
        long seconds;
        @Option(names = "--clients", defaultValue = "4", description = "concurrent clients (default: ${DEFAULT-VALUE})")
        int clients;
        @Option(names = "--seed", description = "the nemesis's random seed (default: fresh)")
        Long seed;

        @Override
        public Integer call() {
            Nodes cluster = folder.nodes();
            if (cluster.awaitLeader(30_000).isEmpty()) {
                throw new IllegalStateException("the cluster in " + folder.dir + " has no leader; start it first");
            }
            long s = seed != null ? seed : System.nanoTime();
            spec.commandLine().getOut().printf("chaos: %d s, %d clients, seed %d%n", seconds, clients, s);
            Chaos.Report report = Chaos.run(cluster, java.time.Duration.ofSeconds(seconds), clients, s,
                    spec.commandLine().getOut());
            return report.verdict() == raftlab.linearizability.CheckResult.OK ? 0 : 1;
        }
    }

    @Command(name = "bench", description = "Closed-loop load on the running cluster: throughput and latency "
            + "percentiles (HdrHistogram); --floor measures one durable save and one gRPC loopback round trip.")
    static final class BenchCommand implements Callable<Integer> {
        @CommandLine.Mixin Folder folder;
        @Spec CommandSpec spec;
        @Option(names = "--clients", split = ",", defaultValue = "1", description = "concurrent clients; a list runs "
                + "one measurement each (default: ${DEFAULT-VALUE})")
        List<Integer> clients;
        @Option(names = "--duration", defaultValue = "10", description = "seconds per measurement after 1 s warm-up")
        long seconds;
        @Option(names = "--value-size", defaultValue = "16") int valueSize;
        @Option(names = "--reads", defaultValue = "0", description = "percent of gets (default: ${DEFAULT-VALUE})")
        int readPercent;
        @Option(names = "--floor", description = "measure the floor instead (needs no cluster)")
        boolean floor;
        @Option(names = "--floor-port", defaultValue = "7199") int floorPort;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (floor) {
                java.nio.file.Files.createDirectories(folder.dir);
                raftlab.cluster.bench.Floor.measure(folder.dir, floorPort, 2000, out);
                return 0;
            }
            Nodes cluster = folder.nodes();
            if (cluster.awaitLeader(30_000).isEmpty()) {
                throw new IllegalStateException("the cluster in " + folder.dir + " has no leader; start it first");
            }
            for (int c : clients) {
                var result = raftlab.cluster.bench.Bench.run(cluster, c, java.time.Duration.ofSeconds(seconds),
                        valueSize, readPercent);
                String label = cluster.layout().nodes() + " nodes, " + readPercent + "% reads";
                raftlab.cluster.bench.Bench.print(out, label, result);
                java.nio.file.Path plot = cluster.layout().root().resolve("bench-" + c + "-clients.html");
                raftlab.cluster.bench.Bench.plot(plot, label + ", " + c + " clients", result);
                out.printf("%-22s latency over time: %s%n", "", plot);
            }
            return 0;
        }
    }

    private static void requireNode(Nodes cluster, int node) {
        if (node < 0 || node >= cluster.layout().nodes()) {
            throw new IllegalArgumentException("no node " + node + "; this cluster has nodes 0.."
                    + (cluster.layout().nodes() - 1));
        }
    }

    /**
     * Runs one clerk operation against the cluster, giving up after {@code timeoutMs}: the Lab 4 clerk retries
     * forever while there is no leader, a command line must not.
     */
    static <T> T withClerk(Nodes cluster, long timeoutMs, java.util.function.Function<Clerk, T> op) throws Exception {
        try (GrpcEnds ends = new GrpcEnds(GrpcEnds.CLIENT, cluster.layout().ports(),
                cluster.layout().rpcDeadlineMs() * 2, new Partition())) {
            Clerk clerk = new Clerk(ends.ends());
            CompletableFuture<T> result = new CompletableFuture<>();
            Thread worker = Sim.go("cluster-clerk", () -> {
                try {
                    result.complete(op.apply(clerk));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            try {
                return result.get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                worker.interrupt();
                throw new IllegalStateException("no leader answered within " + timeoutMs + " ms; is the cluster "
                        + "running with a majority up? (cluster status --dir " + cluster.layout().root() + ")");
            }
        }
    }
}
