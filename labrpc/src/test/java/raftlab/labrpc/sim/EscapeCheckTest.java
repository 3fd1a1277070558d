package raftlab.labrpc.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The source check that names every call escaping the simulation, with its file, line and replacement. */
class EscapeCheckTest {

    private static List<String> check(String statement) {
        String source = "class Raft {\n    void tick() throws Exception {\n        " + statement + "\n    }\n}\n";
        return EscapeCheck.scanSource("Raft.java", source).stream().map(Object::toString).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Thread.sleep(10);                                   | Thread.sleep                 | use Sim.sleep(ms)",
        "TimeUnit.MILLISECONDS.sleep(10);                    | TimeUnit.sleep               | use Sim.sleep(ms)",
        "long t = System.nanoTime();                         | System.nanoTime              | use Sim.nanoTime()",
        "long t = System.currentTimeMillis();                | System.currentTimeMillis     | use Sim.millis()",
        "var t = java.time.Instant.now();                    | a wall-clock read            | use Sim.millis()",
        "latch.await(100, TimeUnit.MILLISECONDS);            | a timed await(time, unit)    | Sim.await(latch, ms)",
        "cond.await(5, TimeUnit.SECONDS);                    | a timed await(time, unit)    | Sim.awaitNanos(condition",
        "long left = cond.awaitNanos(1000);                  | a timed Condition.await      | Sim.awaitNanos(condition",
        "monitor.wait(100);                                  | a timed Object.wait          | Sim.awaitNanos(condition",
        "synchronized (this) { wait(100); }                  | a timed Object.wait          | Sim.awaitNanos(condition",
        "LockSupport.parkNanos(1000);                        | LockSupport.parkNanos        | Sim.sleep(ms)",
        "new Thread(() -> {}).start();                       | new Thread                   | Sim.go(name, body)",
        "Thread.ofVirtual().start(() -> {});                 | a Thread builder             | Sim.go(name, body)",
        "Thread.startVirtualThread(() -> {});                | a Thread builder             | Sim.go(name, body)",
        "var pool = Executors.newFixedThreadPool(4);         | an executor                  | Sim.go(name, body)",
        "var pool = new ForkJoinPool(2);                     | an executor                  | Sim.go(name, body)",
        "CompletableFuture.supplyAsync(() -> 1);             | CompletableFuture's *Async   | Sim.go(name, body)",
        "f.thenApplyAsync(x -> x);                           | CompletableFuture's *Async   | Sim.go(name, body)",
        "list.parallelStream().count();                      | a parallel stream            | sequential stream",
        "new java.util.Timer();                              | java.util.Timer              | Sim.sleep(ms)",
        "int r = ThreadLocalRandom.current().nextInt(300);   | a random source no seed fixes| Sim.random()",
        "double r = Math.random();                           | a random source no seed fixes| Sim.random()",
        "var r = new Random();                               | a random source no seed fixes| Sim.random()",
    })
    @DisplayName("each escape is reported with file, line, the call and what to use instead")
    void eachEscapeIsNamed(String statement, String call, String instead) {
        assertThat(check(statement)).singleElement().asString()
                .startsWith("Raft.java:3: " + call.strip() + " escapes the simulation; ")
                .contains(instead.strip());
    }

    @Test
    @DisplayName("the Sim calls, untimed waits, comments and strings are not escapes")
    void simCallsAreFine() {
        String source = """
                class Raft {
                    // Thread.sleep(10) in a comment, and the handouts' commented skeleton:
                    //            long ms = 50 + ThreadLocalRandom.current().nextInt(300);
                    /* System.nanoTime() */
                    void tick() throws Exception {
                        Sim.sleep(10);
                        Sim.await(latch, 100);
                        long left = Sim.awaitNanos(cond, 1000);
                        long t = Sim.nanoTime() + Sim.millis();
                        int r = Sim.random().nextInt(300);
                        Sim.go("ticker", this::ticker);
                        latch.await();
                        cond.await();
                        synchronized (this) { wait(); }
                        thread.join();
                        String s = "Thread.sleep(10) new Thread(";
                        String joined = String.join(", ", names);
                        Timer mine = new Timer(5);            // a class of one's own: no java.util import
                    }
                }
                """;
        assertThat(EscapeCheck.scanSource("Raft.java", source)).isEmpty();
    }

    @Test
    @DisplayName("a source tree is scanned file by file, in path order")
    void scansATree(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("raftlab/raft"));
        Files.writeString(root.resolve("raftlab/raft/B.java"), "class B {\n  long t = System.nanoTime();\n}\n");
        Files.writeString(root.resolve("raftlab/raft/A.java"), "class A {\n\n  void f() { Thread.sleep(1); }\n}\n");
        Files.writeString(root.resolve("raftlab/raft/notes.txt"), "Thread.sleep(1)");

        assertThat(EscapeCheck.scan(root)).extracting(e -> Path.of(e.file()).getFileName() + ":" + e.line())
                .containsExactly("A.java:3", "B.java:2");
    }

    @Test
    @DisplayName("new Timer() is java.util's where the file imports it")
    void importedTimer() {
        String source = "import java.util.Timer;\nclass Raft {\n  Timer t = new Timer();\n}\n";
        assertThat(EscapeCheck.scanSource("Raft.java", source)).singleElement().asString()
                .startsWith("Raft.java:3: java.util.Timer escapes the simulation");
    }
}
