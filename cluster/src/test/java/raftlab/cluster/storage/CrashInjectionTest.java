package raftlab.cluster.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import raftlab.labrpc.sim.Sim;

/**
 * Ours (not MIT's): a writer process saving through {@link DurableStore} is killed with SIGKILL at random points,
 * again and again on the same directory; after every kill, recovery must yield an intact save at least as new as
 * the last one the writer acknowledged, and at most one newer (the save in flight). Each new writer starts by
 * recovering and repairing what the previous one left.
 *
 * <p>CI runs {@value #CI_ROUNDS} kills; {@code cluster/scripts/crash-campaign 1000}
 * runs the long campaign.
 */
class CrashInjectionTest {

    static final int CI_ROUNDS = 120;

    @TempDir
    Path dir;

    @TempDir
    Path outputDir;

    @Test
    void everyAcknowledgedSaveSurvivesSigkill() throws Exception {
        int rounds = Integer.getInteger("cluster.crash.rounds", CI_ROUNDS);
        long seed = Long.getLong("cluster.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        long lastAcked = -1;
        int killedWhileSaving = 0;
        long start = Sim.millis();
        try {
            for (int round = 0; round < rounds; round++) {
                long acked = runAndKill(random);
                long recovered = Workload.check(DurableStore.inspect(dir));
                long expectedAtLeast = Math.max(lastAcked, acked);
                assertThat(recovered)
                        .as("round %d (seed %d): recovered save %d, but save %d was acknowledged", round, seed,
                                recovered, expectedAtLeast)
                        .isGreaterThanOrEqualTo(expectedAtLeast)
                        .isLessThanOrEqualTo(expectedAtLeast + 1);
                if (acked > lastAcked) {
                    killedWhileSaving++;
                }
                lastAcked = Math.max(lastAcked, recovered);
            }
        } finally {
            ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
        }
        System.out.printf("crash injection: %d SIGKILLs (%d while saving), %d saves recovered, %.1f s, seed %d%n",
                rounds, killedWhileSaving, lastAcked + 1, (Sim.millis() - start) / 1000.0, seed);
        assertThat(killedWhileSaving).as("kills that hit a writer in its save loop").isGreaterThan(rounds / 4);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
                .as("writer processes left alive").isEmpty();
    }

    /** Starts a writer, kills it at a random point, and returns the last save it acknowledged (-1 if none). */
    private long runAndKill(Random random) throws IOException, InterruptedException {
        // The writer's output goes to a file, read once the writer is dead: nothing it wrote can be missed.
        Path output = outputDir.resolve("writer.out");
        Process writer = new ProcessBuilder(javaCommand(CrashWriter.class.getName(), dir.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(output.toFile()).start();
        try {
            if (random.nextInt(4) == 0) {
                Sim.sleep(random.nextInt(400));            // anywhere, also during start-up and recovery
            } else {
                long deadline = Sim.millis() + 30_000;
                while (!Files.readString(output, StandardCharsets.US_ASCII).contains("ready")) {
                    assertThat(Sim.millis()).as("writer ready within 30 s").isLessThan(deadline);
                    Sim.sleep(2);
                }
                Sim.sleep(random.nextInt(60));             // inside the save loop
            }
        } finally {
            writer.destroyForcibly();                      // SIGKILL on Linux
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(writer.isAlive()).isFalse();
        String text = Files.readString(output, StandardCharsets.US_ASCII);
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);   // the kill may cut the last line short
        long acked = -1;
        for (String line : complete.split("\n")) {
            if (line.startsWith("ack ")) {                 // the JVM may log other lines to stdout
                acked = Long.parseLong(line.substring("ack ".length()));
            }
        }
        return acked;
    }

    /** {@return a command running {@code main} on this JVM's java and class path} */
    static List<String> javaCommand(String main, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return command;
    }
}
