package raftlab.cluster.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import raftlab.cluster.cli.ClusterCli;
import raftlab.cluster.TestPorts;
import raftlab.cluster.node.Layout;
import raftlab.cluster.node.Nodes;
import raftlab.linearizability.CheckResult;

/**
 * Ours (not MIT's): a short chaos run on a 3-process cluster of the reference KV server, with every kind of fault
 * (SIGKILL and restart, SIGSTOP and SIGCONT, a transport partition), judged linearizable by the kit's checker.
 */
class ChaosTest {

    @TempDir
    Path root;

    private Nodes nodes;

    @AfterEach
    void noNodeOutlivesTheTest() {
        if (nodes != null) {
            nodes.stopAll();
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("processes left behind").isEmpty();
    }

    @Test
    void aShortChaosRunOnTheReferenceIsLinearizable() {
        StringWriter out = new StringWriter();
        startCluster(out);

        Chaos.Report report = Chaos.run(nodes, Duration.ofSeconds(15), 3, 42, new PrintWriter(out, true));

        assertThat(report.verdict()).as(out.toString()).isEqualTo(CheckResult.OK);
        assertThat(report.faults()).as("faults injected").isGreaterThanOrEqualTo(3);
        assertThat(report.nodesKilled()).as("nodes killed").isGreaterThanOrEqualTo(1);
        assertThat(report.operations()).as("operations recorded").isGreaterThan(50);
        assertThat(Files.exists(report.view())).isTrue();
    }

    /** The checker is not fooled: a server whose gets skip Raft serves stale values, and chaos shows it. */
    @Test
    void chaosCatchesAServerThatAnswersGetsFromLocalState() {
        StringWriter out = new StringWriter();
        startCluster(out, "--server-factory", "raftlab.kvraft.LocalReadServerFactory");

        Chaos.Report report = Chaos.run(nodes, Duration.ofSeconds(15), 3, 42, new PrintWriter(out, true));

        assertThat(report.verdict()).as(out.toString()).isEqualTo(CheckResult.ILLEGAL);
    }

    private void startCluster(StringWriter out, String... extra) {
        Path dir = root.resolve("c");
        List<String> args = new ArrayList<>(List.of("start", "-n", "3", "--dir", dir.toString(), "--base-port",
                Integer.toString(TestPorts.freeBasePort(3))));
        args.addAll(List.of(extra));
        int code = ClusterCli.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(out, true));
        nodes = new Nodes(Layout.load(dir));
        assertThat(code).as(out.toString()).isZero();
    }
}
