package raftlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates the student kit from the repository: every source file of the build, with solution regions stripped
 * ({@link Markers}), and without what students must not get.
 *
 * <p>Left out of the kit:
 * <ul>
 *   <li>files whose first line is {@code //+solution-file};</li>
 *   <li>{@code .ci/}, {@code scripts/soak}, {@code scripts/loop-bench}, {@code docs/performance.md} (numbers about
 *       the reference), build output and logs;</li>
 *   <li>the kit's own self-tests: {@code tests/selftest} and the {@code src/test} trees of {@code labrpc},
 *       {@code tests/checker}, {@code tests/lab} and {@code tests/harness};</li>
 *   <li>the staff {@code README.md}: the kit gets the student README ({@code student-README.md}) in its place;</li>
 *   <li>the bug zoo, {@code tests/lab/zoo} (mutants of the reference, see {@link Zoo}), and its results,
 *       {@code docs/test-strength.md};</li>
 *   <li>lines of text files (and comment lines of Java files) that mention those.</li>
 * </ul>
 */
public final class Handout {

    /** Where a kit may be written inside the repository (besides target/). */
    private static final Pattern KIT_FOLDER = Pattern.compile("kit(/.*)?");
    /** The staff README, replaced in the kit by the student README (a resource of this tool). */
    static final String README = "README.md";
    static final String STUDENT_README = "student-README.md";
    /** Paths (relative, with {@code /}) never copied into the kit. */
    static final List<Pattern> EXCLUDED_PATHS = List.of(
            Pattern.compile("\\.ci(/.*)?"),
            Pattern.compile("scripts/soak"),
            Pattern.compile("scripts/loop-bench"),
            // The kit's own self-tests: the student's mvn test runs the graded suites and the student's tests only.
            Pattern.compile("tests/selftest(/.*)?"),
            Pattern.compile("(labrpc|tests/checker|tests/lab|tests/harness|cluster)/src/test(/.*)?"),
            // The simulation mode's determinism check on the reference (SimSweep, which ./lab explore runs, stays).
            Pattern.compile("tests/graded/src/test/java/raftlab/sim/SimDeterminismTest\\.java"),
            Pattern.compile("docs/performance\\.md"),
            Pattern.compile("(.*/)?target(/.*)?"),
            Pattern.compile("(.*/)?\\.git(/.*)?"),
            Pattern.compile("(.*/)?\\.jqwik-database"),
            Pattern.compile("lab-logs(/.*)?"),
            KIT_FOLDER,
            Pattern.compile(".*\\.log"),
            Pattern.compile("tests/lab/zoo(/.*)?"),          // the bug zoo: mutants of the reference (staff)
            Pattern.compile("docs/test-strength\\.md"));
    /** A line that mentions something left out of the kit. */
    static final Pattern MENTIONS_EXCLUDED = Pattern.compile(
            "performance\\.md|test-strength\\.md|tests/lab/zoo|scripts/soak|loop-bench|\\.ci/|`soak`|\\bsoak\\b");

    private Handout() {}

    /**
     * What generating the kit did.
     *
     * @param files         the files written, relative to the kit
     * @param droppedFiles  files left out (excluded paths and solution files)
     * @param strippedFiles files that had solution regions
     * @param solutionLines every line inside a solution region or solution file, per source file
     */
    public record Result(List<String> files, List<String> droppedFiles, List<String> strippedFiles,
            Map<String, List<String>> solutionLines, Set<String> kitSideLines) {}

    /** Generates the kit of the repository at {@code repo} into {@code out} (which must not exist or be empty). */
    public static Result generate(Path repo, Path out) throws IOException {
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new Lab.UsageException("handout: " + out + " exists and is not empty");
                }
            }
        }
        Path realRepo = repo.toRealPath();
        Path absOut = out.toAbsolutePath().normalize();
        if (absOut.startsWith(realRepo) && !KIT_FOLDER.matcher(rel(realRepo, absOut)).matches()
                && !rel(realRepo, absOut).startsWith("target/")) {
            throw new Lab.UsageException("handout: --out must be outside the repository, or under kit/ or target/");
        }
        List<String> files = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<String> stripped = new ArrayList<>();
        Map<String, List<String>> solution = new LinkedHashMap<>();
        Set<String> kitSide = new HashSet<>();
        for (String rel : sourceFiles(realRepo)) {
            Path src = realRepo.resolve(rel);
            if (excluded(rel) || !Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
                dropped.add(rel);
                continue;
            }
            byte[] bytes = rel.equals(README) ? studentReadme() : Files.readAllBytes(src);
            String text = decode(bytes);
            Path dst = absOut.resolve(rel);
            if (text == null) {              // binary: as it is
                Files.createDirectories(dst.getParent());
                Files.write(dst, bytes);
                copyExecutable(src, dst);
                files.add(rel);
                continue;
            }
            List<String> lines = text.lines().toList();
            List<String> kitLines;
            if (rel.endsWith(".java")) {
                Markers.Stripped s = Markers.strip(rel, lines);
                if (!s.solutionLines().isEmpty() || s.dropped()) {
                    solution.put(rel, s.solutionLines());
                }
                if (s.dropped()) {
                    dropped.add(rel);
                    continue;
                }
                if (s.changed(lines)) {
                    stripped.add(rel);
                }
                kitLines = s.kitLines().stream().filter(l -> !(isComment(l) && MENTIONS_EXCLUDED.matcher(l).find()))
                        .toList();
            } else {
                kitLines = lines.stream().filter(l -> !MENTIONS_EXCLUDED.matcher(l).find()).toList();
            }
            kitLines.forEach(l -> kitSide.add(l.trim()));
            Files.createDirectories(dst.getParent());
            String joined = String.join("\n", kitLines) + (text.endsWith("\n") || kitLines.isEmpty() ? "\n" : "");
            Files.writeString(dst, joined, StandardCharsets.UTF_8);
            copyExecutable(src, dst);
            files.add(rel);
        }
        return new Result(files, dropped, stripped, solution, kitSide);
    }

    /** {@return the student README: how to start, the labs, running and debugging, handing in; no staff matters} */
    static byte[] studentReadme() throws IOException {
        try (var in = Handout.class.getResourceAsStream(STUDENT_README)) {
            if (in == null) {
                throw new IOException(STUDENT_README + " is missing from the tool's class path");
            }
            return in.readAllBytes();
        }
    }

    static boolean excluded(String rel) {
        return EXCLUDED_PATHS.stream().anyMatch(p -> p.matcher(rel).matches());
    }

    private static boolean isComment(String line) {
        String t = line.trim();
        return t.startsWith("*") || t.startsWith("//") || t.startsWith("/*");
    }

    /** {@return the repository's files: git's tracked and untracked-but-not-ignored files, or a walk of the tree} */
    static List<String> sourceFiles(Path repo) throws IOException {
        if (Files.exists(repo.resolve(".git"))) {
            try {
                Process git = new ProcessBuilder("git", "-C", repo.toString(), "ls-files", "-z", "--cached",
                        "--others", "--exclude-standard").redirectError(ProcessBuilder.Redirect.DISCARD).start();
                byte[] out = git.getInputStream().readAllBytes();
                if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0) {
                    List<String> files = new ArrayList<>();
                    for (String f : new String(out, StandardCharsets.UTF_8).split("\0")) {
                        if (!f.isEmpty() && Files.exists(repo.resolve(f), LinkOption.NOFOLLOW_LINKS)) {
                            files.add(f);
                        }
                    }
                    return files.stream().distinct().sorted().toList();
                }
            } catch (IOException e) {
                // no git: walk the tree
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while listing files", e);
            }
        }
        List<String> files = new ArrayList<>();
        Files.walkFileTree(repo, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String rel = rel(repo, dir);
                return !rel.isEmpty() && excluded(rel) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                files.add(rel(repo, file));
                return FileVisitResult.CONTINUE;
            }
        });
        return files.stream().sorted().toList();
    }

    static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static String decode(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void copyExecutable(Path src, Path dst) {
        if (Files.isExecutable(src)) {
            if (!dst.toFile().setExecutable(true, false)) {
                throw new UncheckedIOException(new IOException("cannot make " + dst + " executable"));
            }
        }
    }

    /** {@return every file under {@code kit} except build output, relative} */
    static List<String> kitFiles(Path kit) throws IOException {
        try (Stream<Path> walk = Files.walk(kit)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).map(p -> rel(kit, p))
                    .filter(r -> !r.startsWith("target/") && !r.contains("/target/")).sorted().toList();
        }
    }

    /** A solution line found in the kit. */
    public record Leak(String kitFile, int line, String text, String fromFile) {}

    /**
     * {@return the solution lines that appear anywhere in the kit directory {@code kit} (build output aside)}. Lines that are too short to be telling
     * (under 20 characters without spaces), and lines that also appear outside every solution region, are not
     * counted: a closing brace or an import is not a leak.
     */
    public static List<Leak> leakScan(Result result, Path kit) throws IOException {
        Map<String, String> telling = new LinkedHashMap<>();
        result.solutionLines().forEach((file, lines) -> {
            for (String l : lines) {
                String t = l.trim();
                if (t.replaceAll("\\s", "").length() >= 20 && !result.kitSideLines().contains(t)) {
                    telling.putIfAbsent(t, file);
                }
            }
        });
        List<Leak> leaks = new ArrayList<>();
        for (String rel : kitFiles(kit)) {
            Path f = kit.resolve(rel);
            String text = decode(Files.readAllBytes(f));
            if (text == null) {
                continue;
            }
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String from = telling.get(lines.get(i).trim());
                if (from != null) {
                    leaks.add(new Leak(rel, i + 1, lines.get(i).trim(), from));
                }
            }
        }
        return leaks;
    }
}
