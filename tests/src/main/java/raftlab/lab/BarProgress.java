package raftlab.lab;

import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.tongfei.progressbar.DefaultProgressBarRenderer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Live progress on a terminal (me.tongfei:progressbar): an overall bar with elapsed time and ETA, and one bar per
 * test showing its passed and failed runs, drawn red from the test's first failure and green once every run passed.
 */
final class BarProgress implements Progress {

    private final ProgressBar overall;
    private final Map<GradedTest, ProgressBar> perTest = new LinkedHashMap<>();
    private final Map<GradedTest, int[]> counts = new LinkedHashMap<>();

    BarProgress(List<GradedTest> tests, int runs) {
        int width = tests.stream().mapToInt(t -> t.mitName().length()).max().orElse(10);
        overall = new ProgressBarBuilder().setTaskName(pad("all runs", width)).setInitialMax((long) tests.size() * runs)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250).build();
        for (GradedTest t : tests) {
            int[] c = new int[2];       // passed, failed
            counts.put(t, c);
            ProgressBar bar = new ProgressBarBuilder().setTaskName(pad(t.mitName(), width)).setInitialMax(runs)
                    .setStyle(ProgressBarStyle.UNICODE_BLOCK).hideEta().setUpdateIntervalMillis(250)
                    .setRenderer(new Coloured(c, runs))
                    .build();
            bar.setExtraMessage(message(c));
            perTest.put(t, bar);
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String message(int[] c) {
        return c[0] + " ok" + (c[1] > 0 ? ", " + c[1] + " failed" : "");
    }

    @Override
    public void started(GradedTest test, int run, long seed) {
        // bars move on finish
    }

    @Override
    public synchronized void finished(GradedTest test, int run, long seed, Forker.Result result, TestStats stats,
            Path keptLog) {
        int[] c = counts.get(test);
        c[0] = stats.passed();
        c[1] = stats.failed();
        ProgressBar bar = perTest.get(test);
        bar.setExtraMessage(message(c));
        bar.step();
        overall.step();
    }

    @Override
    public synchronized void close() {
        perTest.values().forEach(ProgressBar::close);
        overall.close();
    }

    /** Draws the default bar, red once the test has failed, green when every run passed. */
    private static final class Coloured extends DefaultProgressBarRenderer {
        private final int[] counts;
        private final int runs;

        Coloured(int[] counts, int runs) {
            super(ProgressBarStyle.UNICODE_BLOCK, "", 1, false, null, ChronoUnit.SECONDS, true,
                    state -> Optional.empty());
            this.counts = counts;
            this.runs = runs;
        }

        @Override
        public String render(ProgressState progress, int maxLength) {
            String text = super.render(progress, maxLength);
            if (counts[1] > 0) {
                return new AttributedString(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).toAnsi();
            }
            if (counts[0] == runs) {
                return new AttributedString(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN)).toAnsi();
            }
            return text;
        }
    }
}
