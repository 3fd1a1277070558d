package raftlab.sim;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import raftlab.tester.TesterExtension;

/**
 * Runs graded suites in simulation mode for many seeds in one JVM, and optionally runs each seed twice to check
 * that the schedule hash repeats ({@code --check-determinism}). Ours, not MIT's: a measurement and soak tool for
 * docs/simulation.md, not part of the graded suites.
 *
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp CP raftlab.sim.SimSweep \
 *      [--check-determinism] [--quiet] [--full] FIRST_SEED LAST_SEED CLASS[#METHOD] ...
 * </pre>
 * Prints one line per failure (test, seed, first line of the message) and a summary per test: runs, failures, and
 * the mean virtual and wall seconds.
 */
public final class SimSweep {

    private SimSweep() {}

    /** {@code --full}: print each failure's whole message (a deadlock's thread report), not only its first line. */
    private static boolean full;

    /** Per-test tallies. */
    private static final class Tally {
        int runs;
        int failures;
        int nondeterministic;
        double virtualSeconds;
        double wallSeconds;
    }

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean determinism = rest.remove("--check-determinism");
        boolean quiet = rest.remove("--quiet");
        full = rest.remove("--full");
        if (rest.size() < 3) {
            System.err.println("usage: SimSweep [--check-determinism] [--quiet] [--full] FIRST_SEED LAST_SEED "
                    + "CLASS[#METHOD] ...");
            System.exit(2);
        }
        long first;
        long last;
        try {
            first = Long.parseLong(rest.get(0));
            last = Long.parseLong(rest.get(1));
        } catch (NumberFormatException e) {
            System.err.println("SimSweep: FIRST_SEED and LAST_SEED must be numbers, got " + rest.get(0) + " "
                    + rest.get(1));
            System.exit(2);
            return;
        }
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String name : rest.subList(2, rest.size())) {
            selectors.add(name.contains("#") ? selectMethod(name) : selectClass(name));
        }
        System.setProperty(TesterExtension.SIM_PROPERTY, "true");
        Launcher launcher = LauncherFactory.create();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        long wallStart = System.nanoTime();
        for (long seed = first; seed <= last; seed++) {
            Map<String, Long> hashes = runOnce(launcher, selectors, seed, tallies, quiet, true);
            if (determinism) {
                Map<String, Long> again = runOnce(launcher, selectors, seed, tallies, true, false);
                for (Map.Entry<String, Long> e : hashes.entrySet()) {
                    if (!e.getValue().equals(again.get(e.getKey()))) {
                        tallies.get(e.getKey()).nondeterministic++;
                        System.out.println("NONDETERMINISTIC " + e.getKey() + " seed " + seed + ": hash "
                                + Long.toHexString(e.getValue()) + " then " + hashText(again.get(e.getKey())));
                    }
                }
            }
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        int failures = 0;
        int nondeterministic = 0;
        System.out.println("---- sim sweep: seeds " + first + ".." + last + (determinism ? ", each run twice" : "")
                + " ----");
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            failures += t.failures;
            nondeterministic += t.nondeterministic;
            System.out.printf("%-60s runs %4d  failed %3d%s  mean virtual %6.1f s  mean wall %5.2f s%n",
                    e.getKey(), t.runs, t.failures, determinism ? "  nondeterministic " + t.nondeterministic : "",
                    t.virtualSeconds / t.runs, t.wallSeconds / t.runs);
        }
        System.out.printf("total wall %.1f s, %d failures%s%n", wall, failures,
                determinism ? ", " + nondeterministic + " nondeterministic" : "");
        System.exit(failures == 0 && nondeterministic == 0 ? 0 : 1);
    }

    private static String hashText(Long hash) {
        return hash == null ? "(missing)" : Long.toHexString(hash);
    }

    /** Runs every selected test with {@code seed}; returns each test's schedule hash. */
    private static Map<String, Long> runOnce(Launcher launcher, List<DiscoverySelector> selectors, long seed,
            Map<String, Tally> tallies, boolean quiet, boolean count) {
        System.setProperty("lab.seed", Long.toString(seed));
        Map<String, Long> hashes = new LinkedHashMap<>();
        Map<String, Long> started = new LinkedHashMap<>();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionStarted(TestIdentifier id) {
                        if (id.isTest()) {
                            started.put(id.getUniqueId(), System.nanoTime());
                        }
                    }

                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (!id.isTest()) {
                            return;
                        }
                        String name = shortName(id);
                        TesterExtension.SimulationSummary sim = TesterExtension.lastSimulation();
                        boolean mine = sim != null && sim.test().equals(id.getUniqueId());
                        if (mine) {
                            hashes.put(name, sim.traceHash());
                        }
                        if (!count) {
                            return;
                        }
                        Tally t = tallies.computeIfAbsent(name, k -> new Tally());
                        t.runs++;
                        t.wallSeconds += (System.nanoTime() - started.get(id.getUniqueId())) / 1e9;
                        t.virtualSeconds += mine ? sim.virtualNanos() / 1e9 : 0;
                        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            t.failures++;
                            String message = result.getThrowable().map(Throwable::toString).orElse("?");
                            System.out.println("FAILED " + name + " seed " + seed
                                    + (mine ? String.format(" (virtual %.6f s, %d steps, hash %x)",
                                            sim.virtualNanos() / 1e9, sim.steps(), sim.traceHash()) : "")
                                    + ": " + message.lines().findFirst().orElse(""));
                            if (full) {
                                System.out.println(message);
                            }
                        }
                    }
                });
        if (!quiet) {
            System.out.println("sim sweep: seed " + seed + " done");
        }
        return hashes;
    }

    private static String shortName(TestIdentifier id) {
        String uid = id.getUniqueId();
        int cls = uid.indexOf("[class:");
        int method = uid.indexOf("[method:");
        if (cls < 0 || method < 0) {
            return id.getDisplayName();
        }
        String c = uid.substring(cls + 7, uid.indexOf(']', cls));
        String m = uid.substring(method + 8, uid.indexOf('(', method));
        return c.substring(c.lastIndexOf('.') + 1) + "#" + m;
    }
}
