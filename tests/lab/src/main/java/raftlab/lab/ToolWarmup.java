package raftlab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A short run of what {@code ./lab test} does in the tool's JVM (parse a command line, compile a class with
 * {@code javax.tools}), made once by the launcher after it builds the tool, with {@code -XX:ArchiveClassesAtExit}:
 * the tool's class-data archive then holds the compiler's classes, which the fast rebuild would otherwise load
 * from the JDK's modules on every edit.
 */
final class ToolWarmup {

    private ToolWarmup() {}

    public static void main(String[] args) throws IOException {
        Lab.commandLine().parseArgs("test", "TestInitialElection3A");
        Path dir = Files.createTempDirectory("lab-warmup");
        try {
            Path src = dir.resolve("raft/src/main/java/w/W.java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, "package w;\n/** Warm-up. */\npublic record W(java.util.List<String> s) {\n"
                    + "    int n() { return s.stream().mapToInt(String::length).sum(); }\n}\n");
            if (FastCompile.available()) {
                FastCompile.compile(dir, StudentModules.of(dir), Set.of("raft"), List.of(), dir.resolve("jars"),
                        dir.resolve("out"));
            }
        } finally {
            FastCompile.deleteTree(dir);
        }
    }
}
