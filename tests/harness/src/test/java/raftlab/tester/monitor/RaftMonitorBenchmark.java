package raftlab.tester.monitor;

import java.util.ArrayList;
import java.util.List;
import raftlab.labrpc.sim.Sim;
import raftlab.raft.ApplyMsg;
import raftlab.raft.LogEntry;
import raftlab.raft.RaftMessage.AppendEntriesArgs;
import raftlab.raft.RaftMessage.AppendEntriesReply;
import raftlab.raft.RaftMessage.RequestVoteArgs;
import raftlab.raft.RaftMessage.RequestVoteReply;

/**
 * The invariant monitor's cost per event, for {@code docs/performance.md}. Run with
 * {@code scripts/bench tests/harness raftlab.tester.monitor.RaftMonitorBenchmark}.
 *
 * <p>One thread feeds a 5-peer monitor a Lab 3-like stream: per round, an election (4 granted votes), then
 * 100 AppendEntries replies carrying 0 to 9 entries each, 100 {@code getState} answers and 10 applies per peer.
 * It reports nanoseconds per event (median of 5 timed rounds of 2,000 terms after a warm-up).
 */
public final class RaftMonitorBenchmark {

    private RaftMonitorBenchmark() {}

    public static void main(String[] args) {
        round();    // warm-up
        List<Double> perEvent = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            perEvent.add(round());
        }
        perEvent.sort(null);
        System.out.printf("RaftMonitor: %.0f ns per event (median of 5; all: %s)%n", perEvent.get(2), perEvent);
    }

    private static double round() {
        int n = 5;
        RaftMonitor monitor = new RaftMonitor(n, () -> 0, message -> {
            throw new AssertionError(message);
        });
        RaftMonitor.Peer[] peers = new RaftMonitor.Peer[n];
        for (int i = 0; i < n; i++) {
            List<String> ends = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                ends.add("e" + i + "-" + j);
            }
            peers[i] = monitor.incarnation(i, "s" + i, ends, 0, 0);
        }
        long events = 0;
        int index = 0;
        long start = Sim.nanoTime();
        for (int term = 1; term <= 2_000; term++) {
            int leader = term % n;
            for (int v = 0; v < n; v++) {
                if (v != leader) {
                    monitor.delivered("e" + leader + "-" + v, "s" + v, "Raft.requestVote",
                            new RequestVoteArgs(term, leader, index, term - 1), new RequestVoteReply(term, true));
                    events++;
                }
            }
            int prev = index;
            for (int k = 0; k < 10; k++) {
                peers[leader].started(index + 1, ++index, term, true, peers[leader].termFloor());
                events++;
            }
            for (int m = 0; m < 100; m++) {
                int to = (leader + 1 + m % (n - 1)) % n;
                int count = m % 10;
                List<LogEntry> entries = new ArrayList<>(count);
                for (int k = 0; k < count; k++) {
                    entries.add(new LogEntry(term, prev + k + 1));
                }
                monitor.delivered("e" + leader + "-" + to, "s" + to, "Raft.appendEntries",
                        new AppendEntriesArgs(term, leader, prev, term, entries, prev),
                        new AppendEntriesReply(term, true));
                peers[to].state(term, false, peers[to].termFloor());
                events += 2;
            }
            for (int p = 0; p < n; p++) {
                for (int k = prev + 1; k <= index; k++) {
                    peers[p].applied(new ApplyMsg.Command(k, k));
                    events++;
                }
            }
        }
        return (double) (Sim.nanoTime() - start) / events;
    }
}
