package raftlab.labrpc.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures as the registry reports them: every one recorded and heard, a repeated stack printed once. */
class ThreadRegistryTest {

    private static IllegalStateException failure(int index) {
        return new IllegalStateException("Raft delivered index " + index + " but the next index to apply is 1");
    }

    @Test
    void aRepeatedStackIsPrintedOnceThenCounted() {
        ThreadRegistry registry = new ThreadRegistry();
        long mark = registry.mark();
        List<ThreadRegistry.Failure> heard = new ArrayList<>();
        registry.setListener(heard::add);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 25; i++) {
                registry.report(failure(400 + i));     // same place, a different message each time
            }
        } finally {
            System.setErr(saved);
        }

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed.split("at raftlab.labrpc.sim.ThreadRegistryTest.failure", -1)).hasSize(2);   // one stack
        assertThat(printed).contains("index 400", "(the same stack as above, 2 times so far; not printed again)",
                "10 times so far").doesNotContain("index 402").doesNotContain("index 424");
        assertThat(heard).hasSize(25);
        assertThat(registry.failuresSince(mark)).hasSize(25);
        assertThat(registry.takeRepeats()).hasSize(1).containsValue(25)
                .hasKeySatisfying(new org.assertj.core.api.Condition<>(
                        k -> k.startsWith("java.lang.IllegalStateException at raftlab"), "the exception and its frame"));
        assertThat(registry.takeRepeats()).isEmpty();
    }
}
