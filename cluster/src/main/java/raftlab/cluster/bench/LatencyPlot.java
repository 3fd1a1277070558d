package raftlab.cluster.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Latency over time as one self-contained HTML page (inline SVG, no script): every operation as a dot (thinned to
 * at most {@value #MAX_DOTS}), and per second the p50 and p99 as lines. The y axis is logarithmic.
 */
final class LatencyPlot {

    /** One operation: when it returned (ms since the start of measuring) and how long it took (µs). */
    record Sample(long atMillis, long latencyMicros) {}

    private static final int MAX_DOTS = 20_000;
    private static final int WIDTH = 900;
    private static final int HEIGHT = 400;
    private static final int LEFT = 60;
    private static final int BOTTOM = 30;

    private LatencyPlot() {}

    static void write(Path file, String title, List<Sample> samples, long durationMillis) throws IOException {
        long maxMicros = Math.max(1000, samples.stream().mapToLong(Sample::latencyMicros).max().orElse(1000));
        double logMin = Math.log10(100);                  // 0.1 ms
        double logMax = Math.log10(maxMicros * 1.2);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'>%n",
                WIDTH + LEFT + 20, HEIGHT + BOTTOM + 20));
        for (long tick = 100; tick <= maxMicros * 1.2; tick *= 10) {       // 0.1 ms, 1 ms, 10 ms, ...
            double y = y(tick, logMin, logMax);
            svg.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#ddd'/>"
                    + "<text x='2' y='%.1f' font-size='11'>%s ms</text>%n", LEFT, LEFT + WIDTH, y, y, y + 4,
                    tick >= 1000 ? Long.toString(tick / 1000) : "0.1"));
        }
        int step = Math.max(1, samples.size() / MAX_DOTS);
        for (int i = 0; i < samples.size(); i += step) {
            Sample s = samples.get(i);
            svg.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='1' fill='#42a5f5'/>",
                    x(s.atMillis(), durationMillis), y(Math.max(100, s.latencyMicros()), logMin, logMax)));
        }
        svg.append('\n');
        List<Histogram> perSecond = new ArrayList<>();
        for (long t = 0; t < durationMillis; t += 1000) {
            perSecond.add(new Histogram(3));
        }
        for (Sample s : samples) {
            int second = (int) Math.min(perSecond.size() - 1, s.atMillis() / 1000);
            perSecond.get(second).recordValue(Math.max(1, s.latencyMicros()));
        }
        line(svg, perSecond, 50, "#2e7d32", logMin, logMax, durationMillis);
        line(svg, perSecond, 99, "#c62828", logMin, logMax, durationMillis);
        svg.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11'>seconds →  (green p50, red p99 "
                + "per second; dots: operations)</text>%n</svg>%n", LEFT, HEIGHT + BOTTOM + 10));
        String html = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + title + "</title></head><body>"
                + "<h3 style='font-family:sans-serif'>" + title + "</h3>" + svg + "</body></html>\n";
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder svg, List<Histogram> perSecond, double percentile, String colour,
                             double logMin, double logMax, long durationMillis) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < perSecond.size(); i++) {
            if (perSecond.get(i).getTotalCount() > 0) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i * 1000L + 500, durationMillis),
                        y(Math.max(100, perSecond.get(i).getValueAtPercentile(percentile)), logMin, logMax)));
            }
        }
        svg.append(String.format("<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>%n", colour,
                points));
    }

    private static double x(long atMillis, long durationMillis) {
        return LEFT + WIDTH * (double) atMillis / Math.max(1, durationMillis);
    }

    private static double y(long micros, double logMin, double logMax) {
        return HEIGHT - HEIGHT * (Math.log10(micros) - logMin) / (logMax - logMin) + 10;
    }
}
