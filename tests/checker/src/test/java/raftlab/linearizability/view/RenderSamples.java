package raftlab.linearizability.view;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import raftlab.linearizability.Annotation;
import raftlab.linearizability.Histories;
import raftlab.linearizability.Linearizability;
import raftlab.linearizability.kv.VersionedKvModel;
import raftlab.linearizability.kvlog.AppendKvModel;
import raftlab.linearizability.kvlog.KvLogs;

/**
 * Writes sample pages for looking at in a browser: {@code scripts/bench tests
 * raftlab.linearizability.view.RenderSamples [dir]} (default {@code target/view-samples}).
 */
public final class RenderSamples {

    private RenderSamples() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "tests/checker/target/view-samples");
        Files.createDirectories(dir);
        VersionedKvModel kv = new VersionedKvModel();
        List<Annotation> notes = List.of(Annotation.between("partition", 12, 35, "S0 | S1 S2"),
                new Annotation("checker", 45, 45, "test failed", "history is not linearizable", "#f88"));
        HistoryView.write(kv, Linearizability.checkVerbose(kv, HistoryViewTest.staleRead("a"), Duration.ZERO), notes,
                dir.resolve("stale-read.html"));
        AppendKvModel model = new AppendKvModel();
        for (String file : List.of("c01-bad", "c10-ok", "c10-bad", "c50-ok")) {
            var result = Linearizability.checkVerbose(model, Histories.fromEvents(KvLogs.load(file)),
                    Duration.ofSeconds(2));
            HistoryView.write(model, result, List.of(), dir.resolve(file + ".html"));
            System.out.println(file + ": " + result.result() + " -> " + dir.resolve(file + ".html") + " ("
                    + Files.size(dir.resolve(file + ".html")) / 1024 + " KB)");
        }
    }
}
