package raftlab.cluster.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import raftlab.cluster.transport.GrpcEnds;
import raftlab.cluster.transport.Partition;
import raftlab.cluster.wire.NodeRpc;
import raftlab.cluster.wire.NodeRpc.Status;
import raftlab.cluster.wire.NodeRpc.StatusArgs;
import raftlab.labrpc.sim.Sim;

/**
 * Starts, finds, stops and kills the node processes of one cluster folder. A node's process is found through its
 * {@code node.pid} file and accepted only if its command line is a {@link NodeMain} of this folder, so a reused pid
 * is never signalled.
 */
public final class Nodes {

    private static final long START_TIMEOUT_MS = 60_000;

    private final Layout layout;

    public Nodes(Layout layout) {
        this.layout = layout;
    }

    public Layout layout() {
        return layout;
    }

    /** Creates the folder, the layout file and the node directories. */
    public static Nodes create(Layout layout) {
        try {
            Files.createDirectories(layout.root());
            for (int i = 0; i < layout.nodes(); i++) {
                Files.createDirectories(layout.nodeDir(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cluster folder " + layout.root() + ": " + e, e);
        }
        layout.save();
        return new Nodes(layout);
    }

    /** {@return the running process of node i, if any} */
    public Optional<ProcessHandle> process(int i) {
        Path pidFile = layout.nodeDir(i).resolve(NodeMain.PID_FILE);
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurNode);
    }

    /** {@return every live process running a node of this folder, whether or not its pid file is there} */
    public List<ProcessHandle> allProcesses() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(this::isOurNode).toList();
    }

    /** A NodeMain whose folder argument is exactly this root (not merely a prefix of it, as /tmp/c of /tmp/c2). */
    private boolean isOurNode(ProcessHandle process) {
        List<String> args = List.of(process.info().arguments().orElse(new String[0]));
        int main = args.indexOf(NodeMain.class.getName());
        return main >= 0 && main + 1 < args.size() && args.get(main + 1).equals(layout.root().toString());
    }

    /**
     * Starts node i as a child process (java of this JVM, same class path), its output appended to
     * {@code node.log}, and waits until it answers a status call.
     *
     * @throws IllegalStateException if the node is running, its port is taken, or it exits or does not answer
     *                               within 60 s; the message names the cause and quotes the end of its log
     */
    public void start(int i) {
        if (process(i).isPresent()) {
            throw new IllegalStateException("node " + i + " is already running (pid " + process(i).get().pid() + ")");
        }
        Path dir = layout.nodeDir(i);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("node " + i + ": data directory " + dir + " is missing");
        }
        requireFreePort(i);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process;
        try {
            process = new ProcessBuilder(java, "-D" + NodeMain.DIE_WITH_PARENT + "=" + Boolean.getBoolean(
                    NodeMain.DIE_WITH_PARENT), "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-Xss512k", "-Xmx256m", "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(),
                    layout.root().toString(), Integer.toString(i))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("node " + i + ": cannot start java: " + e, e);
        }
        long deadline = Sim.millis() + START_TIMEOUT_MS;
        try (GrpcEnds ends = new GrpcEnds(GrpcEnds.CLIENT, List.of(layout.port(i)), 1000, new Partition())) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("node " + i + " exited with code " + process.exitValue()
                            + " while starting; end of " + dir.resolve("node.log") + ":\n" + tail(i));
                }
                if (ends.ends().getFirst().call(NodeRpc.STATUS, new StatusArgs(false)).isPresent()) {
                    return;
                }
                if (Sim.millis() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("node " + i + " did not answer within " + START_TIMEOUT_MS / 1000
                            + " s and was killed; end of its log:\n" + tail(i));
                }
                Sim.sleep(50);
            }
        }
    }

    private void requireFreePort(int i) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", layout.port(i)));
        } catch (IOException e) {
            throw new IllegalStateException("node " + i + ": port " + layout.port(i) + " on 127.0.0.1 is in use by "
                    + "another process; stop it, or start the cluster in a new folder with another --base-port");
        }
    }

    /** {@return the last lines of node i's log} */
    public String tail(int i) {
        try {
            List<String> lines = Files.readAllLines(layout.nodeDir(i).resolve("node.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills node i with SIGKILL (a crash); returns whether it was running. */
    public boolean kill(int i) {
        Optional<ProcessHandle> process = process(i);
        process.ifPresent(p -> {
            p.destroyForcibly();
            await(p);
        });
        return process.isPresent();
    }

    /**
     * Stops every node of this folder: SIGTERM (clean shutdown), then SIGKILL after 5 s; also any stray node process
     * of this folder without a pid file. Returns how many processes it ended.
     *
     * @throws IllegalStateException if a process survives
     */
    public int stopAll() {
        List<ProcessHandle> processes = new ArrayList<>(allProcesses());
        processes.forEach(ProcessHandle::destroy);
        long deadline = Sim.millis() + 5000;
        for (ProcessHandle p : processes) {
            while (p.isAlive() && Sim.millis() < deadline) {
                Sim.sleep(20);
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            await(p);
        }
        List<ProcessHandle> survivors = allProcesses();
        if (!survivors.isEmpty()) {
            throw new IllegalStateException("node processes survived stop: "
                    + survivors.stream().map(ProcessHandle::pid).toList());
        }
        for (int i = 0; i < layout.nodes(); i++) {
            try {
                Files.deleteIfExists(layout.nodeDir(i).resolve(NodeMain.PID_FILE));
            } catch (IOException e) {
                // harmless: process() checks that the pid is a live node of this folder
            }
        }
        return processes.size();
    }

    private static void await(ProcessHandle p) {
        try {
            p.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + p.pid() + " did not exit after SIGKILL: " + e, e);
        }
    }

    /** {@return each node's status, empty for a node that does not answer within the deadline} */
    public List<Optional<Status>> statuses(long deadlineMs) {
        try (GrpcEnds ends = new GrpcEnds(GrpcEnds.CLIENT, layout.ports(), deadlineMs, new Partition())) {
            return ends.ends().stream().map(e -> e.call(NodeRpc.STATUS, new StatusArgs(false))).toList();
        }
    }

    /** {@return the node that is leader in the highest term, waiting up to {@code timeoutMs}} */
    public Optional<Status> awaitLeader(long timeoutMs) {
        long deadline = Sim.millis() + timeoutMs;
        do {
            Optional<Status> leader = statuses(500).stream().flatMap(Optional::stream).filter(Status::leader)
                    .max(java.util.Comparator.comparingInt(Status::term));
            if (leader.isPresent()) {
                return leader;
            }
            Sim.sleep(100);
        } while (Sim.millis() < deadline);
        return Optional.empty();
    }
}
