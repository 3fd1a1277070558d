package raftlab.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import raftlab.labrpc.sim.Sim;

/** The extension's isolation checks: leaked threads, threads that died, the watchdog. */
class LeakCheckTest {

    @Test
    void leakedThreadIsNamed() {
        long mark = Sim.threads().mark();
        CountDownLatch release = new CountDownLatch(1);
        Sim.go("deliberate-leak", () -> Sim.await(release, 60_000));
        try {
            List<Thread> survivors = LeakCheck.survivors(mark, 100);

            assertThat(LeakCheck.describe(survivors)).contains("\"deliberate-leak\"", "1 thread(s) still running");
        } finally {
            release.countDown();
        }
    }

    @Test
    void threadThatEndsWithinTheGracePeriodIsNoLeak() {
        long mark = Sim.threads().mark();
        Sim.go("slow-to-stop", () -> Sim.sleep(200));

        assertThat(LeakCheck.survivors(mark, 2_000)).isEmpty();
    }

    @Test
    void extensionFailsATestThatLeaksAThread() {
        TesterExtension extension = new TesterExtension();
        ExtensionContext context = fakeContext();
        CountDownLatch release = new CountDownLatch(1);
        extension.beforeEach(context);
        Sim.go("leaky-ticker", () -> Sim.await(release, 60_000));
        try {
            assertThatThrownBy(() -> extension.afterEach(context))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("\"leaky-ticker\"")
                    .hasMessageContaining("replay with -Dlab.seed=");
        } finally {
            release.countDown();
        }
    }

    @Test
    void extensionFailsATestWhoseThreadDied() {
        TesterExtension extension = new TesterExtension();
        ExtensionContext context = fakeContext();
        extension.beforeEach(context);
        Thread dying = Sim.go("dying-applier", () -> {
            throw new IllegalStateException("boom");
        });
        join(dying);

        assertThatThrownBy(() -> extension.afterEach(context))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("thread \"dying-applier\" died: java.lang.IllegalStateException: boom");
    }

    @Test
    void aThreadThatDiesFailsTheTestAtOnceWithItsExceptionAsHeadline() {
        TesterExtension extension = new TesterExtension();
        ExtensionContext context = fakeContext();
        extension.beforeEach(context);
        Config cfg = extension.makeConfig(1, true, (ends, gid, me, persister) -> List.of(() -> { }));
        long start = Sim.millis();
        Sim.go("raft0-applier", () -> {
            Sim.sleep(50);
            throw new IndexOutOfBoundsException("Index 5 out of bounds for length 5");
        });

        // The test would sleep 20 s; the failure wakes it at once, headed by the exception, not by a later check.
        assertThatThrownBy(() -> cfg.sleep(20_000))
                .hasMessageStartingWith("thread \"raft0-applier\" died: java.lang.IndexOutOfBoundsException: "
                        + "Index 5 out of bounds for length 5 (seed ");
        assertThat(Sim.millis() - start).isLessThan(5_000);
        assertThatThrownBy(() -> extension.afterEach(context))
                .hasMessageStartingWith("thread \"raft0-applier\" died: java.lang.IndexOutOfBoundsException")
                .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());    // reported once, not twice
    }

    @Test
    void anErrorRepeatedInManyThreadsIsPrintedOnceAndReportedOnceWithItsCount() {
        TesterExtension extension = new TesterExtension();
        ExtensionContext context = fakeContext();
        extension.beforeEach(context);
        String stderr = captured(System::setErr, System.err, () -> {
            for (int i = 0; i < 5; i++) {     // a misspelled RPC name fails every call the same way
                join(Sim.go("sender-" + i, () -> {
                    throw new IllegalArgumentException("unknown method Raft.appendEntrie");
                }));
            }
        });
        String[] stdout = new String[1];
        stdout[0] = captured(System::setOut, System.out, () -> assertThatThrownBy(() -> extension.afterEach(context))
                .hasMessageContaining("thread \"sender-0\" died: java.lang.IllegalArgumentException: unknown method "
                        + "Raft.appendEntrie (and 4 more times in other threads)"));

        assertThat(stderr.split("unknown method Raft.appendEntrie", -1)).hasSize(2);
        assertThat(stdout[0]).startsWith("Fatal: thread \"sender-0\" died").contains("4 more times");
    }

    @Test
    void aLeakedThreadGetsAFatalLineLikeEveryOtherFailure() {
        TesterExtension extension = new TesterExtension();
        ExtensionContext context = fakeContext();
        CountDownLatch release = new CountDownLatch(1);
        extension.beforeEach(context);
        Sim.go("leaky-ticker", () -> Sim.await(release, 60_000));
        try {
            String stdout = captured(System::setOut, System.out,
                    () -> assertThatThrownBy(() -> extension.afterEach(context)).isInstanceOf(AssertionError.class));

            assertThat(stdout).startsWith("Fatal: 1 thread(s) still running after the test ended: \"leaky-ticker\"");
        } finally {
            release.countDown();
        }
    }

    /** {@return what {@code body} printed to the stream that {@code set} replaces (System.out or System.err)} */
    private static String captured(java.util.function.Consumer<java.io.PrintStream> set, java.io.PrintStream old,
            Runnable body) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        set.accept(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            set.accept(old);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void extensionFailsATestWhoseKillNeverReturns() {
        TesterExtension extension = new TesterExtension(120_000, 200);
        ExtensionContext context = fakeContext();
        CountDownLatch release = new CountDownLatch(1);
        extension.beforeEach(context);
        extension.makeConfig(1, true, (ends, gid, me, persister) -> List.of(() -> Sim.await(release, 60_000)));
        try {
            assertThatThrownBy(() -> extension.afterEach(context))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("cleanup did not finish within 200 ms: a kill() is stuck");
        } finally {
            release.countDown();
        }
    }

    @Test
    void extensionPassesACleanTest() {
        TesterExtension extension = new TesterExtension();
        ExtensionContext context = fakeContext();
        extension.beforeEach(context);
        join(Sim.go("well-behaved", () -> Sim.sleep(10)));

        extension.afterEach(context);
    }

    @Test
    void watchdogFailsAndWakesTheTestWhenTheLimitPasses() {
        TestRun run = new TestRun("slow", 42);
        run.attachTestThread();
        Watchdog watchdog = Watchdog.start(run, 50);
        try {
            Sim.sleep(10_000);      // cut short by the watchdog's interrupt

            assertThat(Thread.interrupted()).isTrue();
            assertThat(run.timedOut()).isTrue();
            assertThat(run.failure()).hasMessageContaining("test took longer than 120 seconds")
                    .hasMessageContaining("seed 42");
            assertThatThrownBy(run::checkpoint).hasMessageContaining("test took longer than 120 seconds");
        } finally {
            watchdog.stop();
        }
    }

    static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Just enough of JUnit's context for the extension's callbacks. */
    static ExtensionContext fakeContext() {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getTestMethod", "getExecutionException" -> Optional.empty();
                    case "getDisplayName" -> "fake test";
                    case "toString" -> "fake context";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
