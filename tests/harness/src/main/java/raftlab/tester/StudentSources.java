package raftlab.tester;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import raftlab.labrpc.sim.EscapeCheck;

/**
 * Checks the student's sources once per JVM before the first simulated test: a call that escapes the simulation
 * ({@code System.nanoTime()}, {@code new Thread}, ...) would make the run silently unrepeatable, so it fails every
 * simulated test with the file, the line and the {@code Sim} call to use instead.
 *
 * <p>The sources are the {@code src/main/java} folders next to the lab modules' {@code target/classes} (the Maven
 * build and ./lab), or the folders listed in {@code -Dlab.sources=DIR:DIR...}.
 */
final class StudentSources {

    /** Lists the folders to check instead of the lab modules' own sources. */
    static final String SOURCES_PROPERTY = "lab.sources";
    /** One class of each student module, to find its folder by. */
    private static final List<String> MODULE_CLASSES = List.of(
            "raftlab.raft.RaftNode", "raftlab.rsm.Rsm", "raftlab.kvraft.KVServer",
            "raftlab.kvsrv.KVServer", "raftlab.shardkv.Clerk");

    private static volatile String verdict;

    private StudentSources() {}

    /** {@return null if the student's sources have no escapes, else the message listing them} (computed once) */
    static String escapes() {
        String v = verdict;
        if (v == null) {
            String found = describe(roots());
            v = found == null ? "" : found;
            verdict = v;
        }
        return v.isEmpty() ? null : v;
    }

    /** {@return null if the sources under {@code roots} have no escapes, else the message listing them} */
    static String describe(List<Path> roots) {
        List<EscapeCheck.Escape> found = new ArrayList<>();
        for (Path root : roots) {
            found.addAll(EscapeCheck.scan(root));
        }
        return found.isEmpty() ? null : found.size() + " call(s) in your code escape the simulation mode (they read"
                + " the real clock, wait on it, start threads it does not run, or draw unseeded randomness):\n  "
                + found.stream().map(Object::toString).collect(Collectors.joining("\n  "));
    }

    static List<Path> roots() {
        String listed = System.getProperty(SOURCES_PROPERTY, "").trim();
        Set<Path> roots = new LinkedHashSet<>();
        if (!listed.isEmpty()) {
            for (String dir : listed.split(File.pathSeparator)) {
                Path path = Path.of(dir.trim());
                if (!Files.isDirectory(path)) {
                    throw new IllegalArgumentException("-D" + SOURCES_PROPERTY + ": " + path
                            + " is not a folder; list the src/main/java folders of your lab modules");
                }
                roots.add(path);
            }
            return List.copyOf(roots);
        }
        for (String name : MODULE_CLASSES) {
            try {
                Class<?> c = Class.forName(name, false, StudentSources.class.getClassLoader());
                Path classes = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path sources = classes.resolve("../../src/main/java").normalize();
                if (classes.endsWith(Path.of("target", "classes")) && Files.isDirectory(sources)) {
                    roots.add(sources);
                }
            } catch (ClassNotFoundException | java.net.URISyntaxException | RuntimeException e) {
                // not on this class path (a lab not built yet) or not from a folder (a jar): nothing to check
            }
        }
        return List.copyOf(roots);
    }
}
