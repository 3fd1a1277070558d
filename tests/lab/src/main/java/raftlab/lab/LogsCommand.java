package raftlab.lab;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import raftlab.labrpc.log.Topic;

/** {@code ./lab logs FILE [-c PEERS] [-j TOPICS] [-i TOPICS] [--no-color]}. */
@Command(name = "logs", description = {"Show a topic log (VERBOSE=1 or ./lab test -v output) for reading: one column "
        + "per peer, topics filtered, each topic in its colour.",
        "Example: ./lab logs lab-logs/.../TestReElection3A_3.log -c 3 -j VOTE,LEAD,TERM"})
final class LogsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The log; - for standard input.")
    String file;

    @Option(names = {"-c", "--columns"}, paramLabel = "PEERS", defaultValue = "0",
            description = "One column per peer (0: one line per entry).")
    int columns;

    @Option(names = {"-j", "--just"}, paramLabel = "TOPICS", description = "Show only these topics (VOTE,LEAD,...).")
    String just;

    @Option(names = {"-i", "--ignore"}, paramLabel = "TOPICS", description = "Hide these topics.")
    String ignore;

    @Option(names = "--no-color", description = "No colours.")
    boolean noColour;

    @Option(names = "--width", paramLabel = "COLUMNS", description = "Terminal width (default: $COLUMNS, or 160).")
    Integer width;

    @Override
    public Integer call() throws Exception {
        Set<Topic> topics = just != null ? LogViewer.parseTopics(just) : EnumSet.allOf(Topic.class);
        if (ignore != null) {
            topics.removeAll(LogViewer.parseTopics(ignore));
        }
        int w = width != null ? width : envWidth();
        boolean colour = !noColour && System.getenv("NO_COLOR") == null;
        List<String> lines;
        if (file.equals("-")) {
            lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList();
        } else {
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) {
                throw new Lab.UsageException("logs: no file " + file);
            }
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        }
        LogViewer.render(lines, new LogViewer.Options(columns, topics, colour, w)).forEach(System.out::println);
        return 0;
    }

    private static int envWidth() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "160").trim());
        } catch (NumberFormatException e) {
            return 160;
        }
    }
}
