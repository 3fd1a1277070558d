package raftlab.lab;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import raftlab.labrpc.log.Topic;

/**
 * Lays out topic-logger output ({@code 012345 VOTE S2 granted vote to S0 in term 3}) for reading: optionally one
 * column per peer, topics filtered, each topic in its colour. Tester lines ({@code Test (3A): ...},
 * {@code ... Passed}, {@code info:}, {@code Fatal:}) span the full width; any other line that is not a log line
 * (stack traces, thread dumps) is passed through as it is.
 */
public final class LogViewer {

    /** A topic-logger line: time, topic, optional peer, message. */
    static final Pattern LINE = Pattern.compile("^(\\d{6,}) ([A-Z0-9]{4}) (?:S(\\d+) )?(.*)$");
    static final Pattern HARNESS = Pattern.compile("^(Test \\(\\d+[A-Z]\\)|\\s*\\.\\.\\. Passed|info:|Fatal:|warning:|lab:)");

    /** The dslogs colours. */
    static final Map<Topic, Integer> COLOURS = Map.ofEntries(
            Map.entry(Topic.TIMR, 0x9a9a99), Map.entry(Topic.VOTE, 0x67a0b2), Map.entry(Topic.LEAD, 0xd0b343),
            Map.entry(Topic.TERM, 0x70c43f), Map.entry(Topic.LOG1, 0x4878bc), Map.entry(Topic.LOG2, 0x398280),
            Map.entry(Topic.CMIT, 0x98719f), Map.entry(Topic.PERS, 0xd08341), Map.entry(Topic.SNAP, 0xfd971f),
            Map.entry(Topic.DROP, 0xff615c), Map.entry(Topic.CLNT, 0x00813c), Map.entry(Topic.TEST, 0xfe2c79),
            Map.entry(Topic.INFO, 0xffffff), Map.entry(Topic.WARN, 0xd08341), Map.entry(Topic.ERRO, 0xfe2626),
            Map.entry(Topic.TRCE, 0xfe2626));

    /**
     * How to lay the log out.
     *
     * @param columns the number of peer columns, or 0 for one line per entry
     * @param topics  the topics to show
     * @param colour  whether to colour topics
     * @param width   the terminal's width
     */
    public record Options(int columns, Set<Topic> topics, boolean colour, int width) {}

    private LogViewer() {}

    /** {@return the topics in {@code list} ("VOTE,LEAD"), case-insensitive; an unknown topic is an error} */
    public static Set<Topic> parseTopics(String list) {
        Set<Topic> topics = EnumSet.noneOf(Topic.class);
        for (String s : list.split(",")) {
            String name = s.trim().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                topics.add(Topic.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new Lab.UsageException("unknown topic " + s.trim() + "; topics are "
                        + String.join(",", EnumSet.allOf(Topic.class).stream().map(Enum::name).toList()));
            }
        }
        return topics;
    }

    /** {@return the rendered lines of {@code input}} */
    public static List<String> render(List<String> input, Options o) {
        List<String> out = new ArrayList<>();
        int colWidth = o.columns() > 0 ? Math.max(12, o.width() / o.columns()) : 0;
        if (o.columns() > 0) {
            StringBuilder header = new StringBuilder();
            for (int c = 0; c < o.columns(); c++) {
                header.append(pad("S" + c, colWidth));
            }
            out.add(header.toString().stripTrailing());
        }
        for (String line : input) {
            Matcher m = LINE.matcher(line);
            Topic topic = m.matches() ? topic(m.group(2)) : null;
            if (topic == null) {
                if (HARNESS.matcher(line).find()) {
                    String rule = o.colour() ? colour(line, Topic.TEST) : line;
                    out.add(rule);
                } else {
                    out.add(line);
                }
                continue;
            }
            if (!o.topics().contains(topic)) {
                continue;
            }
            String peer = m.group(3);
            String message = m.group(4);
            if (o.columns() == 0 || peer == null || topic == Topic.TEST) {
                String text = m.group(1) + " " + topic + " " + (peer == null ? "" : "S" + peer + " ") + message;
                out.add(o.colour() ? colour(text, topic) : text);
                continue;
            }
            int col = Integer.parseInt(peer);
            if (col >= o.columns()) {
                out.add(line);         // more peers than columns: don't lose the line
                continue;
            }
            String text = topic + " " + message;
            for (String piece : wrap(text, colWidth - 1)) {
                String cell = pad(piece, colWidth - 1);
                out.add((" ".repeat(colWidth * col) + (o.colour() ? colour(cell, topic) : cell)).stripTrailing());
            }
        }
        return out;
    }

    private static Topic topic(String name) {
        try {
            return Topic.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String colour(String text, Topic topic) {
        int rgb = COLOURS.getOrDefault(topic, 0xffffff);
        AttributedStyle style = AttributedStyle.DEFAULT.foreground((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
        return new AttributedString(text, style).toAnsi();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** {@return {@code text} cut into pieces of at most {@code width} characters, at spaces where possible} */
    static List<String> wrap(String text, int width) {
        List<String> pieces = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            pieces.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        pieces.add(rest);
        return pieces;
    }
}
