package raftlab.cluster.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import raftlab.cluster.node.Nodes;
import raftlab.cluster.wire.NodeRpc.Status;

/**
 * The status table: node, role, term, commit index, applied index, snapshot index, log size, and what the node's
 * storage did. Read without hooks in student code: role and term from {@code getState}; commit and last log index
 * from the Raft messages the node sent and accepted ({@code RaftProgress}); snapshot index and log entries from the
 * Raft state the node persisted. The applied index is shown as a lower bound, the snapshot index (a service
 * snapshots only what it applied): the exact value lives in the student's Rsm, which has no way to read it.
 */
final class StatusTable {

    private StatusTable() {}

    static void print(PrintWriter out, Nodes cluster) {
        List<Optional<Status>> statuses = cluster.statuses(2000);
        String format = "%-4s %-8s %-6s %-8s %5s %7s %8s %7s %7s %7s %9s %9s %9s %7s  %s%n";
        out.printf(format, "node", "pid", "port", "role", "term", "commit", "applied", "snap", "log", "last",
                "state B", "snap B", "disk KiB", "fsyncs", "partitioned from");
        for (int i = 0; i < statuses.size(); i++) {
            int port = cluster.layout().port(i);
            Optional<Status> s = statuses.get(i);
            if (s.isEmpty()) {
                String pid = cluster.process(i).map(p -> Long.toString(p.pid())).orElse("-");
                out.printf("%-4d %-8s %-6d %-8s%n", i, pid, port, pid.equals("-") ? "down" : "no-reply");
                continue;
            }
            Status st = s.get();
            out.printf(format, i, st.pid(), port, st.leader() ? "leader" : "follower", st.term(), st.commitIndex(),
                    st.snapshotIndex() < 0 ? "?" : ">=" + st.snapshotIndex(), known(st.snapshotIndex()),
                    known(st.logEntries()), st.lastLogIndex(), st.raftStateBytes(), st.snapshotBytes(),
                    st.savedBytes() / 1024, st.fsyncs(), st.partitionedFrom().isEmpty() ? "-" : st.partitionedFrom());
        }
        out.println("commit, last: from the Raft messages each node sent or accepted; snap, log (entries): from its "
                + "persisted Raft state; applied: at least the snapshot index (exact value not readable without a "
                + "hook in student code)");
        out.flush();
    }

    private static String known(int value) {
        return value < 0 ? "?" : Integer.toString(value);
    }
}
