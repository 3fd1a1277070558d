package raftlab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A submission can only replace the student-owned sources of the kit. */
class SubmissionTest {

    @TempDir
    Path tmp;
    Path kit;
    Path sub;

    @BeforeEach
    void kitAndSubmission() throws Exception {
        kit = tmp.resolve("kit");
        sub = tmp.resolve("submission");
        put(kit, "raft/src/main/java/raftlab/raft/RaftNode.java", "skeleton");
        put(kit, "raft/src/main/java/raftlab/raft/Old.java", "skeleton file the student deleted");
        put(kit, "raft/src/test/java/raftlab/raft/RaftLogTest.java", "kit test");
        put(kit, "raft/pom.xml", "kit pom");
        put(kit, "rsm/src/main/java/raftlab/rsm/Rsm.java", "rsm skeleton");
        put(kit, "labrpc/src/main/java/raftlab/labrpc/net/Network.java", "kit network");
        put(kit, "tests/graded/src/test/java/raftlab/raft/Raft3ATest.java", "graded test");
        put(kit, "pom.xml", "kit root pom");
        put(kit, "lab", "kit launcher");

        put(sub, "raft/src/main/java/raftlab/raft/RaftNode.java", "student raft");
        put(sub, "raft/src/main/java/raftlab/raft/Helper.java", "student helper");
        put(sub, "raft/src/test/java/raftlab/raft/RaftLogTest.java", "student's own test");
        put(sub, "raft/pom.xml", "student pom with a plugin");
        put(sub, "labrpc/src/main/java/raftlab/labrpc/net/Network.java", "a network that never drops");
        put(sub, "tests/graded/src/test/java/raftlab/raft/Raft3ATest.java", "a test that always passes");
        put(sub, "pom.xml", "skip tests");
        put(sub, "lab", "exit 0");
        put(sub, "kvraft/src/main/java/raftlab/kvraft/KVServer.java", "student kv");
    }

    private static void put(Path root, String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void onlyStudentSourcesAreTaken() throws Exception {
        Submission.Overlay o = Submission.overlay(sub, kit);
        assertThat(o.copied()).containsExactlyInAnyOrder("raft/src/main/java/raftlab/raft/RaftNode.java",
                "raft/src/main/java/raftlab/raft/Helper.java", "kvraft/src/main/java/raftlab/kvraft/KVServer.java");
        assertThat(o.ignored()).contains("labrpc/src/main/java/raftlab/labrpc/net/Network.java", "pom.xml", "lab",
                "tests/graded/src/test/java/raftlab/raft/Raft3ATest.java", "raft/pom.xml",
                "raft/src/test/java/raftlab/raft/RaftLogTest.java");
        assertThat(kit.resolve("raft/src/main/java/raftlab/raft/RaftNode.java")).hasContent("student raft");
        assertThat(kit.resolve("raft/src/main/java/raftlab/raft/Old.java")).doesNotExist();
        assertThat(kit.resolve("kvraft/src/main/java/raftlab/kvraft/KVServer.java")).hasContent("student kv");
        // the kit's own files are untouched
        assertThat(kit.resolve("labrpc/src/main/java/raftlab/labrpc/net/Network.java")).hasContent("kit network");
        assertThat(kit.resolve("tests/graded/src/test/java/raftlab/raft/Raft3ATest.java")).hasContent("graded test");
        assertThat(kit.resolve("raft/src/test/java/raftlab/raft/RaftLogTest.java")).hasContent("kit test");
        assertThat(kit.resolve("raft/pom.xml")).hasContent("kit pom");
        assertThat(kit.resolve("pom.xml")).hasContent("kit root pom");
        assertThat(kit.resolve("lab")).hasContent("kit launcher");
        // a part the submission lacks keeps the kit's skeleton
        assertThat(kit.resolve("rsm/src/main/java/raftlab/rsm/Rsm.java")).hasContent("rsm skeleton");
    }

    @Test
    void symbolicLinksAreNotFollowed() throws Exception {
        Path secret = tmp.resolve("outside.txt");
        Files.writeString(secret, "outside the submission");
        Files.createSymbolicLink(sub.resolve("raft/src/main/java/raftlab/raft/Link.java"), secret);
        Files.createSymbolicLink(sub.resolve("rsm"), kit.resolve("labrpc"));
        Submission.Overlay o = Submission.overlay(sub, kit);
        assertThat(o.ignored()).contains("raft/src/main/java/raftlab/raft/Link.java");
        assertThat(kit.resolve("raft/src/main/java/raftlab/raft/Link.java")).doesNotExist();
        assertThat(kit.resolve("rsm/src/main/java/raftlab/rsm/Rsm.java")).hasContent("rsm skeleton");
        assertThat(kit.resolve("labrpc/src/main/java/raftlab/labrpc/net/Network.java")).hasContent("kit network");
    }
}
