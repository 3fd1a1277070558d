package raftlab.labrpc.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import raftlab.labrpc.chan.Channel;

/** The simulation mode's engine: one deterministic scheduler, virtual time, seeded choices, deadlock reports. */
@Timeout(30)
class SimulatedRuntimeTest {

    private SimRuntime previous;

    @BeforeEach
    void requireSupportedJdk() {
        assertThat(SimulatedRuntime.unsupportedReason()).as("this JVM runs the simulation").isNull();
    }

    @AfterEach
    void restoreRealRuntime() {
        if (previous != null) {
            Sim.install(previous);
        }
    }

    private SimulatedRuntime install(long seed) {
        SimulatedRuntime sim = new SimulatedRuntime(seed);
        SimRuntime old = Sim.install(sim);
        if (previous == null) {
            previous = old;
        }
        return sim;
    }

    /** Five workers that lock, wait, sleep random amounts and pass values over a channel, logging each event. */
    private static List<String> workload(List<String> events) {
        ReentrantLock lock = new ReentrantLock();
        Condition turn = lock.newCondition();
        Channel<Integer> ch = new Channel<>();
        CountDownLatch finished = new CountDownLatch(5);
        int[] counter = new int[1];
        Consumer<String> log = e -> {
            synchronized (events) {
                events.add(Sim.millis() + "ms " + e);
            }
        };
        for (int w = 0; w < 5; w++) {
            int me = w;
            Sim.go("worker-" + me, () -> {
                for (int i = 0; i < 4; i++) {
                    lock.lock();
                    try {
                        counter[0]++;
                        log.accept("w" + me + " counter=" + counter[0]);
                        turn.signalAll();
                    } finally {
                        lock.unlock();
                    }
                    Sim.sleep(Sim.random().nextInt(20));
                }
                ch.send(me);
                finished.countDown();
            });
        }
        Sim.go("receiver", () -> {
            for (int i = 0; i < 5; i++) {
                log.accept("received " + ch.receive());
            }
        });
        Sim.await(finished, 60_000);
        return events;
    }

    private List<String> runWorkload(long seed, long[] hash) {
        SimulatedRuntime sim = install(seed);
        List<String> events = sim.supply("workload", () -> workload(new ArrayList<>()));
        hash[0] = sim.traceHash();
        return events;
    }

    @Test
    @DisplayName("the same seed gives the same events in the same order at the same virtual times")
    void sameSeedSameRun() {
        long[] h1 = new long[1];
        long[] h2 = new long[1];
        List<String> first = runWorkload(42, h1);
        List<String> second = runWorkload(42, h2);

        assertThat(first).hasSize(25);
        assertThat(second).isEqualTo(first);
        assertThat(h2[0]).isEqualTo(h1[0]);
    }

    @Test
    @DisplayName("different seeds interleave the threads differently")
    void differentSeedsDiffer() {
        Set<List<String>> runs = new HashSet<>();
        Set<Long> hashes = new HashSet<>();
        for (long seed = 1; seed <= 8; seed++) {
            long[] h = new long[1];
            runs.add(runWorkload(seed, h));
            hashes.add(h[0]);
        }
        assertThat(runs).hasSizeGreaterThan(4);
        assertThat(hashes).hasSizeGreaterThan(4);
    }

    @Test
    @DisplayName("a 60-second sleep takes virtual time, not wall time")
    void virtualTimeJumps() {
        SimulatedRuntime sim = install(7);
        long wallStart = System.nanoTime();

        long slept = sim.supply("sleeper", () -> {
            long start = Sim.nanoTime();
            Sim.sleep(60_000);
            return Sim.nanoTime() - start;
        });

        assertThat(slept).isEqualTo(TimeUnit.SECONDS.toNanos(60));
        assertThat(System.nanoTime() - wallStart).isLessThan(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    @DisplayName("timed waits on a latch, a condition and a channel time out in virtual time")
    void timedWaitsUseVirtualTime() throws Exception {
        SimulatedRuntime sim = install(3);
        List<Long> elapsed = sim.call("waiter", () -> {
            List<Long> result = new ArrayList<>();
            long t0 = Sim.millis();
            assertThat(Sim.await(new CountDownLatch(1), 500)).isFalse();
            result.add(Sim.millis() - t0);

            ReentrantLock lock = new ReentrantLock();
            Condition never = lock.newCondition();
            long t1 = Sim.millis();
            lock.lock();
            try {
                assertThat(Sim.awaitNanos(never, TimeUnit.MILLISECONDS.toNanos(250))).isLessThanOrEqualTo(0);
            } finally {
                lock.unlock();
            }
            result.add(Sim.millis() - t1);

            long t2 = Sim.millis();
            assertThat(new Channel<Integer>().poll(1, TimeUnit.SECONDS)).isNull();
            result.add(Sim.millis() - t2);
            assertThat(Thread.currentThread().isInterrupted()).as("a time-out leaves no interrupt behind").isFalse();
            return result;
        });
        assertThat(elapsed).containsExactly(500L, 250L, 1000L);
    }

    @Test
    @DisplayName("a latch counted down before the time-out ends the wait at that virtual time")
    void latchReleasedEarly() {
        SimulatedRuntime sim = install(5);
        long waited = sim.supply("waiter", () -> {
            CountDownLatch latch = new CountDownLatch(1);
            Sim.go("releaser", () -> {
                Sim.sleep(120);
                latch.countDown();
            });
            long t0 = Sim.millis();
            assertThat(Sim.await(latch, 10_000)).isTrue();
            return Sim.millis() - t0;
        });
        assertThat(waited).isEqualTo(120);
    }

    @Test
    @DisplayName("a thread blocked on a held ReentrantLock hands over control and continues once it is released")
    void lockHandsOver() {
        SimulatedRuntime sim = install(11);
        List<String> events = sim.supply("main", () -> {
            List<String> log = new ArrayList<>();
            ReentrantLock lock = new ReentrantLock();
            CountDownLatch done = new CountDownLatch(1);
            lock.lock();
            Sim.go("contender", () -> {
                lock.lock();
                log.add("contender got the lock at " + Sim.millis());
                lock.unlock();
                done.countDown();
            });
            Sim.sleep(300);                 // the contender runs and blocks meanwhile
            log.add("holder releases at " + Sim.millis());
            lock.unlock();
            Sim.await(done, 1000);
            return log;
        });
        assertThat(events).containsExactly("holder releases at 300", "contender got the lock at 300");
    }

    @Test
    @DisplayName("synchronized and Object.wait/notify hand over control too (JDK 24+ unmounts monitor waiters)")
    void monitorsHandOver() {
        for (long seed = 1; seed <= 100; seed++) {
            SimulatedRuntime sim = install(seed);
            List<String> events = sim.supply("main", () -> {
                List<String> log = new ArrayList<>();
                Object monitor = new Object();
                boolean[] ready = new boolean[1];
                CountDownLatch done = new CountDownLatch(2);
                Sim.go("waiter", () -> {
                    synchronized (monitor) {
                        while (!ready[0]) {
                            try {
                                monitor.wait();
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        log.add("waiter woke at " + Sim.millis());
                    }
                    done.countDown();
                });
                Sim.go("holder", () -> {
                    synchronized (monitor) {
                        Sim.sleep(200);                 // holds the monitor across a sleep
                        ready[0] = true;
                        monitor.notifyAll();
                        log.add("holder notified at " + Sim.millis());
                    }
                    done.countDown();
                });
                Sim.await(done, 5000);
                return log;
            });
            assertThat(events).containsExactly("holder notified at 200", "waiter woke at 200");
        }
    }

    @Test
    @DisplayName("when every thread blocks and no timer is pending, the run fails at once with every thread's stack")
    void deadlockIsReported() {
        SimulatedRuntime sim = install(13);
        long wallStart = System.nanoTime();
        assertThatThrownBy(() -> sim.run("main", () -> {
            ReentrantLock a = new ReentrantLock();
            ReentrantLock b = new ReentrantLock();
            CountDownLatch both = new CountDownLatch(2);
            Sim.go("left", () -> {
                a.lock();
                Sim.sleep(10);
                b.lock();
                both.countDown();
            });
            Sim.go("right", () -> {
                b.lock();
                Sim.sleep(10);
                a.lock();
                both.countDown();
            });
            try {
                both.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }))
                .isInstanceOf(SimDeadlockError.class)
                .hasMessageStartingWith("deadlock at virtual time 0.010 s")
                .hasMessageContaining("\"left\" WAITING, waiting for java.util.concurrent.locks.ReentrantLock")
                .hasMessageContaining("\"right\" WAITING")
                .hasMessageContaining("\"main\" WAITING")
                .hasMessageContaining("SimulatedRuntimeTest.java");
        assertThat(System.nanoTime() - wallStart).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    @DisplayName("interrupting a simulated sleep ends it early with the interrupt flag set")
    void interruptCutsSleep() {
        SimulatedRuntime sim = install(17);
        long slept = sim.supply("main", () -> {
            long[] result = new long[1];
            CountDownLatch done = new CountDownLatch(1);
            Thread sleeper = Sim.go("sleeper", () -> {
                long t0 = Sim.millis();
                Sim.sleep(10_000);
                result[0] = Thread.currentThread().isInterrupted() ? Sim.millis() - t0 : -1;
                done.countDown();
            });
            Sim.sleep(40);
            sleeper.interrupt();
            Sim.await(done, 1000);
            return result[0];
        });
        assertThat(slept).isEqualTo(40);
    }

    @Test
    @DisplayName("Thread.sleep under the simulation is an error naming the file, the line and Sim.sleep")
    void threadSleepEscapes() {
        SimulatedRuntime sim = install(19);
        assertThatThrownBy(() -> sim.run("main", () -> {
            try {
                // Long enough that the scheduler sees the thread parked on the real clock even on a starved machine:
                // with 5 ms, a CI run once read the state after the sleep had already ended and saw no escape.
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }))
                .isInstanceOf(SimEscapeError.class)
                .hasMessageStartingWith("SimulatedRuntimeTest.java:")
                .hasMessageContaining("Thread.sleep")
                .hasMessageContaining("use Sim.sleep(ms)");
    }

    @Test
    @DisplayName("a timed Condition.await under the simulation names Sim.awaitNanos")
    void timedConditionEscapes() {
        SimulatedRuntime sim = install(23);
        assertThatThrownBy(() -> sim.run("main", () -> {
            ReentrantLock lock = new ReentrantLock();
            Condition c = lock.newCondition();
            lock.lock();
            try {
                c.await(2_000, TimeUnit.MILLISECONDS);   // long: see threadSleepEscapes
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                lock.unlock();
            }
        }))
                .isInstanceOf(SimEscapeError.class)
                .hasMessageContaining("ConditionObject.await")
                .hasMessageContaining("Sim.awaitNanos");
    }

    @Test
    @DisplayName("Sim.sleep on a thread the simulation does not run is a clear error")
    void foreignThreadIsRefused() {
        install(29);
        assertThatThrownBy(() -> Sim.sleep(5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("which the simulation does not run")
                .hasMessageContaining("Sim.go");
    }

    @Test
    @DisplayName("without --add-opens the simulation refuses with the option to add, and real-time mode still runs")
    void unsupportedJvmSaysWhy() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                UnsupportedProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes());
        assertThat(probe.waitFor()).isZero();
        assertThat(output).contains("--add-opens java.base/java.lang=ALL-UNNAMED")
                .contains("drop -Dlab.sim=true to use the real-time mode");
    }

    @Test
    @DisplayName("a thread that runs on without blocking is reported with its stack instead of hanging silently")
    void busyLoopIsReported() {
        List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        SimulatedRuntime sim = new SimulatedRuntime(31, TimeUnit.MILLISECONDS.toNanos(100), reports::add);
        SimRuntime old = Sim.install(sim);
        if (previous == null) {
            previous = old;
        }
        sim.run("spinner", () -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);   // a busy loop, on purpose
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        });
        assertThat(reports).singleElement().asString()
                .startsWith("simulation: thread \"spinner\" has run for 0.1 s of real time without blocking")
                .contains("Sim.sleep(ms)")
                .contains("SimulatedRuntimeTest");
    }
}
