package raftlab.labrpc.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's listener: every reported failure is heard at once, on the failing thread, and recorded. */
class ThreadRegistryTest {

    @Test
    void aListenerHearsEveryFailureAsItIsReported() {
        ThreadRegistry registry = new ThreadRegistry();
        long mark = registry.mark();
        List<ThreadRegistry.Failure> heard = new ArrayList<>();
        registry.setListener(heard::add);
        for (int i = 0; i < 3; i++) {
            registry.report(new IllegalStateException("Raft delivered index 412 but the next index to apply is 1"));
        }
        registry.setListener(null);
        registry.report(new IllegalStateException("after"));

        assertThat(heard).hasSize(3).allMatch(f -> f.error().getMessage().contains("index 412"));
        assertThat(registry.failuresSince(mark)).hasSize(4);
    }
}
