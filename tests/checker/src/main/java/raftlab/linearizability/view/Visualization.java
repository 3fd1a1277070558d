package raftlab.linearizability.view;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import raftlab.linearizability.Annotation;
import raftlab.linearizability.CheckResult;
import raftlab.linearizability.Model;
import raftlab.linearizability.VerboseResult;

/**
 * When and where the KV tests write a history view, as MIT's {@code kvtest1/porcupine.go} decides it.
 *
 * <ul>
 *   <li>{@code VIS_ENABLE=never}: never.</li>
 *   <li>{@code VIS_ENABLE=always}: after every check.</li>
 *   <li>otherwise: when the history is not linearizable.</li>
 * </ul>
 * The file is {@code VIS_FILE} (replaced) if set, else a new {@code raftlab-history-*.html} in the temporary directory.
 * The path is printed as {@code info: wrote history visualization to <path>}, or
 * {@code info: failed to write history visualization to <path>} if writing failed (the test goes on to report the
 * check's verdict either way).
 */
public final class Visualization {

    private Visualization() {}

    /** {@link #writeIfNeeded(Model, VerboseResult, List, PrintStream, Map)} with the process environment. */
    public static <S, I, O> Optional<Path> writeIfNeeded(Model<S, I, O> model, VerboseResult<I, O> result,
                                                         List<Annotation> annotations, PrintStream out) {
        return writeIfNeeded(model, result, annotations, out, System.getenv());
    }

    /**
     * Writes the view if {@code env} asks for it for this result.
     *
     * @return the file written, if one was
     */
    public static <S, I, O> Optional<Path> writeIfNeeded(Model<S, I, O> model, VerboseResult<I, O> result,
                                                         List<Annotation> annotations, PrintStream out,
                                                         Map<String, String> env) {
        String enable = env.getOrDefault("VIS_ENABLE", "");
        boolean wanted = switch (enable) {
            case "never" -> false;
            case "always" -> true;
            default -> result.result() == CheckResult.ILLEGAL;
        };
        if (!wanted) {
            return Optional.empty();
        }
        String file = env.getOrDefault("VIS_FILE", "");
        Path path = null;
        try {
            path = file.isEmpty() ? Files.createTempFile("raftlab-history-", ".html") : Path.of(file);
            HistoryView.write(model, result, annotations, path);
            out.println("info: wrote history visualization to " + path);
            return Optional.of(path);
        } catch (IOException | RuntimeException e) {
            out.println("info: failed to write history visualization to " + (path == null ? file : path) + ": " + e);
            return Optional.empty();
        }
    }
}
