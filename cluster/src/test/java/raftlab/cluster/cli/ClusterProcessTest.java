package raftlab.cluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import raftlab.cluster.TestPorts;
import raftlab.cluster.node.Layout;
import raftlab.cluster.node.Nodes;
import raftlab.cluster.wire.NodeRpc.Status;

/**
 * Ours (not MIT's): the reference KV server as a 3-process cluster, driven through the command line as a user
 * would: puts and gets, the leader killed, every node killed and restarted from disk, stop leaving no process; and
 * the clear errors for a taken port, a missing data directory and a node that will not start.
 */
class ClusterProcessTest {

    @TempDir
    Path root;

    Path dir;

    @AfterEach
    void noNodeOutlivesTheTest() {
        if (dir != null && Files.exists(dir.resolve("cluster.properties"))) {
            new Nodes(Layout.load(dir)).stopAll();
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("processes left behind").isEmpty();
    }

    @Test
    void putsAndGetsSurviveALeaderCrashAndAFullRestart() {
        dir = root.resolve("c");
        Result start = cli("start", "-n", "3", "--base-port", Integer.toString(TestPorts.freeBasePort(3)));
        assertThat(start.code).as(start.text()).isZero();
        assertThat(start.out).contains("leader");

        assertThat(cli("put", "a", "1", "0").out).isEqualTo("OK\n");
        assertThat(cli("get", "a").out).isEqualTo("1 1\n");
        assertThat(cli("put", "a", "x", "0").out).as("wrong version").isEqualTo("ErrVersion\n");
        assertThat(cli("get", "missing").out).isEqualTo("ErrNoKey\n");

        Nodes nodes = new Nodes(Layout.load(dir));
        Status leader = nodes.awaitLeader(30_000).orElseThrow();
        assertThat(cli("kill", Integer.toString(leader.node())).out).contains("killed");
        // The put may time out at a new leader that commits it later; then the clerk's retry reports ErrMaybe.
        assertThat(cli("put", "a", "2", "1").out).isIn("OK\n", "ErrMaybe\n");
        assertThat(cli("get", "a").out).as("progress with the leader dead").isEqualTo("2 2\n");
        for (int k = 0; k < 10; k++) {
            assertThat(cli("put", "k" + k, "v" + k, "0").out).isIn("OK\n", "ErrMaybe\n");
        }

        for (int i = 0; i < 3; i++) {
            cli("kill", Integer.toString(i));
        }
        assertThat(nodes.allProcesses()).as("all nodes killed").isEmpty();
        Result restart = cli("start");
        assertThat(restart.code).as(restart.text()).isZero();
        assertThat(cli("get", "a").out).as("data intact after every node crashed").isEqualTo("2 2\n");
        for (int k = 0; k < 10; k++) {
            assertThat(cli("get", "k" + k).out).isEqualTo("v" + k + " 1\n");
        }

        assertThat(cli("restart", "1").out).contains("restarted");
        assertThat(cli("status").out).contains("leader");
        assertThat(cli("stop").out).contains("stopped 3");
        assertThat(nodes.allProcesses()).as("no node process after stop").isEmpty();
    }

    @Test
    void aTakenPortIsNamedAndNothingStaysRunning() throws IOException {
        dir = root.resolve("c");
        int base = TestPorts.freeBasePort(3);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress("127.0.0.1", base + 1));
            Result start = cli("start", "-n", "3", "--base-port", Integer.toString(base));
            assertThat(start.code).isNotZero();
            assertThat(start.err).contains("port " + (base + 1)).contains("in use");
        }
        assertThat(new Nodes(Layout.load(dir)).allProcesses()).as("node 0 was stopped again").isEmpty();
    }

    @Test
    void aMissingDataDirectoryAndANodeThatWillNotStartAreClearErrors() throws IOException {
        dir = root.resolve("c");
        assertThat(cli("start", "-n", "1", "--base-port", Integer.toString(TestPorts.freeBasePort(1))).code).isZero();
        assertThat(cli("stop").code).isZero();

        Path nodeDir = dir.resolve("node-0");
        Files.writeString(nodeDir.resolve("types"), "0123456789abcdef");   // data of another build
        Result refused = cli("start");
        assertThat(refused.code).isNotZero();
        assertThat(refused.err).contains("node 0 exited with code 2").contains("written by a build");

        try (var files = Files.list(nodeDir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(nodeDir);
        Result missing = cli("start");
        assertThat(missing.code).isNotZero();
        assertThat(missing.err).contains("data directory").contains(nodeDir.toString()).contains("missing");

        Result noCluster = ClusterProcessTest.run("status", "--dir", root.resolve("nothing-here").toString());
        assertThat(noCluster.code).isEqualTo(2);
        assertThat(noCluster.err).contains("no cluster in");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    record Result(int code, String out, String err) {
        String text() {
            return "exit " + code + "\n" + out + err;
        }
    }

    private Result cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dir";
        all[args.length + 1] = dir.toString();
        return run(all);
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ClusterCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
