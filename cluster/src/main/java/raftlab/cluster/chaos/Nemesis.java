package raftlab.cluster.chaos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import raftlab.cluster.node.Nodes;
import raftlab.cluster.transport.GrpcEnds;
import raftlab.cluster.transport.Partition;
import raftlab.cluster.wire.NodeRpc;
import raftlab.linearizability.Annotation;
import raftlab.labrpc.sim.Sim;

/**
 * Injects one fault at a time, in turn: SIGKILL a node and restart it from disk; SIGSTOP a node and SIGCONT it;
 * cut a node off from every peer through the transport and heal it. Kills go round the nodes, so in a long enough
 * run every node is killed at least once. Every fault is undone before the next, and {@link #healAll} undoes
 * whatever a stopped run left.
 */
final class Nemesis {

    private final Nodes nodes;
    private final Random random;
    private final List<Annotation> annotations = new ArrayList<>();
    private final Set<Integer> killed = new HashSet<>();
    private int faults;
    private int nextKill;

    Nemesis(Nodes nodes, Random random) {
        this.nodes = nodes;
        this.random = random;
    }

    /** Injects faults until {@code deadlineMillis} (a {@link Sim#millis} time). */
    void run(long deadlineMillis) {
        int n = nodes.layout().nodes();
        for (int round = 0; Sim.millis() < deadlineMillis && !Thread.currentThread().isInterrupted(); round++) {
            Sim.sleep(500 + random.nextInt(1000));
            long start = Sim.nanoTime();
            String what;
            switch (round % 3) {
                case 0 -> {
                    int node = nextKill++ % n;
                    nodes.kill(node);
                    killed.add(node);
                    Sim.sleep(500 + random.nextInt(1000));
                    nodes.start(node);
                    what = "SIGKILL node " + node + ", restart";
                }
                case 1 -> {
                    int node = random.nextInt(n);
                    signal(node, "-STOP");
                    Sim.sleep(500 + random.nextInt(1500));
                    signal(node, "-CONT");
                    what = "SIGSTOP node " + node + ", SIGCONT";
                }
                default -> {
                    int node = random.nextInt(n);
                    Set<Integer> others = IntStream.range(0, n).filter(i -> i != node).boxed()
                            .collect(Collectors.toSet());
                    partition(node, others);
                    Sim.sleep(1000 + random.nextInt(1500));
                    partition(node, Set.of());
                    what = "partition node " + node + " from " + others + ", heal";
                }
            }
            faults++;
            annotations.add(Annotation.between("nemesis", start, Sim.nanoTime(), what));
            System.out.println("nemesis: " + what);
        }
    }

    /** Resumes stopped nodes, heals partitions and restarts nodes that are down. */
    void healAll() {
        for (int i = 0; i < nodes.layout().nodes(); i++) {
            if (nodes.process(i).isPresent()) {
                signal(i, "-CONT");
                partition(i, Set.of());
            } else {
                nodes.start(i);
            }
        }
    }

    int faults() {
        return faults;
    }

    Set<Integer> killed() {
        return Set.copyOf(killed);
    }

    List<Annotation> annotations() {
        return List.copyOf(annotations);
    }

    private void signal(int node, String signal) {
        nodes.process(node).ifPresent(p -> {
            try {
                Process kill = new ProcessBuilder("kill", signal, Long.toString(p.pid())).inheritIO().start();
                kill.waitFor();
            } catch (IOException e) {
                throw new IllegalStateException("cannot send " + signal + " to node " + node + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void partition(int node, Set<Integer> peers) {
        try (GrpcEnds ends = new GrpcEnds(GrpcEnds.CLIENT, nodes.layout().ports(), 1000, new Partition())) {
            // A partition must take hold (or heal) for sure: retry while the node is slow to answer.
            for (int attempt = 0; attempt < 20; attempt++) {
                if (ends.ends().get(node).call(NodeRpc.PARTITION, new NodeRpc.PartitionArgs(peers)).isPresent()) {
                    return;
                }
            }
            throw new IllegalStateException("node " + node + " did not answer the partition request " + peers);
        }
    }
}
