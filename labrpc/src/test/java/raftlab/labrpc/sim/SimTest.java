package raftlab.labrpc.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The time and thread facade, and the registry the tester's leak check stands on. */
@Timeout(10)
class SimTest {

    @Test
    @DisplayName("threads started after a mark are reported while alive, and no longer once they end")
    void registryTracksThreads() throws InterruptedException {
        Thread before = Sim.go("before", () -> Sim.sleep(300));
        long mark = Sim.threads().mark();
        CountDownLatch release = new CountDownLatch(1);
        Thread leak = Sim.go("deliberate leak", () -> Sim.await(release, 5000));

        assertThat(Sim.threads().aliveSince(mark)).containsExactly(leak);

        release.countDown();
        leak.join(1000);
        before.join(1000);
        assertThat(Sim.threads().aliveSince(mark)).isEmpty();
    }

    @Test
    @DisplayName("an exception that ends a thread is recorded with the thread's name")
    void uncaughtExceptionsAreRecorded() throws InterruptedException {
        long mark = Sim.threads().mark();

        Sim.go("doomed", () -> {
            throw new IllegalStateException("boom");
        }).join(1000);

        assertThat(Sim.threads().failuresSince(mark))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.threadName()).isEqualTo("doomed");
                    assertThat(f.error()).hasMessage("boom");
                });
    }

    @Test
    @DisplayName("sleep and await measure real time, and an interrupt ends them early with the flag set")
    void sleepAndAwait() throws InterruptedException {
        long start = Sim.nanoTime();
        Sim.sleep(50);
        assertThat((Sim.nanoTime() - start) / 1_000_000).isBetween(49L, 1000L);

        CountDownLatch latch = new CountDownLatch(1);
        latch.countDown();
        assertThat(Sim.await(latch, 10_000)).as("an open latch returns at once").isTrue();

        boolean[] interrupted = new boolean[1];
        Thread sleeper = Sim.go("sleeper", () -> {
            Sim.sleep(10_000);
            interrupted[0] = Thread.currentThread().isInterrupted();
        });
        sleeper.interrupt();
        sleeper.join(1000);
        assertThat(interrupted[0]).isTrue();

        assertThatThrownBy(() -> Sim.sleep(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the same seed gives the same random sequence; a bad -Dlab.seed names the fix")
    void seededRandomness() {
        LabRandom a = new LabRandom(42);
        LabRandom b = new LabRandom(42);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextInt(1000)).isEqualTo(b.nextInt(1000));
        }
        String old = System.getProperty(LabRandom.SEED_PROPERTY);
        try {
            System.setProperty(LabRandom.SEED_PROPERTY, "12x");
            assertThatThrownBy(LabRandom::seedFromProperty).hasMessageContaining("-Dlab.seed=1234567");
            System.setProperty(LabRandom.SEED_PROPERTY, "77");
            assertThat(LabRandom.fromSystemProperty().seed()).isEqualTo(77);
        } finally {
            if (old == null) {
                System.clearProperty(LabRandom.SEED_PROPERTY);
            } else {
                System.setProperty(LabRandom.SEED_PROPERTY, old);
            }
        }
    }
}
