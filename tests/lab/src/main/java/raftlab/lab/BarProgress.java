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
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

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
        synchronized (c) {
            c[0] = stats.passed();
            c[1] = stats.failed();
        }
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

    /**
     * Draws the default bar in the library's colours: plain while the test has only passed, red (ANSI 31) from its
     * first failure, green (32) once every run passed.
     */
    private static final class Coloured implements ProgressBarRenderer {
        private final int[] counts;
        private final int runs;
        private final ProgressBarRenderer plain = renderer(ProgressBarStyle.UNICODE_BLOCK);
        private final ProgressBarRenderer red = renderer(colour(31));
        private final ProgressBarRenderer green = renderer(colour(32));

        Coloured(int[] counts, int runs) {
            this.counts = counts;
            this.runs = runs;
        }

        private static ProgressBarStyle colour(int code) {
            return ProgressBarStyle.builder().colorCode((byte) code).leftBracket("\u2502").rightBracket("\u2502")
                    .block('\u2588').space(' ').fractionSymbols(" \u258F\u258E\u258D\u258C\u258B\u258A\u2589")
                    .rightSideFractionSymbol(' ').build();
        }

        private static ProgressBarRenderer renderer(ProgressBarStyle style) {
            return new DefaultProgressBarRenderer(style, "", 1, false, null, ChronoUnit.SECONDS, false,
                    state -> Optional.empty()) { };
        }

        @Override
        public String render(ProgressState progress, int maxLength) {
            synchronized (counts) {
                ProgressBarRenderer r = counts[1] > 0 ? red : counts[0] == runs ? green : plain;
                return r.render(progress, maxLength);
            }
        }
    }
}
