package raftlab.lab;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** Progress as one line per finished run, for logs and CI (standard output is not a terminal). */
class LineProgress implements Progress {

    private final PrintStream out;
    private final int total;
    private int done;

    LineProgress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public void started(GradedTest test, int run, long seed) {
        // one line per run is enough; the start of a run says nothing a reader needs
    }

    @Override
    public synchronized void finished(GradedTest test, int run, long seed, Forker.Result result, TestStats stats,
            Path keptLog) {
        done++;
        String word = switch (result.status()) {
            case PASSED -> "pass";
            case FAILED -> "FAIL";
            case KILLED -> "KILL";
        };
        out.printf(Locale.ROOT, "[%d/%d] %s %s run %d seed %d %.1fs%s%n", done, total, word, test.mitName(), run,
                seed, result.testSeconds(), keptLog == null ? "" : " log " + keptLog);
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
