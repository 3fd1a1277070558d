package raftlab.linearizability.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import raftlab.linearizability.Annotation;
import raftlab.linearizability.Linearizability;
import raftlab.linearizability.Operation;
import raftlab.linearizability.VerboseResult;
import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvInput;
import raftlab.linearizability.kv.KvOutput;
import raftlab.linearizability.kv.VersionedKvModel;
import raftlab.linearizability.kvlog.AppendKvModel;
import raftlab.linearizability.kvlog.KvLogs;

/** The history page: what it contains, that history text cannot inject markup, and when tests write it. */
class HistoryViewTest {

    private static final VersionedKvModel KV = new VersionedKvModel();

    /** Client 0 writes "a"; after it returned, client 1 still reads "": a stale read. Client 2 reads another key. */
    static List<Operation<KvInput, KvOutput>> staleRead(String value) {
        return List.of(
                new Operation<>(0, new KvInput.Put("k", value, 0), 10, new KvOutput.PutResult(Err.OK), 20),
                new Operation<>(1, new KvInput.Get("k"), 30, new KvOutput.GetResult("", 0, Err.ErrNoKey), 40),
                new Operation<>(2, new KvInput.Get("x"), 5, new KvOutput.GetResult("", 0, Err.ErrNoKey), 50));
    }

    @Test
    @DisplayName("an illegal history draws its boxes, the longest partial linearization and a red next step")
    void illegalHistoryPage() {
        VerboseResult<KvInput, KvOutput> result = Linearizability.checkVerbose(KV, staleRead("a"), Duration.ZERO);
        List<Annotation> notes = List.of(Annotation.between("partition", 12, 35, "S0 | S1 S2"),
                new Annotation("checker", 45, 45, "test failed", "history is not linearizable", "#f88"));

        String html = HistoryView.render(KV, result, notes);

        assertThat(html).contains("History NOT linearizable");
        assertThat(html).contains("put(&#39;k&#39;, &#39;a&#39;, &#39;0&#39;) -&gt; (&#39;OK&#39;)");
        assertThat(html).contains(">Client 0<", ">Client 1<", ">partition<", ">checker<");
        // The put is linearized; the stale get cannot follow it: one red point, on the get (op 1).
        assertThat(html).contains("class=\"lp illegal\" data-op=\"1\"");
        assertThat(html).contains("class=\"lp\" data-op=\"0\"");
        // Self-contained: nothing is fetched (the SVG namespace URI is a name, not a fetch).
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("http:", "https:", "src=", "href=\"http", "@import", "url(");
    }

    @Test
    @DisplayName("values cannot inject markup: labels are escaped and the JSON cannot close its script element")
    void historyTextIsEscaped() {
        String evil = "</script><script>alert(1)</script><img src=x onerror=alert(2)>&amp;\u2028";
        VerboseResult<KvInput, KvOutput> result = Linearizability.checkVerbose(KV, staleRead(evil), Duration.ZERO);
        List<Annotation> notes = List.of(new Annotation("<b>tag</b>", 1, 2, "<i>d</i>", "<script>x</script>",
                "red\" onclick=\"alert(3)"));

        String html = HistoryView.render(KV, result, notes);

        String data = html.substring(html.indexOf("id=\"data\">") + 10, html.indexOf("</script>", html.indexOf("id=\"data\">")));
        assertThat(data).doesNotContain("<", ">", "\u2028").contains("\\u003C/script\\u003E");
        assertThat(html).doesNotContain("<script>alert", "<img", "<b>tag", "<i>d", "onclick=\"alert");
        assertThat(html.split("<script", -1)).hasSize(3); // exactly our two script elements
        assertThat(html).contains("&lt;/script&gt;&lt;script&gt;alert(1)");
    }

    @Test
    @DisplayName("a legal history draws one complete linearization per partition and no red point")
    void legalHistoryPage() {
        var history = raftlab.linearizability.Histories.fromEvents(KvLogs.load("c10-ok"));
        var model = new AppendKvModel();
        var result = Linearizability.checkVerbose(model, history, Duration.ZERO);

        String html = HistoryView.render(model, result, List.of());

        assertThat(html).contains("History linearizable").doesNotContain("lp illegal");
        assertThat(html.split("class=\"lp\"", -1)).hasSize(history.size() + 1);
    }

    @Test
    @DisplayName("VIS_ENABLE: illegal histories are written by default, legal ones only with 'always', none with 'never'")
    void visualizationFollowsTheEnvironment(@TempDir Path dir) throws Exception {
        var illegal = Linearizability.checkVerbose(KV, staleRead("a"), Duration.ZERO);
        var legal = Linearizability.checkVerbose(KV, staleRead("a").subList(0, 1), Duration.ZERO);
        Path file = dir.resolve("vis.html");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        assertThat(Visualization.writeIfNeeded(KV, illegal, List.of(), out, Map.of("VIS_FILE", file.toString())))
                .contains(file);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("info: wrote history visualization to " + file
                + System.lineSeparator());
        assertThat(Files.readString(file)).contains("NOT linearizable");

        assertThat(Visualization.writeIfNeeded(KV, legal, List.of(), out, Map.of("VIS_FILE", file.toString())))
                .isEmpty();
        assertThat(Visualization.writeIfNeeded(KV, illegal, List.of(), out,
                Map.of("VIS_FILE", file.toString(), "VIS_ENABLE", "never"))).isEmpty();
        assertThat(Visualization.writeIfNeeded(KV, legal, List.of(), out,
                Map.of("VIS_FILE", file.toString(), "VIS_ENABLE", "always"))).contains(file);
        assertThat(Files.readString(file)).contains("History linearizable");

        // Without VIS_FILE: a fresh temporary file, whose path is printed.
        bytes.reset();
        Path temp = Visualization.writeIfNeeded(KV, illegal, List.of(), out, Map.of()).orElseThrow();
        try {
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("info: wrote history visualization to " + temp);
        } finally {
            Files.deleteIfExists(temp);
        }

        // An unwritable path is reported, not thrown.
        bytes.reset();
        assertThat(Visualization.writeIfNeeded(KV, illegal, List.of(), out,
                Map.of("VIS_FILE", dir.resolve("no/such/dir/x.html").toString()))).isEmpty();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("info: failed to write history visualization to ");
    }

    @Test
    @DisplayName("the template is filled in one pass: markers inside history text stay text")
    void markersInDataAreNotExpanded() {
        String filled = HistoryView.fill("a/*X*/b/*Y*/c", Map.of("/*X*/", "[/*Y*/]", "/*Y*/", "!"));
        assertThat(filled).isEqualTo("a[/*Y*/]b!c");
    }
}
