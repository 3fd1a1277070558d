package raftlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The student's modules and their dependencies on each other, read from {@code student-modules.txt} (data, so a new
 * lab is one line there): which modules the fast rebuild may compile, and in which order.
 */
final class StudentModules {

    private final Map<String, List<String>> dependencies;

    private StudentModules(Map<String, List<String>> dependencies) {
        this.dependencies = dependencies;
    }

    /** {@return the modules of the tool's list that exist under {@code root}} */
    static StudentModules of(Path root) {
        Map<String, List<String>> all = parse(resource());
        Map<String, List<String>> present = new LinkedHashMap<>();
        all.forEach((m, deps) -> {
            if (Files.isDirectory(root.resolve(m).resolve("src/main"))) {
                present.put(m, deps.stream().filter(all::containsKey).toList());
            }
        });
        return new StudentModules(present);
    }

    static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalStateException("student-modules.txt: expected 'module: deps', got: " + line);
            }
            String rest = line.substring(colon + 1).strip();
            deps.put(line.substring(0, colon).strip(), rest.isEmpty() ? List.of() : List.of(rest.split("\\s+")));
        }
        return deps;
    }

    private static String resource() {
        try (InputStream in = StudentModules.class.getResourceAsStream("student-modules.txt")) {
            if (in == null) {
                throw new IllegalStateException("student-modules.txt is missing from the tool's class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return every module, dependencies before the modules that use them} */
    List<String> inBuildOrder() {
        List<String> order = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        dependencies.keySet().forEach(m -> visit(m, order, visiting));
        return order;
    }

    private void visit(String m, List<String> order, Set<String> visiting) {
        if (order.contains(m) || !dependencies.containsKey(m)) {
            return;
        }
        if (!visiting.add(m)) {
            throw new IllegalStateException("student-modules.txt: a dependency cycle through " + m);
        }
        dependencies.get(m).forEach(d -> visit(d, order, visiting));
        order.add(m);
    }

    /** {@return the student module that {@code rel} (a repository-relative path) is student source of, or null} */
    String ownerOf(String rel) {
        for (String m : dependencies.keySet()) {
            if (rel.startsWith(m + "/src/main/")) {
                return m;
            }
        }
        return null;
    }

    /** {@return the student modules that {@code module} depends on directly} */
    List<String> dependencies(String module) {
        return dependencies.getOrDefault(module, List.of());
    }

    /** {@return the modules, as listed} */
    Set<String> names() {
        return dependencies.keySet();
    }
}
