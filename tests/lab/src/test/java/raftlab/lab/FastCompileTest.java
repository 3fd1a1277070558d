package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast rebuild: student modules in dependency order, errors as file:line, jars replaced only on success. */
class FastCompileTest {

    @TempDir
    Path root;

    private void put(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private Path jars() {
        return root.resolve("target/lab/jars");
    }

    private List<String> compile(String... changed) throws IOException {
        return FastCompile.compile(root, StudentModules.of(root), Set.of(changed), List.of(), jars(),
                root.resolve("target/lab/fast"));
    }

    @Test
    void modulesCompileInOrderAgainstTheFreshClassesOfTheOnesBeforeThem() throws IOException {
        put("raft/src/main/java/p/A.java", "package p;\npublic class A { public static int two() { return 2; } }\n");
        put("raft/src/main/resources/p/a.txt", "resource\n");
        put("rsm/src/main/java/q/B.java", "package q;\npublic class B { int x = p.A.two(); }\n");

        assertThat(compile("raft", "rsm")).containsExactly("raft", "rsm");

        try (JarFile raft = new JarFile(jars().resolve("raft-classes.jar").toFile());
             JarFile rsm = new JarFile(jars().resolve("rsm-classes.jar").toFile())) {
            assertThat(raft.getEntry("p/A.class")).isNotNull();
            assertThat(raft.getEntry("p/a.txt")).isNotNull();
            assertThat(rsm.getEntry("q/B.class")).isNotNull();
        }
    }

    @Test
    void aCompileErrorIsReportedAsFileAndLineAndLeavesEveryJarAsItWas() throws IOException {
        put("raft/src/main/java/p/A.java", "package p;\npublic class A { public static int two() { return 2; } }\n");
        put("rsm/src/main/java/q/B.java", "package q;\npublic class B { int x = p.A.two(); }\n");
        compile("raft", "rsm");
        byte[] raftBefore = Files.readAllBytes(jars().resolve("raft-classes.jar"));
        byte[] rsmBefore = Files.readAllBytes(jars().resolve("rsm-classes.jar"));

        put("raft/src/main/java/p/A.java", "package p;\npublic class A { int y = ; }\n");

        assertThatThrownBy(() -> compile("raft"))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("raft/src/main/java/p/A.java:2: error: illegal start of expression")
                .hasMessageContaining("1 error")
                .hasMessageContaining("raft does not compile; nothing was run");
        assertThat(Files.readAllBytes(jars().resolve("raft-classes.jar"))).isEqualTo(raftBefore);
        assertThat(Files.readAllBytes(jars().resolve("rsm-classes.jar"))).isEqualTo(rsmBefore);
    }

    @Test
    void aDependentIsRecompiledOnlyWhenTheAPIOfAModuleItUsesChanged() throws IOException {
        put("raft/src/main/java/p/A.java", "package p;\npublic class A { public static int two() { return 2; } }\n");
        put("rsm/src/main/java/q/B.java", "package q;\npublic class B { int x = p.A.two(); }\n");
        put("kvraft/src/main/java/r/C.java", "package r;\npublic class C { q.B b; }\n");
        assertThat(compile("raft", "rsm", "kvraft")).containsExactly("raft", "rsm", "kvraft");

        // a method body: the API is the same, rsm and kvraft keep their classes
        put("raft/src/main/java/p/A.java", "package p;\npublic class A { public static int two() { return 1 + 1; } }\n");
        assertThat(compile("raft")).containsExactly("raft");

        // a new public method: rsm is recompiled; its own API did not change, so kvraft is not
        put("raft/src/main/java/p/A.java", "package p;\npublic class A { public static int two() { return 2; }\n"
                + "    public static int three() { return 3; } }\n");
        assertThat(compile("raft")).containsExactly("raft", "rsm");

        // a constant's value (inlined by users): a change of API
        put("raft/src/main/java/p/K.java", "package p;\npublic class K { public static final int N = 1; }\n");
        assertThat(compile("raft")).containsExactly("raft", "rsm");
        put("raft/src/main/java/p/K.java", "package p;\npublic class K { public static final int N = 2; }\n");
        assertThat(compile("raft")).containsExactly("raft", "rsm");
        // a private member: not API
        put("raft/src/main/java/p/K.java", "package p;\npublic class K { public static final int N = 2;\n"
                + "    private int hidden; }\n");
        assertThat(compile("raft")).containsExactly("raft");
    }

    @Test
    void studentModulesHaveTheirDependenciesAndOwnTheirSourceFiles() throws IOException {
        for (String m : List.of("kvsrv", "raft", "rsm", "kvraft", "shardkv")) {
            Files.createDirectories(root.resolve(m).resolve("src/main"));
        }
        StudentModules modules = StudentModules.of(root);

        assertThat(modules.inBuildOrder()).containsExactly("kvsrv", "raft", "rsm", "kvraft", "shardkv");
        assertThat(modules.dependencies("shardkv")).containsExactly("kvraft", "kvsrv");
        assertThat(modules.dependencies("rsm")).containsExactly("raft");
        assertThat(modules.ownerOf("raft/src/main/java/raftlab/raft/RaftNode.java")).isEqualTo("raft");
        assertThat(modules.ownerOf("raft/src/test/java/raftlab/raft/MyTest.java")).isNull();
        assertThat(modules.ownerOf("tests/graded/src/test/java/X.java")).isNull();
    }

    @Test
    void aDeletedSourceFileCountsAsAChangeOfItsModule() throws IOException {
        put("raft/src/main/java/p/A.java", "package p;\nclass A {}\n");
        put("raft/src/main/java/p/Gone.java", "package p;\nclass Gone {}\n");
        put("pom.xml", "<project/>\n");
        java.nio.file.attribute.FileTime built = java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(root.resolve("pom.xml")).toMillis() + 10_000);
        for (String rel : List.of("pom.xml", "raft", "raft/src", "raft/src/main", "raft/src/main/java",
                "raft/src/main/java/p", "raft/src/main/java/p/A.java", "raft/src/main/java/p/Gone.java")) {
            Files.setLastModifiedTime(root.resolve(rel), java.nio.file.attribute.FileTime.fromMillis(0));
        }
        KitBuild build = new KitBuild(root, System.err);
        assertThat(build.changedSince(built)).isEmpty();

        Files.delete(root.resolve("raft/src/main/java/p/Gone.java"));
        Files.setLastModifiedTime(root.resolve("raft/src/main/java/p"), java.nio.file.attribute.FileTime.fromMillis(
                built.toMillis() + 1000));

        assertThat(build.changedSince(built)).containsExactly("raft/src/main/java/p/");
        assertThat(StudentModules.parse("raft:\n").keySet()).containsExactly("raft");
    }

    @Test
    void modulesNotInTheRepositoryAreLeftOut() throws IOException {
        Files.createDirectories(root.resolve("raft/src/main"));
        Files.createDirectories(root.resolve("rsm/src/main"));

        assertThat(StudentModules.of(root).inBuildOrder()).containsExactly("raft", "rsm");
    }
}
