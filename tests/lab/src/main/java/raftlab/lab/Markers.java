package raftlab.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * Strips solution regions from one source file, the way the student kit is made.
 *
 * <ul>
 *   <li>A line that is only {@code //+solution} (spaces around it allowed) starts a region that the kit leaves out;
 *       a line that is only {@code //-solution} ends it.</li>
 *   <li>An optional {@code //+student} ... {@code //-student} block right after a solution region (nothing but
 *       blank lines between) holds lines that start with {@code // }; in the kit they become code, with the
 *       {@code // } removed (indentation before it is kept).</li>
 *   <li>A file whose first line is {@code //+solution-file} is left out of the kit.</li>
 * </ul>
 *
 * <p>Malformed markers (a region not closed, a region inside a region, an end without a start, a student block not
 * right after a solution region, a student line without {@code // }) are errors naming the file and line.
 */
public final class Markers {

    static final String SOLUTION_FILE = "//+solution-file";
    static final String BEGIN = "//+solution";
    static final String END = "//-solution";
    static final String STUDENT_BEGIN = "//+student";
    static final String STUDENT_END = "//-student";

    private Markers() {}

    /** A marker problem, with the file and 1-based line where it was found. */
    public static final class MarkerException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final int line;

        MarkerException(String file, int line, String problem) {
            super(file + ":" + line + ": " + problem);
            this.file = file;
            this.line = line;
        }

        /** {@return the file named in the error} */
        public String file() {
            return file;
        }

        /** {@return the 1-based line} */
        public int line() {
            return line;
        }
    }

    /**
     * The result of stripping one file.
     *
     * @param dropped       whether the whole file is left out ({@code //+solution-file})
     * @param kitLines      the file's lines in the kit
     * @param solutionLines the lines inside solution regions (for the leak scan)
     */
    public record Stripped(boolean dropped, List<String> kitLines, List<String> solutionLines) {

        /** {@return whether the file had any marker} */
        public boolean changed(List<String> original) {
            return dropped || !kitLines.equals(original);
        }
    }

    /** {@return whether {@code lines} contain any marker at all} */
    public static boolean hasMarkers(List<String> lines) {
        return lines.stream().map(String::trim).anyMatch(l -> l.equals(BEGIN) || l.equals(END)
                || l.equals(STUDENT_BEGIN) || l.equals(STUDENT_END) || l.equals(SOLUTION_FILE));
    }

    /** {@return {@code lines} of {@code file} with solution regions removed and student blocks applied} */
    public static Stripped strip(String file, List<String> lines) {
        if (!lines.isEmpty() && lines.get(0).trim().equals(SOLUTION_FILE)) {
            return new Stripped(true, List.of(), List.copyOf(lines.subList(1, lines.size())));
        }
        List<String> kit = new ArrayList<>();
        List<String> solution = new ArrayList<>();
        int regionStart = 0;            // line of the open //+solution, 0 if none
        int studentStart = 0;           // line of the open //+student, 0 if none
        int lastSolutionEnd = -1;       // line of the last //-solution, if only blank lines followed it
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i);
            String t = line.trim();
            if (t.equals(SOLUTION_FILE)) {
                throw new MarkerException(file, n, SOLUTION_FILE + " must be the first line of the file");
            } else if (t.equals(BEGIN)) {
                if (regionStart != 0) {
                    throw new MarkerException(file, n, "nested " + BEGIN + ": the region opened at line "
                            + regionStart + " is not closed");
                }
                if (studentStart != 0) {
                    throw new MarkerException(file, n, BEGIN + " inside the " + STUDENT_BEGIN + " block opened at line "
                            + studentStart);
                }
                regionStart = n;
                lastSolutionEnd = -1;
            } else if (t.equals(END)) {
                if (regionStart == 0) {
                    throw new MarkerException(file, n, END + " without a " + BEGIN + " before it");
                }
                regionStart = 0;
                lastSolutionEnd = n;
            } else if (t.equals(STUDENT_BEGIN)) {
                if (regionStart != 0) {
                    throw new MarkerException(file, n, STUDENT_BEGIN + " inside the solution region opened at line "
                            + regionStart);
                }
                if (studentStart != 0) {
                    throw new MarkerException(file, n, "nested " + STUDENT_BEGIN + ": the block opened at line "
                            + studentStart + " is not closed");
                }
                if (lastSolutionEnd < 0) {
                    throw new MarkerException(file, n, STUDENT_BEGIN + " must come right after a solution region ("
                            + END + ")");
                }
                studentStart = n;
                lastSolutionEnd = -1;
            } else if (t.equals(STUDENT_END)) {
                if (studentStart == 0) {
                    throw new MarkerException(file, n, STUDENT_END + " without a " + STUDENT_BEGIN + " before it");
                }
                studentStart = 0;
            } else if (regionStart != 0) {
                solution.add(line);
            } else if (studentStart != 0) {
                kit.add(uncomment(file, n, line));
            } else {
                if (!t.isEmpty()) {
                    lastSolutionEnd = -1;
                }
                kit.add(line);
            }
        }
        if (regionStart != 0) {
            throw new MarkerException(file, regionStart, "unclosed " + BEGIN + ": no " + END + " after it");
        }
        if (studentStart != 0) {
            throw new MarkerException(file, studentStart, "unclosed " + STUDENT_BEGIN + ": no " + STUDENT_END
                    + " after it");
        }
        return new Stripped(false, kit, solution);
    }

    /**
     * {@return a student line with its comment marker removed} Two forms are accepted: IDE-style, {@code //} in
     * column 0 followed by the original line ({@code "//        return 0;"} becomes {@code "        return 0;"}), and
     * {@code // } after the indentation ({@code "    // return 0;"} becomes {@code "    return 0;"}).
     */
    private static String uncomment(String file, int n, String line) {
        if (line.isBlank()) {
            return "";
        }
        int at = line.indexOf("//");
        if (at < 0 || !line.substring(0, at).isBlank()) {
            throw new MarkerException(file, n, "a line in a " + STUDENT_BEGIN + " block must be commented out: "
                    + "'//' in column 0, or '// ' after the indentation");
        }
        String rest = line.substring(at + 2);
        if (at == 0 || rest.isEmpty()) {
            return rest;
        }
        if (!rest.startsWith(" ")) {
            throw new MarkerException(file, n, "a line in a " + STUDENT_BEGIN + " block must be commented out: "
                    + "'//' in column 0, or '// ' after the indentation");
        }
        return line.substring(0, at) + rest.substring(1);
    }
}
