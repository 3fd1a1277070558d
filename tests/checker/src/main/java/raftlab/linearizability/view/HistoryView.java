package raftlab.linearizability.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import raftlab.linearizability.Annotation;
import raftlab.linearizability.CheckResult;
import raftlab.linearizability.Model;
import raftlab.linearizability.Operation;
import raftlab.linearizability.PartitionResult;
import raftlab.linearizability.VerboseResult;

/**
 * Renders a verbose check result as one self-contained HTML page.
 *
 * <pre>{@code
 * VerboseResult<KvInput, KvOutput> r = Linearizability.checkVerbose(model, history, Duration.ofSeconds(1));
 * HistoryView.write(model, r, annotations, Path.of("history.html"));
 * }</pre>
 *
 * <p>The page draws everything as static SVG (so it shows without script), with a small inline script for hover and
 * click. Per partition at most {@link #MAX_LINEARIZATIONS_PER_PARTITION} partial linearizations are drawn, longest
 * first: Porcupine drew them all and users got 1.5 GB files.
 */
public final class HistoryView {

    static final int MAX_LINEARIZATIONS_PER_PARTITION = 20;
    static final int MAX_LABEL = 48;
    static final double TOP = 10;
    static final double ROW = 32;
    static final double BOX = 24;
    static final double DIVIDER = 12;

    private static final String BOX_FILL = "#42d1f5";
    private static final String ANNOTATION_FILL = "#d6d6d6";

    private HistoryView() {}

    /** Writes the page to {@code path} (replacing it). */
    public static <S, I, O> void write(Model<S, I, O> model, VerboseResult<I, O> result, List<Annotation> annotations,
                                       Path path) throws IOException {
        Files.writeString(path, render(model, result, annotations), StandardCharsets.UTF_8);
    }

    /** Writes the page to {@code out}. */
    public static <S, I, O> void write(Model<S, I, O> model, VerboseResult<I, O> result, List<Annotation> annotations,
                                       Writer out) throws IOException {
        out.write(render(model, result, annotations));
    }

    /** {@return the page} */
    public static <S, I, O> String render(Model<S, I, O> model, VerboseResult<I, O> result,
                                          List<Annotation> annotations) {
        return new Page<>(model, result, List.copyOf(annotations)).html();
    }

    /** One rendering: lays out rows, columns and linearizations, then writes SVG and data. */
    private static final class Page<S, I, O> {

        private final Model<S, I, O> model;
        private final VerboseResult<I, O> result;
        private final List<Operation<I, O>> history;
        private final List<Annotation> annotations;
        private final List<Integer> clients;
        private final List<String> tags;
        private final String[] labels;
        private final Timeline timeline;
        private final int[] opBox;
        private final int[] partitionOf;
        private final List<DrawnLinearization> lins = new ArrayList<>();
        private final Map<Integer, DrawnLinearization> ownLin = new HashMap<>();
        private final Map<Integer, List<String>> illegalIn = new HashMap<>();

        Page(Model<S, I, O> model, VerboseResult<I, O> result, List<Annotation> annotations) {
            this.model = model;
            this.result = result;
            this.history = result.history();
            this.annotations = annotations;
            clients = List.copyOf(new TreeSet<>(history.stream().map(Operation::clientId).toList()));
            tags = List.copyOf(new TreeSet<>(annotations.stream().map(Annotation::tag).toList()));

            int n = history.size();
            int boxes = n + annotations.size();
            long[] starts = new long[boxes];
            long[] ends = new long[boxes];
            labels = new String[boxes];
            opBox = new int[n];
            for (int i = 0; i < n; i++) {
                Operation<I, O> op = history.get(i);
                starts[i] = op.call();
                ends[i] = op.returned();
                labels[i] = shorten(model.describeOperation(op.input(), op.output()));
                opBox[i] = i;
            }
            for (int j = 0; j < annotations.size(); j++) {
                starts[n + j] = annotations.get(j).start();
                ends[n + j] = annotations.get(j).end();
                labels[n + j] = shorten(annotations.get(j).description());
            }
            timeline = new Timeline(starts, ends);

            partitionOf = new int[n];
            List<PartitionResult> parts = result.partitions();
            for (int p = 0; p < parts.size(); p++) {
                PartitionResult part = parts.get(p);
                for (int op : part.operations()) {
                    partitionOf[op] = p;
                }
                List<List<Integer>> partials = part.partialLinearizations();
                for (int k = 0; k < Math.min(partials.size(), MAX_LINEARIZATIONS_PER_PARTITION); k++) {
                    DrawnLinearization lin = new DrawnLinearization(p, k, partials.get(k), part.operations(), history,
                            model);
                    lins.add(lin);
                    for (int op : lin.ops) {
                        ownLin.putIfAbsent(op, lin); // longest first, so the first one is the longest
                    }
                    for (int op : lin.illegalNext) {
                        illegalIn.computeIfAbsent(op, x -> new ArrayList<>()).add(lin.id);
                    }
                }
            }
            int[] slots = new int[timeline.columns()];
            for (DrawnLinearization lin : lins) {
                lin.place(timeline, opBox, slots);
            }
            int[] chars = new int[boxes];
            for (int b = 0; b < boxes; b++) {
                chars[b] = labels[b].length();
            }
            timeline.place(slots, chars);
        }

        String html() {
            return fill(resource("page.html"), Map.of(
                    "/*CSS*/", resource("view.css"),
                    "<!--HEADER-->", header(),
                    "<!--SVG-->", svg(),
                    "/*DATA*/", json(),
                    "/*JS*/", resource("view.js")));
        }

        private String header() {
            long illegal = result.partitions().stream().filter(p -> p.result() == CheckResult.ILLEGAL).count();
            long unknown = result.partitions().stream().filter(p -> p.result() == CheckResult.UNKNOWN).count();
            String verdict = switch (result.result()) {
                case OK -> "linearizable";
                case ILLEGAL -> "NOT linearizable";
                case UNKNOWN -> "no verdict (timed out)";
            };
            return "<h1 class=\"verdict-" + result.result().name().toLowerCase() + "\">History "
                    + Html.escape(verdict) + "</h1>\n<p>" + history.size() + " operations, " + clients.size()
                    + " clients, " + result.partitions().size() + " partitions (" + illegal + " illegal, " + unknown
                    + " without verdict), " + annotations.size() + " annotations.</p>\n";
        }

        private double rowY(int row) {
            return TOP + row * ROW + (row >= clients.size() ? DIVIDER : 0);
        }

        private String svg() {
            int rows = clients.size() + tags.size();
            double height = rowY(rows) + TOP;
            double width = timeline.width();
            StringBuilder b = new StringBuilder(64 * 1024);
            b.append(String.format("<svg id=\"history\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
                    + "height=\"%.0f\">%n", width, height));
            for (int r = 0; r < rows; r++) {
                String name = r < clients.size() ? "Client " + clients.get(r) : tags.get(r - clients.size());
                b.append(String.format("<rect class=\"stripe%s\" x=\"0\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\"/>"
                        + "<text class=\"rowname\" x=\"6\" y=\"%.1f\">%s</text>%n", r % 2 == 0 ? "" : " odd", rowY(r), width, ROW,
                        rowY(r) + ROW / 2 + 4, Html.escape(shorten(name, 14))));
            }
            if (!tags.isEmpty()) {
                double y = rowY(clients.size()) - DIVIDER / 2;
                b.append(String.format("<line class=\"divider\" x1=\"0\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\"/>%n",
                        y, width, y));
            }
            for (int i = 0; i < history.size(); i++) {
                int row = clients.indexOf(history.get(i).clientId());
                String cls = "op p" + partitionOf[i] + (history.get(i).pending() ? " pending" : "");
                box(b, i, "op-" + i, cls, row, BOX_FILL, "data-op=\"" + i + "\"");
            }
            for (int j = 0; j < annotations.size(); j++) {
                Annotation a = annotations.get(j);
                String fill = Html.color(a.color().isEmpty() ? null : a.color(), ANNOTATION_FILL);
                box(b, history.size() + j, "ann-" + j, "ann", clients.size() + tags.indexOf(a.tag()), fill,
                        "data-ann=\"" + j + "\"");
            }
            // Lesser linearizations first, so each partition's longest is drawn on top.
            List<DrawnLinearization> order = new ArrayList<>(lins);
            order.sort((x, y) -> Integer.compare(y.rank, x.rank));
            for (DrawnLinearization lin : order) {
                linearization(b, lin);
            }
            b.append("</svg>\n");
            return b.toString();
        }

        private void box(StringBuilder b, int box, String id, String cls, int row, String fill, String data) {
            double x1 = timeline.x(timeline.startCol(box));
            double x2 = timeline.x(timeline.endCol(box));
            double y = rowY(row) + (ROW - BOX) / 2;
            b.append(String.format("<g id=\"%s\" class=\"%s\" %s><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                            + "height=\"%.0f\" rx=\"4\" fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">%s</text></g>%n",
                    id, cls, data, x1, y, x2 - x1, BOX, Html.escape(fill), x1 + 5, y + BOX / 2 + 4,
                    Html.escape(labels[box])));
        }

        private void linearization(StringBuilder b, DrawnLinearization lin) {
            String cls = "lin p" + lin.partition + (lin.rank == 0 ? " primary" : " hidden");
            b.append(String.format("<g id=\"lin-%s\" class=\"%s\" data-lin=\"%s\">", lin.id, cls, lin.id));
            StringBuilder path = new StringBuilder();
            StringBuilder points = new StringBuilder();
            for (int j = 0; j < lin.ops.size(); j++) {
                int op = lin.ops.get(j);
                double x = timeline.lpX(lin.lpCol[j], lin.lpSlot[j]);
                double y = rowY(clients.indexOf(history.get(op).clientId())) + (ROW - BOX) / 2;
                path.append(String.format("%.1f,%.1f ", x, y + 2)); // along the top edge, clear of the label
                points.append(String.format("<line class=\"lp\" data-op=\"%d\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                        + "y2=\"%.1f\"/>", op, x, y + 3, x, y + BOX - 3));
            }
            for (int i = 0; i < lin.illegalNext.size(); i++) {
                int op = lin.illegalNext.get(i);
                double x = timeline.lpX(lin.illegalCol.get(i), lin.illegalSlot.get(i));
                double y = rowY(clients.indexOf(history.get(op).clientId())) + (ROW - BOX) / 2;
                points.append(String.format("<line class=\"lp illegal\" data-op=\"%d\" x1=\"%.1f\" y1=\"%.1f\" "
                        + "x2=\"%.1f\" y2=\"%.1f\"/>", op, x, y + 3, x, y + BOX - 3));
            }
            if (lin.ops.size() > 1) {
                b.append("<polyline class=\"path\" points=\"").append(path.toString().trim()).append("\"/>");
            }
            b.append(points).append("</g>\n");
        }

        private String json() {
            List<ViewData.Op> ops = new ArrayList<>();
            List<PartitionResult> parts = result.partitions();
            for (int i = 0; i < history.size(); i++) {
                Operation<I, O> op = history.get(i);
                DrawnLinearization lin = ownLin.get(i);
                String before = null;
                String after = null;
                if (lin != null) {
                    int j = lin.ops.indexOf(i);
                    before = lin.before.get(j);
                    after = lin.after.get(j);
                }
                ops.add(new ViewData.Op(model.describeOperation(op.input(), op.output()), op.clientId(),
                        Long.toString(op.call()), op.pending() ? "never" : Long.toString(op.returned()),
                        partitionOf[i], parts.isEmpty() ? "OK" : parts.get(partitionOf[i]).result().name(),
                        lin == null ? null : lin.id, before, after, illegalIn.getOrDefault(i, List.of())));
            }
            List<ViewData.Ann> anns = annotations.stream().map(a -> new ViewData.Ann(a.tag(), a.description(),
                    a.details(), Long.toString(a.start()), Long.toString(a.end()))).toList();
            List<ViewData.Lin> linData = lins.stream().map(l -> new ViewData.Lin(l.id, l.partition, l.rank,
                    l.ops.size(), l.finalState)).toList();
            try {
                return JSON.writeValueAsString(new ViewData(result.result().name(), ops, anns, linData));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot encode the view data", e);
            }
        }
    }

    /**
     * JSON safe inside a {@code <script>} element: {@code <}, {@code >}, {@code &} and {@code '} become
     * {@code \}{@code uXXXX} escapes (so no {@code </script>} or comment opener can appear), and so does everything
     * outside ASCII (which covers U+2028 and U+2029).
     */
    private static final JsonMapper JSON = JsonMapper.builder(new JsonFactoryBuilder()
                    .characterEscapes(new HtmlSafeEscapes())
                    .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .build())
            .build();

    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] escapes = standardAsciiEscapesForJSON();

        HtmlSafeEscapes() {
            for (char c : new char[] {'<', '>', '&', '\''}) {
                escapes[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    /**
     * Replaces each marker of the template once, in one pass over the template only: text put in (history data) is
     * never searched for markers itself.
     */
    static String fill(String template, Map<String, String> parts) {
        StringBuilder out = new StringBuilder(template.length() + 256 * 1024);
        int at = 0;
        while (true) {
            int next = -1;
            String marker = null;
            for (String m : parts.keySet()) {
                int i = template.indexOf(m, at);
                if (i >= 0 && (next < 0 || i < next)) {
                    next = i;
                    marker = m;
                }
            }
            if (marker == null) {
                return out.append(template, at, template.length()).toString();
            }
            out.append(template, at, next).append(parts.get(marker));
            at = next + marker.length();
        }
    }

    private static String shorten(String text) {
        return shorten(text, MAX_LABEL);
    }

    private static String shorten(String text, int max) {
        String t = text == null ? "null" : text;
        return t.length() <= max ? t : t.substring(0, max - 1) + "\u2026";
    }

    private static String resource(String name) {
        try (InputStream in = HistoryView.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to HistoryView");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
