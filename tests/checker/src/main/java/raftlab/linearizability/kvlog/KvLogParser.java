package raftlab.linearizability.kvlog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import raftlab.linearizability.Event;
import raftlab.linearizability.Histories;

/**
 * Parses Porcupine's kv logs: one EDN-like map per line, e.g.
 * {@code {:process 3, :type :invoke, :f :append, :key "4", :value "x 3 12 y"}}, an {@code :invoke} line for a call
 * and an {@code :ok} line for its return, paired per process.
 *
 * <p>The patterns are Porcupine's ({@code parseKvLog}) with the braces escaped, which Java's regex needs and RE2
 * does not; they are used unanchored ({@code find}) as Go's {@code MatchString} is. A call still open at the end gets
 * a return with {@link LogKvOutput#UNKNOWN} (no file in Porcupine's set has one). Blank lines are skipped; any other
 * line that matches no pattern is an error, as is a return with no open call on its process or a second call while
 * one is open.
 */
public final class KvLogParser {

    private static final Pattern INVOKE_GET =
            Pattern.compile("\\{:process (\\d+), :type :invoke, :f :get, :key \"(.*)\", :value nil\\}");
    private static final Pattern INVOKE_PUT =
            Pattern.compile("\\{:process (\\d+), :type :invoke, :f :put, :key \"(.*)\", :value \"(.*)\"\\}");
    private static final Pattern INVOKE_APPEND =
            Pattern.compile("\\{:process (\\d+), :type :invoke, :f :append, :key \"(.*)\", :value \"(.*)\"\\}");
    private static final Pattern OK_GET =
            Pattern.compile("\\{:process (\\d+), :type :ok, :f :get, :key \".*\", :value \"(.*)\"\\}");
    private static final Pattern OK_PUT =
            Pattern.compile("\\{:process (\\d+), :type :ok, :f :put, :key \".*\", :value \".*\"\\}");
    private static final Pattern OK_APPEND =
            Pattern.compile("\\{:process (\\d+), :type :ok, :f :append, :key \".*\", :value \".*\"\\}");

    private KvLogParser() {}

    /** {@return the log's events, open calls closed at the end} */
    public static List<Event<LogKvInput, LogKvOutput>> parse(BufferedReader reader) {
        List<Event<LogKvInput, LogKvOutput>> events = new ArrayList<>();
        Map<Integer, Integer> openCall = new HashMap<>(); // process -> call id
        int nextId = 0;
        int lineNumber = 0;
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Matcher m;
                LogKvInput input = null;
                LogKvOutput output = null;
                if ((m = INVOKE_GET.matcher(line)).find()) {
                    input = new LogKvInput.Get(m.group(2));
                } else if ((m = INVOKE_PUT.matcher(line)).find()) {
                    input = new LogKvInput.Put(m.group(2), m.group(3));
                } else if ((m = INVOKE_APPEND.matcher(line)).find()) {
                    input = new LogKvInput.Append(m.group(2), m.group(3));
                } else if ((m = OK_GET.matcher(line)).find()) {
                    output = new LogKvOutput(m.group(2));
                } else if ((m = OK_PUT.matcher(line)).find() || (m = OK_APPEND.matcher(line)).find()) {
                    output = LogKvOutput.NONE;
                } else {
                    throw new IllegalArgumentException("line " + lineNumber + ": not a kv log entry: " + line);
                }
                int process = Integer.parseInt(m.group(1));
                if (input != null) {
                    if (openCall.containsKey(process)) {
                        throw new IllegalArgumentException("line " + lineNumber + ": process " + process
                                + " calls again before its previous call returned");
                    }
                    openCall.put(process, nextId);
                    events.add(new Event.Call<>(process, nextId++, input));
                } else {
                    Integer id = openCall.remove(process);
                    if (id == null) {
                        throw new IllegalArgumentException("line " + lineNumber + ": process " + process
                                + " returns without an open call");
                    }
                    events.add(new Event.Return<>(process, id, output));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Histories.completePending(events, input -> LogKvOutput.UNKNOWN);
    }
}
