package raftlab.cluster.node;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;

/**
 * A cluster's folder: {@code cluster.properties} (size, base port, maxraftstate) and one data directory per node,
 * {@code node-<i>}, holding the node's storage, {@code node.pid} while it runs, and {@code node.log}. Node i listens
 * on {@code 127.0.0.1:(basePort + i)}.
 */
public record Layout(Path root, int nodes, int basePort, int maxRaftState, long rpcDeadlineMs, String serverFactory) {

    static final String FILE = "cluster.properties";

    public Layout {
        root = root.toAbsolutePath().normalize();
        serverFactory = serverFactory == null ? "" : serverFactory;
        if (nodes < 1 || nodes > 15) {
            throw new IllegalArgumentException("a cluster has 1 to 15 nodes, not " + nodes);
        }
        if (basePort < 1024 || basePort + nodes > 65536) {
            throw new IllegalArgumentException("base port " + basePort + " does not leave room for " + nodes
                    + " ports in 1024..65535");
        }
    }

    /** {@return node i's data directory} */
    public Path nodeDir(int i) {
        return root.resolve("node-" + i);
    }

    /** {@return node i's port on 127.0.0.1} */
    public int port(int i) {
        return basePort + i;
    }

    /** {@return every node's port, in node order} */
    public List<Integer> ports() {
        return IntStream.range(0, nodes).map(this::port).boxed().toList();
    }

    /** Writes {@code cluster.properties}. */
    public void save() {
        Properties p = new Properties();
        p.setProperty("nodes", Integer.toString(nodes));
        p.setProperty("basePort", Integer.toString(basePort));
        p.setProperty("maxRaftState", Integer.toString(maxRaftState));
        p.setProperty("rpcDeadlineMs", Long.toString(rpcDeadlineMs));
        p.setProperty("serverFactory", serverFactory);
        try (Writer out = Files.newBufferedWriter(root.resolve(FILE))) {
            p.store(out, "raftlab cluster");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve(FILE), e);
        }
    }

    /**
     * Reads the layout of the cluster in {@code root}.
     *
     * @throws IllegalArgumentException naming the folder if it holds no cluster
     */
    public static Layout load(Path root) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(root.resolve(FILE))) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no cluster in " + root.toAbsolutePath() + " (" + FILE
                    + " is missing); start one with `start -n 3 --dir " + root + "`");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root.resolve(FILE), e);
        }
        return new Layout(root, Integer.parseInt(p.getProperty("nodes")), Integer.parseInt(p.getProperty("basePort")),
                Integer.parseInt(p.getProperty("maxRaftState")), Long.parseLong(p.getProperty("rpcDeadlineMs")),
                p.getProperty("serverFactory", ""));
    }
}
