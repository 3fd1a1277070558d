package raftlab.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import raftlab.labrpc.sim.Sim;

/**
 * The class path the graded tests run on, built on demand by the commands that run tests (the tool itself is built
 * by the {@code lab} launcher, so list, logs and help work while student code does not compile).
 *
 * <p>Maven is the build of record: it runs when there is no previous build or when a pom or any file of the kit
 * other than the student's sources changed since the last build ({@code target/lab/kit.stamp}). When only the
 * student's sources changed (the {@code src/main} of a module in {@code student-modules.txt}), those modules are
 * recompiled in this JVM, and the student modules that depend on one whose API changed ({@link FastCompile}). The forks run on jars of
 * the modules' classes ({@code target/lab/jars}), so a class-data archive can hold them and a build that fails
 * leaves the last good classes in place.
 */
final class KitBuild {

    private final Path root;
    private final Path state;
    private final PrintStream err;

    KitBuild(Path root, PrintStream err) {
        this.root = root;
        this.state = root.resolve("target/lab");
        this.err = err;
    }

    /** {@return the fork class path of the kit, building first what changed} */
    static String ensure() {
        try {
            return new KitBuild(LabHome.root(), System.err).classpath();
        } catch (IOException e) {
            throw new BuildFailedException("lab: the build failed: " + e.getMessage());
        }
    }

    String classpath() throws IOException {
        Path stamp = state.resolve("kit.stamp");
        Path cpFile = state.resolve("kit.classpath");
        boolean built = Files.exists(stamp) && Files.exists(cpFile);
        List<String> changed = built ? changedSince(Files.getLastModifiedTime(stamp)) : List.of();
        if (built && changed.isEmpty()) {
            return Files.readString(cpFile).strip();
        }
        StudentModules students = StudentModules.of(root);
        Set<String> studentChanged = new LinkedHashSet<>();
        boolean other = false;
        for (String rel : changed) {
            String owner = students.ownerOf(rel);
            if (owner == null) {
                other = true;
            } else {
                studentChanged.add(owner);
            }
        }
        Files.createDirectories(state);
        // The stamp's time is the build's start (the file system's clock): an edit made during the build is newer.
        Path started = state.resolve("kit.stamp.new");
        Files.deleteIfExists(started);
        Files.createFile(started);
        if (built && !other && FastCompile.available()) {
            long t0 = Sim.nanoTime();
            List<Path> cp = Arrays.stream(Files.readString(cpFile).strip().split(java.io.File.pathSeparator))
                    .map(Path::of).toList();
            List<String> modules = FastCompile.compile(root, students, studentChanged, cp, state.resolve("jars"),
                    state.resolve("fast"));
            err.printf("lab: compiled %s (%.1f s)%n", String.join(", ", modules), (Sim.nanoTime() - t0) / 1e9);
        } else {
            maven(cpFile);
        }
        Files.move(started, stamp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return Files.readString(cpFile).strip();
    }

    /** The build of record: the tool and the graded suites with all they depend on, then their classes as jars. */
    private void maven(Path cpFile) throws IOException {
        err.println("lab: building (mvn test-compile)...");
        Path log = state.resolve("build.log");
        List<String> command = List.of("mvn", "-q", "-B", "-pl", "tests/lab,tests/graded", "-am", "test-compile",
                "dependency:build-classpath", "-Dmdep.outputFile=target/lab.classpath", "-Dmdep.includeScope=test");
        int exit;
        try {
            exit = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException("lab: interrupted while building");
        }
        if (exit != 0) {
            throw new BuildFailedException(Files.readString(log, StandardCharsets.UTF_8)
                    + "lab: the build failed (full output in " + root.relativize(log) + ")");
        }
        // The union of both class paths: the modules' class folders first, then the libraries.
        Set<String> entries = new LinkedHashSet<>();
        entries.add(root.resolve("tests/graded/target/test-classes").toString());
        entries.add(root.resolve("tests/lab/target/classes").toString());
        for (String module : List.of("tests/lab", "tests/graded")) {
            for (String e : Files.readString(root.resolve(module).resolve("target/lab.classpath")).strip()
                    .split(java.io.File.pathSeparator)) {
                if (!e.isBlank()) {
                    entries.add(e);
                }
            }
        }
        Path jars = state.resolve("jars");
        FastCompile.deleteTree(jars);
        FastCompile.deleteTree(state.resolve("fast"));   // the modules' APIs as the fast rebuild last saw them
        Path archive = state.resolve("fork.jsa");
        Files.deleteIfExists(archive);   // the classes changed: the class-data archive is stale
        Set<String> studentJars = new LinkedHashSet<>();
        StudentModules.of(root).names().forEach(m -> studentJars.add(m + "-classes.jar"));
        List<String> stable = new ArrayList<>();
        List<String> libs = new ArrayList<>();
        List<String> student = new ArrayList<>();
        for (String e : entries) {
            Path p = Path.of(e);
            if (e.endsWith("/target/classes") || e.endsWith("/target/test-classes")) {
                if (Files.isDirectory(p)) {
                    Path jar = jars.resolve(Jars.nameOf(root, p));
                    Jars.write(p, jar);
                    (studentJars.contains(jar.getFileName().toString()) ? student : stable).add(jar.toString());
                }
            } else {
                libs.add(e);
            }
        }
        stable.addAll(libs);
        String sep = java.io.File.pathSeparator;
        trainForkArchive(String.join(sep, stable), archive);
        List<String> cp = new ArrayList<>(stable);
        cp.addAll(student);
        Files.writeString(cpFile, String.join(sep, cp) + "\n");
    }

    /**
     * Creates the forks' class-data archive from a short run on the class path without the student's jars, which
     * the forks' class path then extends: the archive (JUnit, the tester, the tool) stays valid when the student's
     * jars change, so a fork after a fast rebuild starts as fast as any other. No archive is no error: the forks
     * then load every class from the jars.
     */
    private void trainForkArchive(String stableClasspath, Path archive) {
        if (!System.getProperty(Lab.FORK_OPTIONS_PROPERTY, "").contains("SharedArchiveFile")) {
            return;   // LAB_NO_CDS
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Forker.BASE_JVM_OPTIONS);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off,cds+dynamic=off", "-cp",
                stableClasspath, RunOne.class.getName(), RunOne.class.getName() + "#main", "60"));
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            err.println("lab: no class-data archive for the tests (" + e.getMessage() + "); they start slower");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@return the build inputs (poms, files and folders under a src/ folder) modified after {@code since},
     * repository-relative}
     */
    List<String> changedSince(FileTime since) throws IOException {
        List<String> changed = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root) && (name.equals("target") || name.startsWith(".")
                        || dir.equals(root.resolve("kit")) || dir.equals(root.resolve("lab-logs")));
                if (skip) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                // A folder changes when a file in it is added or deleted: a deleted class must not stay in a jar.
                String rel = root.relativize(dir).toString().replace('\\', '/') + "/";
                if (rel.contains("/src/") && attrs.lastModifiedTime().compareTo(since) > 0) {
                    changed.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = root.relativize(file).toString().replace('\\', '/');
                boolean input = file.getFileName().toString().equals("pom.xml") || rel.contains("/src/")
                        || rel.startsWith("src/");
                if (input && attrs.lastModifiedTime().compareTo(since) > 0) {
                    changed.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return changed;
    }
}
