package raftlab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The bug zoo (staff only): mutants of the reference solution, each a known student bug written as find/replace
 * edits on reference files, with a header saying what it breaks and which tests should notice. {@code ./lab zoo}
 * ({@link ZooCommand}) applies them one at a time to a scratch copy and runs those tests.
 *
 * <p>A mutant file ({@code tests/lab/zoo/NAME.mutant}) is a header of {@code key: value} lines ({@code #} starts a
 * comment), then edits:
 * <pre>
 * name: vote-deny-resets-timer
 * part: 3A
 * class: election timer
 * bug: a follower restarts its election timer on every RequestVote, also one it denies
 * violates: Figure 2, Rules for Servers, Followers; §5.2
 * tests: TestReElection3A TestManyElections3A
 * &#64;@ file raft/src/main/java/raftlab/raft/RaftNode.java
 * &#64;@ find
 * (exact lines of the reference, indentation included; must occur exactly once)
 * &#64;@ replace
 * (the lines that replace them; may be empty)
 * &#64;@ end
 * </pre>
 * Snippets, not line-numbered patches: an edit survives unrelated changes to the file, and one whose snippet is gone
 * fails with "snippet not found in FILE" rather than applying somewhere wrong. The zoo directory is left out of
 * the student kit ({@link Handout#EXCLUDED_PATHS}); {@link #leakScan} proves it.
 */
public final class Zoo {

    /** Where the mutants live, relative to the repository. */
    public static final String DIR = "tests/lab/zoo";
    /** The file name suffix of a mutant. */
    public static final String SUFFIX = ".mutant";
    /** Header keys every mutant must have. */
    static final List<String> REQUIRED = List.of("name", "part", "class", "bug", "violates", "tests");
    private static final Set<String> PARTS = Set.of("2", "3A", "3B", "3C", "3D", "4A", "4B", "4C", "5A", "5B", "5C");

    private Zoo() {}

    /** One find/replace on one file. */
    public record Edit(String file, String find, String replace) {}

    /**
     * One mutant.
     *
     * @param name     its name (the file name without {@code .mutant})
     * @param header   every header key with its value
     * @param edits    the edits, in order
     */
    public record Mutant(String name, Map<String, String> header, List<Edit> edits) {

        /** {@return the parts whose tests should catch it (header {@code part}, space-separated)} */
        public List<String> parts() {
            return List.of(header.get("part").trim().split("\\s+"));
        }

        /** {@return the tests that should catch it (header {@code tests}, MIT names, space-separated)} */
        public List<String> tests() {
            return List.of(header.get("tests").trim().split("\\s+"));
        }

        /**
         * Applies the edits to the files of {@code repo}; {@return every changed file's new text, by relative path}
         *
         * @throws Lab.UsageException if a snippet is missing or not unique
         */
        public Map<String, String> apply(Path repo) throws IOException {
            Map<String, String> texts = new LinkedHashMap<>();
            for (Edit e : edits) {
                if (!texts.containsKey(e.file())) {
                    Path f = repo.resolve(e.file());
                    if (!Files.isRegularFile(f)) {
                        throw error("mutant " + name + ": file " + e.file() + " not found in " + repo);
                    }
                    texts.put(e.file(), Files.readString(f, StandardCharsets.UTF_8));
                }
                texts.put(e.file(), applyEdit(name, e, texts.get(e.file())));
            }
            return texts;
        }
    }

    /** {@return the error for a mutant that cannot be read or applied: one message naming it, the file and the fix} */
    static Lab.UsageException error(String message) {
        return new Lab.UsageException(message);
    }

    /** {@return {@code text} with the edit's snippet replaced, once} */
    static String applyEdit(String mutant, Edit e, String text) {
        int at = text.indexOf(e.find());
        if (at < 0) {
            throw error(String.format(Locale.ROOT, "mutant %s: snippet not found in %s (the reference "
                    + "changed: update the mutant); the snippet starts with: %s", mutant, e.file(),
                    e.find().lines().findFirst().orElse("").trim()));
        }
        if (text.indexOf(e.find(), at + 1) >= 0) {
            throw error(String.format(Locale.ROOT, "mutant %s: snippet found more than once in %s; "
                    + "make it longer so it is unique; it starts with: %s", mutant, e.file(),
                    e.find().lines().findFirst().orElse("").trim()));
        }
        return text.substring(0, at) + e.replace() + text.substring(at + e.find().length());
    }

    /** {@return the mutants in {@code dir}, by name} */
    public static List<Mutant> load(Path dir) throws IOException {
        List<Mutant> mutants = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                mutants.add(parse(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        return mutants;
    }

    /** Parses one mutant file; {@code fileName} must be its name plus {@code .mutant}. */
    public static Mutant parse(String fileName, String text) {
        String where = DIR + "/" + fileName;
        Map<String, String> header = new LinkedHashMap<>();
        List<Edit> edits = new ArrayList<>();
        List<String> lines = text.lines().toList();
        int i = 0;
        for (; i < lines.size() && !lines.get(i).startsWith("@@"); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon < 1) {
                throw error(where + ":" + (i + 1) + ": a header line is 'key: value', not: " + l);
            }
            header.merge(l.substring(0, colon).trim(), l.substring(colon + 1).trim(), (a, b) -> a + " " + b);
        }
        for (String key : REQUIRED) {
            if (header.getOrDefault(key, "").isBlank()) {
                throw error(where + ": the header has no '" + key + ":' line (needed: " + REQUIRED + ")");
            }
        }
        String name = header.get("name");
        if (!fileName.equals(name + SUFFIX)) {
            throw error(where + ": name '" + name + "' must match the file name");
        }
        for (String part : header.get("part").trim().split("\\s+")) {
            if (!PARTS.contains(part)) {
                throw error(where + ": part '" + part + "' is not one of " + PARTS);
            }
        }
        String file = null;
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.startsWith("@@ file ")) {
                file = l.substring("@@ file ".length()).trim();
                i++;
            } else if (l.equals("@@ find")) {
                if (file == null) {
                    throw error(where + ":" + (i + 1) + ": '@@ find' before any '@@ file PATH'");
                }
                int replaceAt = indexOf(lines, "@@ replace", i + 1);
                int endAt = indexOf(lines, "@@ end", replaceAt + 1);
                if (replaceAt < 0 || endAt < 0) {
                    throw error(where + ":" + (i + 1) + ": '@@ find' needs '@@ replace' and then '@@ end'");
                }
                String find = join(lines.subList(i + 1, replaceAt));
                if (find.isBlank()) {
                    throw error(where + ":" + (i + 1) + ": empty snippet after '@@ find'");
                }
                String replace = join(lines.subList(replaceAt + 1, endAt));
                if (find.equals(replace)) {
                    throw error(where + ":" + (i + 1) + ": the replacement equals the snippet");
                }
                edits.add(new Edit(file, find, replace));
                i = endAt + 1;
            } else if (l.isBlank() || l.startsWith("#")) {
                i++;
            } else {
                throw error(where + ":" + (i + 1) + ": expected '@@ file PATH' or '@@ find', not: " + l);
            }
        }
        if (edits.isEmpty()) {
            throw error(where + ": no edits ('@@ file PATH', '@@ find', '@@ replace', '@@ end')");
        }
        return new Mutant(name, header, edits);
    }

    private static int indexOf(List<String> lines, String marker, int from) {
        for (int i = Math.max(0, from); i < lines.size(); i++) {
            if (lines.get(i).equals(marker)) {
                return i;
            }
        }
        return -1;
    }

    /** Lines joined with {@code \n}, each followed by one (so a snippet is whole lines). */
    private static String join(List<String> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    /**
     * {@return the trimmed lines of a reference file, each also without a leading {@code //}: the student skeleton's
     * commented-out code becomes kit code, so it is not the zoo's}
     */
    public static Set<String> referenceLines(String text) {
        Set<String> lines = new java.util.HashSet<>();
        text.lines().map(String::trim).forEach(l -> {
            lines.add(l);
            lines.add(l.replaceFirst("^//\\s*", ""));
        });
        return lines;
    }

    /** A trace of the zoo found in the kit. */
    public record Leak(String kitFile, int line, String text, String mutant) {}

    /**
     * {@return every trace of the zoo in the kit directory {@code kit}}: a file under {@link #DIR}, a mutant's
     * header line {@code name: ...}, or a telling line of a mutant's replacement text (20 or more characters without
     * spaces) that is new, i.e. not a line of the reference file it edits ({@link #referenceLines}): such a line
     * exists only in the zoo.
     */
    public static List<Leak> leakScan(Path repo, Path kit) throws IOException {
        Path dir = repo.resolve(DIR);
        List<Leak> leaks = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return leaks;
        }
        Map<String, String> telling = new LinkedHashMap<>();
        for (Mutant m : load(dir)) {
            telling.putIfAbsent("name: " + m.name(), m.name());
            for (Edit e : m.edits()) {
                Path f = repo.resolve(e.file());
                Set<String> original = Files.isRegularFile(f) ? referenceLines(Files.readString(f,
                        StandardCharsets.UTF_8)) : Set.of();
                e.replace().lines().map(String::trim)
                        .filter(t -> t.replaceAll("\\s", "").length() >= 20 && !original.contains(t))
                        .forEach(t -> telling.putIfAbsent(t, m.name()));
            }
        }
        for (String rel : Handout.kitFiles(kit)) {
            if (rel.startsWith(DIR + "/")) {
                leaks.add(new Leak(rel, 0, "(a file of the zoo)", rel));
                continue;
            }
            byte[] bytes = Files.readAllBytes(kit.resolve(rel));
            List<String> kitLines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < kitLines.size(); i++) {
                String from = telling.get(kitLines.get(i).trim());
                if (from != null) {
                    leaks.add(new Leak(rel, i + 1, kitLines.get(i).trim(), from));
                }
            }
        }
        return leaks;
    }
}
