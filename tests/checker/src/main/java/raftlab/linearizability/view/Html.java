package raftlab.linearizability.view;

import java.util.regex.Pattern;

/** Escaping for text placed in HTML or SVG. */
final class Html {

    /** Colours an annotation may ask for: names, hex, rgb()/hsl() forms. Anything else falls back to the default. */
    private static final Pattern SAFE_COLOR = Pattern.compile("[#a-zA-Z0-9(),.% ]{1,40}");

    private Html() {}

    /** {@return {@code text} safe in element content and in quoted attribute values} */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    /** {@return {@code color} if it is plainly a CSS colour, else {@code fallback}} */
    static String color(String color, String fallback) {
        return color != null && SAFE_COLOR.matcher(color).matches() ? color : fallback;
    }
}
