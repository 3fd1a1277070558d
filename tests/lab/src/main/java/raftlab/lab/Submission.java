package raftlab.lab;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Grading a student's submission safely: only the student-owned sources ({@code kvsrv/src/main},
 * {@code raft/src/main}, {@code rsm/src/main}, {@code kvraft/src/main}, {@code shardkv/src/main}) are taken from the
 * submission, into a fresh student kit. Like MIT's, Lab 5's provided files in {@code shardkv/src/main}
 * ({@code shardcfg}, {@code ShardRpc}) come with the submission and must not be changed. The submission cannot change labrpc, the tester, the graded tests, the build or this tool.
 */
public final class Submission {

    /** The directories a submission may provide; everything else comes from the kit. */
    public static final List<String> STUDENT_DIRS = List.of("kvsrv/src/main", "raft/src/main", "rsm/src/main",
            "kvraft/src/main", "shardkv/src/main");

    private Submission() {}

    /**
     * What the overlay did.
     *
     * @param copied  files taken from the submission, relative
     * @param ignored files of the submission that were not used (outside the student directories, links, ...)
     */
    public record Overlay(List<String> copied, List<String> ignored) {}

    /**
     * Replaces the student directories of the kit at {@code kit} by those of {@code submission}. A student directory
     * the submission does not have keeps the kit's skeleton. Symbolic links are never followed or copied.
     */
    public static Overlay overlay(Path submission, Path kit) throws IOException {
        Path sub = submission.toRealPath();
        Path realKit = kit.toRealPath();
        if (realKit.startsWith(sub) || sub.startsWith(realKit)) {
            throw new Lab.UsageException("submission and kit must not contain each other: " + sub + ", " + realKit);
        }
        List<String> copied = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String dir : STUDENT_DIRS) {
            Path from = sub.resolve(dir);
            if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (!from.toRealPath().equals(from)) {          // a link on the way, e.g. rsm -> ../labrpc
                ignored.add(dir + " (through a symbolic link)");
                continue;
            }
            Path to = realKit.resolve(dir);
            deleteTree(to);
            Files.createDirectories(to);
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isSymbolicLink()) {
                        ignored.add(Handout.rel(sub, d));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(to.resolve(from.relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    String rel = Handout.rel(sub, f);
                    if (!attrs.isRegularFile()) {
                        ignored.add(rel);
                        return FileVisitResult.CONTINUE;
                    }
                    Path target = to.resolve(from.relativize(f).toString()).normalize();
                    if (!target.startsWith(to)) {
                        ignored.add(rel);
                        return FileVisitResult.CONTINUE;
                    }
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                    copied.add(rel);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        try (Stream<Path> all = Files.walk(sub)) {
            all.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).map(p -> Handout.rel(sub, p))
                    .filter(r -> STUDENT_DIRS.stream().noneMatch(d -> r.startsWith(d + "/")))
                    .forEach(ignored::add);
        }
        return new Overlay(List.copyOf(copied), List.copyOf(ignored));
    }

    /** Deletes {@code dir} and everything under it, without following links. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * {@code ./lab grade --submission DIR}: makes a fresh student kit from this repository in a temporary
     * directory, overlays the submission, and runs that kit's {@code ./lab grade} with the same options.
     */
    static int grade(Path submission, Lab.GradeCommand command) throws IOException, InterruptedException {
        if (!Files.isDirectory(submission)) {
            throw new Lab.UsageException("--submission " + submission + " is not a directory");
        }
        Path repo = LabHome.root();
        Path work = Files.createTempDirectory("lab-submission-");
        Path kit = work.resolve("kit");
        System.out.println("lab: preparing a fresh kit in " + kit);
        Handout.generate(repo, kit);
        Overlay o = overlay(submission, kit);
        System.out.printf("lab: took %d file(s) from the submission's %s; ignored %d other file(s)%n",
                o.copied().size(), String.join(", ", STUDENT_DIRS), o.ignored().size());
        List<String> cmd = new ArrayList<>();
        cmd.add(kit.resolve("lab").toString());
        cmd.addAll(command.argumentsForKit());
        Process p = new ProcessBuilder(cmd).directory(kit.toFile()).inheritIO().start();
        try {
            return p.waitFor();
        } finally {
            if (p.isAlive()) {
                p.destroy();
            }
            deleteTree(work);
        }
    }
}
