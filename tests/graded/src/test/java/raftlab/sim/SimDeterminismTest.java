package raftlab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import raftlab.tester.TesterExtension;

/**
 * Ours, not MIT's: the simulation mode end to end through the tester. A graded test run twice with one seed takes
 * the same schedule (same hash, steps and virtual time); another seed takes another. Untagged, so no lab part
 * selects it.
 */
class SimDeterminismTest {

    private static final String TEST = "raftlab.raft.Raft3BTest#testFailAgree3B";

    /** Runs {@link #TEST} in simulation mode with {@code seed}; {@return its summary} */
    private static TesterExtension.SimulationSummary simulate(long seed) {
        String oldSim = System.getProperty(TesterExtension.SIM_PROPERTY);
        String oldSeed = System.getProperty("lab.seed");
        List<TestExecutionResult> results = new ArrayList<>();
        try {
            System.setProperty(TesterExtension.SIM_PROPERTY, "true");
            System.setProperty("lab.seed", Long.toString(seed));
            LauncherFactory.create().execute(
                    LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(TEST)).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (id.isTest()) {
                                results.add(result);
                            }
                        }
                    });
        } finally {
            restore(TesterExtension.SIM_PROPERTY, oldSim);
            restore("lab.seed", oldSeed);
        }
        assertThat(results).singleElement()
                .satisfies(r -> assertThat(r.getStatus()).as("%s", r.getThrowable())
                        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL));
        return TesterExtension.lastSimulation();
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    @DisplayName("a graded test replays the same schedule for the same seed, and another for another seed")
    void sameSeedSameSchedule() {
        TesterExtension.SimulationSummary first = simulate(42);
        TesterExtension.SimulationSummary again = simulate(42);
        TesterExtension.SimulationSummary other = simulate(43);

        assertThat(first.seed()).isEqualTo(42);
        assertThat(first.steps()).isGreaterThan(100);
        assertThat(again.traceHash()).isEqualTo(first.traceHash());
        assertThat(again.steps()).isEqualTo(first.steps());
        assertThat(again.virtualNanos()).isEqualTo(first.virtualNanos());
        assertThat(other.traceHash()).isNotEqualTo(first.traceHash());
    }
}
