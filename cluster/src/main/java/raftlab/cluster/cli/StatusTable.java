package raftlab.cluster.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import raftlab.cluster.node.Nodes;
import raftlab.cluster.wire.NodeRpc.Status;

/**
 * The status table. Columns come from the student contract ({@code getState}: term, leader or not) and from what the
 * kit itself holds (persisted sizes, disk writes); commit, applied and snapshot index are inside the student's
 * Raft and Rsm, which expose no way to read them, so the table does not show them.
 */
final class StatusTable {

    private StatusTable() {}

    static void print(PrintWriter out, Nodes cluster) {
        List<Optional<Status>> statuses = cluster.statuses(2000);
        out.printf("%-4s %-8s %-6s %-8s %6s %12s %12s %10s %8s  %s%n", "node", "pid", "port", "role", "term",
                "state bytes", "snap bytes", "disk KiB", "fsyncs", "partitioned from");
        for (int i = 0; i < statuses.size(); i++) {
            int port = cluster.layout().port(i);
            Optional<Status> s = statuses.get(i);
            if (s.isEmpty()) {
                String pid = cluster.process(i).map(p -> Long.toString(p.pid())).orElse("-");
                out.printf("%-4d %-8s %-6d %-8s%n", i, pid, port, pid.equals("-") ? "down" : "no-reply");
                continue;
            }
            Status st = s.get();
            out.printf("%-4d %-8d %-6d %-8s %6d %12d %12d %10d %8d  %s%n", i, st.pid(), port,
                    st.leader() ? "leader" : "follower", st.term(), st.raftStateBytes(), st.snapshotBytes(),
                    st.savedBytes() / 1024, st.fsyncs(), st.partitionedFrom().isEmpty() ? "-" : st.partitionedFrom());
        }
        out.flush();
    }
}
