package raftlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.stream.Stream;
import com.sun.source.util.JavacTask;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The hot path of {@code ./lab test}: the student's modules recompiled with {@code javax.tools} in this JVM, against
 * the class path of the last Maven build, module by module in dependency order. Each module compiles into a fresh
 * folder; the modules' jars are replaced only when every module compiled, so a compile error never leaves a mix of
 * old and new classes to run.
 */
final class FastCompile {

    /** The options of the build of record (the parent pom's compiler settings) that change the class files. */
    static final List<String> OPTIONS = List.of("--release", "21", "-parameters", "-proc:none", "-implicit:none",
            "-encoding", "UTF-8", "-nowarn", "-Xlint:none");

    private FastCompile() {}

    /** {@return whether this JVM has a compiler (a JDK, not a JRE)} */
    static boolean available() {
        return ToolProvider.getSystemJavaCompiler() != null;
    }

    /**
     * Compiles the student modules whose sources changed, and each module that depends on one whose API changed,
     * in build order; then replaces their jars in {@code jarDir}. A module whose API (its non-private types and
     * members, with constant values) is what it was needs no dependent recompiled: their classes still link, and
     * no constant of it was inlined differently. The API of each compiled module is kept in {@code work}; without
     * it (after a Maven build) the module's dependents are recompiled.
     *
     * @param classpath the fork class path of the last Maven build; the jars of the modules compiled are left out
     * @param work      a folder for the fresh output and the modules' APIs
     * @return the modules compiled, in build order
     * @throws BuildFailedException with the compiler's errors as {@code file:line: message}; no jar is replaced
     */
    static List<String> compile(Path root, StudentModules students, Set<String> changed, List<Path> classpath,
            Path jarDir, Path work) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, Path> fresh = new LinkedHashMap<>();
        Map<String, String> apis = new LinkedHashMap<>();
        Set<String> apiChanged = new HashSet<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            for (String m : students.inBuildOrder()) {
                boolean needed = changed.contains(m) || students.dependencies(m).stream().anyMatch(apiChanged::contains);
                if (!needed) {
                    continue;
                }
                Path out = work.resolve(m);
                deleteTree(out);
                Files.createDirectories(out);
                List<Path> cp = new ArrayList<>(fresh.values());
                List<Path> replaced = new ArrayList<>(fresh.keySet().stream().map(k -> jarDir.resolve(jarName(k))).toList());
                replaced.add(jarDir.resolve(jarName(m)));
                classpath.stream().filter(p -> !replaced.contains(p)).forEach(cp::add);
                List<Path> sources = javaFiles(root.resolve(m).resolve("src/main/java"));
                DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
                List<String> options = new ArrayList<>(OPTIONS);
                options.addAll(List.of("-d", out.toString(), "-cp",
                        String.join(java.io.File.pathSeparator, cp.stream().map(Path::toString).toList())));
                JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics, options, null,
                        files.getJavaFileObjectsFromPaths(sources));
                String api = null;
                boolean ok;
                try {
                    Iterable<? extends Element> types = task.analyze();
                    api = Api.of(types);
                    task.generate();
                    ok = diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
                } catch (IllegalStateException e) {
                    ok = false;
                }
                if (!ok) {
                    throw new BuildFailedException(errors(root, diagnostics.getDiagnostics())
                            + "lab: " + m + " does not compile; nothing was run (fix the errors above)");
                }
                copyTree(root.resolve(m).resolve("src/main/resources"), out);
                fresh.put(m, out);
                apis.put(m, api);
                Path known = work.resolve(m + ".api");
                if (!Files.exists(known) || !Files.readString(known).equals(api)) {
                    apiChanged.add(m);
                }
            }
        }
        for (Map.Entry<String, Path> e : fresh.entrySet()) {
            Jars.write(e.getValue(), jarDir.resolve(jarName(e.getKey())));
            Files.writeString(work.resolve(e.getKey() + ".api"), apis.get(e.getKey()));
        }
        return List.copyOf(fresh.keySet());
    }

    private static String jarName(String module) {
        return module + "-classes.jar";
    }

    /** {@return the errors as javac prints them: {@code path:line: error: message}, the line, a caret} */
    static String errors(Path root, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            count++;
            String where = "";
            if (d.getSource() != null) {
                Path file = Path.of(d.getSource().toUri());
                where = (file.startsWith(root) ? root.relativize(file) : file) + ":" + d.getLineNumber() + ": ";
            }
            out.append(where).append("error: ").append(d.getMessage(Locale.ROOT)).append('\n');
            String line = sourceLine(d);
            if (line != null) {
                out.append(line).append('\n');
                out.append(" ".repeat((int) Math.max(0, d.getColumnNumber() - 1))).append("^\n");
            }
        }
        out.append(count).append(count == 1 ? " error\n" : " errors\n");
        return out.toString();
    }

    private static String sourceLine(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null || d.getLineNumber() < 1) {
            return null;
        }
        try {
            List<String> lines = d.getSource().getCharContent(true).toString().lines().toList();
            return d.getLineNumber() <= lines.size() ? lines.get((int) d.getLineNumber() - 1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path dst = to.resolve(from.relativize(p).toString());
                Files.createDirectories(dst.getParent());
                Files.copy(p, dst);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
