package raftlab.cluster.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import raftlab.cluster.storage.DurableStore;
import raftlab.cluster.storage.Recovered;
import raftlab.cluster.storage.StorageException;
import raftlab.cluster.transport.GrpcEnds;
import raftlab.cluster.transport.GrpcHost;
import raftlab.cluster.transport.Partition;
import raftlab.cluster.wire.TypeTable;
import raftlab.labrpc.net.Server;
import raftlab.labrpc.net.Service;
import raftlab.labrpc.persist.Persister;

/**
 * A cluster node: {@code NodeMain <cluster folder> <node id>}. Runs the student's {@code KVServer} over gRPC on
 * durable storage until it is stopped (SIGTERM: clean shutdown) or killed. Exit codes: 2 bad setup (missing data
 * directory, data of another build), 3 port in use, 4 storage failure (fail-stop: the node halts at once).
 */
public final class NodeMain {

    static final String PID_FILE = "node.pid";
    static final String TYPES_FILE = "types";

    /**
     * System property: when true the node halts as soon as the process that started it ends. Tests set it (in
     * {@code cluster/pom.xml}), so nodes do not outlive a test JVM that is itself killed; the command line does not,
     * as its nodes must outlive it.
     */
    public static final String DIE_WITH_PARENT = "raftlab.cluster.dieWithParent";

    private NodeMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            fail(2, "usage: NodeMain <cluster folder> <node id>");
        }
        if (Boolean.getBoolean(DIE_WITH_PARENT)) {
            ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
        }
        String types = TypeTable.register();
        Layout layout = Layout.load(Path.of(args[0]));
        int id = Integer.parseInt(args[1]);
        Path dir = layout.nodeDir(id);
        if (!Files.isDirectory(dir)) {
            fail(2, "node " + id + ": data directory " + dir + " is missing; the cluster's start command creates it "
                    + "(was the folder moved or deleted?)");
        }
        checkTypes(id, dir, types);

        Partition partition = new Partition();
        RaftProgress progress = new RaftProgress();
        Server server = new Server();
        GrpcHost host;
        try {
            host = GrpcHost.start(layout.port(id), server, partition, progress.asReceiver());
        } catch (IllegalStateException e) {
            fail(3, "node " + id + ": " + e.getMessage());
            return;
        }
        DurableStore store;
        try {
            store = DurableStore.open(dir);
        } catch (StorageException e) {
            host.close();
            fail(2, "node " + id + ": " + e.getMessage());
            return;
        }
        Recovered recovered = store.recovered();
        System.out.printf("node %d: recovered %d bytes of Raft state, %d of snapshot (%d records, %d torn bytes cut)%n",
                id, recovered.raftState().length, recovered.snapshot().length, recovered.records(),
                recovered.discardedBytes());
        Persister persister = new Persister(recovered.raftState(), recovered.snapshot(), (state, snapshot) -> {
            try {
                store.save(state, snapshot);
            } catch (StorageException e) {
                // Fail-stop: after a failed write nothing may be acknowledged on top of it.
                System.err.println("node " + id + ": storage failed, halting: " + e.getMessage());
                System.err.flush();
                Runtime.getRuntime().halt(4);
            }
        });
        GrpcEnds ends = new GrpcEnds(id, layout.ports(), layout.rpcDeadlineMs(), partition, progress.asSender());
        ServerFactory.Started kv = ServerFactory.named(layout.serverFactory())
                .start(ends.ends(), id, persister, layout.maxRaftState());
        server.addService(Service.of("KVServer", kv.kvService()));
        server.addService(Service.of("Raft", kv.raft()));
        server.addService(Service.of("Node", new NodeService(id, kv.raft(), persister, store, partition, progress)));

        Path pidFile = dir.resolve(PID_FILE);
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        CountDownLatch stopped = new CountDownLatch(1);
        // A shutdown hook must be an unstarted Thread, so this one cannot go through Sim.go.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kv.kill().run();
            host.close();
            ends.close();
            store.close();
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // the next start overwrites it
            }
            System.out.println("node " + id + ": stopped");
            stopped.countDown();
        }, "node-shutdown"));
        System.out.printf("node %d: up on 127.0.0.1:%d, pid %d, types %s%n", id, layout.port(id),
                ProcessHandle.current().pid(), types);
        stopped.await();
    }

    /** Refuses data written by a build whose records differ: its bytes would decode as something else. */
    private static void checkTypes(int id, Path dir, String types) throws IOException {
        Path file = dir.resolve(TYPES_FILE);
        if (Files.exists(file)) {
            String written = Files.readString(file).strip();
            if (!written.equals(types)) {
                fail(2, "node " + id + ": the data in " + dir + " was written by a build whose records differ (type "
                        + "table " + written + ", this build " + types + "); start a fresh cluster in a new folder");
            }
        } else {
            Files.writeString(file, types);
        }
    }

    private static void fail(int code, String message) {
        System.err.println(message);
        System.exit(code);
    }
}
