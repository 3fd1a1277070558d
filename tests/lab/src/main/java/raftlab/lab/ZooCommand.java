package raftlab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab zoo [NAME...] [-n RUNS] [-p N] [--part]}: runs the bug zoo ({@link Zoo}, staff only). For each
 * mutant: a scratch copy of the repository (under {@code target/zoo/work}, re-synced, so only changed files are
 * rebuilt) gets the mutant's edits; its own {@code ./lab grade} runs the tests the header names (or the whole part
 * with {@code --part}) once per round, up to RUNS rounds, until one fails. Prints caught or missed, the round of the
 * first catch, the test and its first failure line.
 */
@Command(name = "zoo", mixinStandardHelpOptions = true, description = {"Staff: run the bug zoo (tests/lab/zoo; not in the student kit). Each mutant "
        + "of the reference is applied to a scratch copy, which runs the tests the mutant's header names.",
        "Prints, per mutant, caught or missed, the run that first caught it, the test and its failure message; "
                + "exit status 1 if a mutant was missed."})
final class ZooCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Mutants to run (default: all).")
    List<String> names = new ArrayList<>();

    @Option(names = {"-n", "--runs"}, paramLabel = "RUNS", defaultValue = "1",
            description = "At most this many runs of the tests per mutant; stops at the first catch (default: "
                    + "${DEFAULT-VALUE}).")
    int runs;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", defaultValue = "1",
            description = "Forked test JVMs at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--part", description = "Run every test of the mutant's part(s), not only the named tests.")
    boolean wholePart;

    @Option(names = "--all-runs", description = "Keep running after the first catch: count catches in RUNS runs.")
    boolean allRuns;

    @Option(names = "--sim", description = "Explore seeds in the simulation mode (./lab explore, one JVM) instead "
            + "of real-time grade runs: chunks of --chunk seeds until a seed fails or --budget seconds have passed.")
    boolean sim;

    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "60",
            description = "With --sim: the wall-clock budget per mutant (default: ${DEFAULT-VALUE}).")
    int budgetSeconds;

    @Option(names = "--chunk", paramLabel = "SEEDS", defaultValue = "10",
            description = "With --sim: seeds per explore run (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--list", description = "List the mutants and their headers; run nothing.")
    boolean list;

    @Option(names = "--check", description = "Parse every selected mutant and apply it in memory; run nothing.")
    boolean check;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || parallel < 1) {
            throw new Lab.UsageException("zoo: -n and -p must be at least 1");
        }
        if (sim && (budgetSeconds < 1 || chunk < 1)) {
            throw new Lab.UsageException("zoo: --budget and --chunk must be at least 1");
        }
        Path repo = LabHome.root();
        Path dir = repo.resolve(Zoo.DIR);
        if (!Files.isDirectory(dir)) {
            throw new Lab.UsageException("zoo: no bug zoo in this checkout (" + Zoo.DIR + "): it is staff material, "
                    + "left out of the student kit; run ./lab zoo in the staff repository");
        }
        List<Zoo.Mutant> mutants = select(Zoo.load(dir));
        if (list) {
            for (Zoo.Mutant m : mutants) {
                System.out.printf(Locale.ROOT, "%-36s %-6s %-22s %s%n", m.name(), m.header().get("part"),
                        m.header().get("class"), m.header().get("tests"));
            }
            return 0;
        }
        for (Zoo.Mutant m : mutants) {
            m.apply(repo);   // every snippet still applies before anything runs
        }
        if (check) {
            System.out.printf(Locale.ROOT, "lab: zoo: %d mutant(s) parse and apply to the reference%n", mutants.size());
            return 0;
        }
        Path scratch = repo.resolve("target/zoo/work");
        System.out.println("lab: zoo: scratch copy in " + scratch);
        sync(repo, scratch);
        int missed = 0;
        for (Zoo.Mutant m : mutants) {
            Verdict v = run(repo, scratch, m);
            System.out.println(v.line(m));
            System.out.flush();
            if (!v.caught()) {
                missed++;
            }
        }
        System.out.printf(Locale.ROOT, "lab: zoo: %d of %d mutant(s) caught%n", mutants.size() - missed,
                mutants.size());
        return missed == 0 ? 0 : 1;
    }

    private List<Zoo.Mutant> select(List<Zoo.Mutant> all) {
        if (names.isEmpty()) {
            return all;
        }
        Map<String, Zoo.Mutant> byName = new LinkedHashMap<>();
        all.forEach(m -> byName.put(m.name(), m));
        List<Zoo.Mutant> chosen = new ArrayList<>();
        for (String n : names) {
            Zoo.Mutant m = byName.get(n);
            if (m == null) {
                throw new Lab.UsageException("zoo: no mutant '" + n + "'; ./lab zoo --list shows them");
            }
            chosen.add(m);
        }
        return chosen;
    }

    /**
     * What the runs of one mutant found.
     *
     * @param caughtRuns the runs (1-based) in which some test failed
     * @param ran        how many runs were made
     * @param test       the first failing test, or null
     * @param message    its first failure line, or null
     * @param problem    why the mutant could not run (does not compile, ...), or null
     */
    record Verdict(List<Integer> caughtRuns, int ran, String test, String message, String problem,
            Map<String, Integer> failuresByTest) {
        boolean caught() {
            return problem == null && !caughtRuns.isEmpty();
        }

        String line(Zoo.Mutant m) {
            if (problem != null) {
                return String.format(Locale.ROOT, "%-36s ERROR   %s", m.name(), problem);
            }
            if (caughtRuns.isEmpty()) {
                return String.format(Locale.ROOT, "%-36s MISSED  in %d run(s) of %s", m.name(), ran,
                        String.join(" ", m.tests()));
            }
            StringBuilder tests = new StringBuilder();
            failuresByTest.forEach((t, k) -> tests.append(String.format(Locale.ROOT, " %s %d/%d", t, k, ran)));
            return String.format(Locale.ROOT, "%-36s CAUGHT  in %d of %d run(s), first in run %d by %s: %s%n"
                    + "%-36s   failed runs per test:%s", m.name(), caughtRuns.size(), ran, caughtRuns.get(0), test,
                    message, "", tests);
        }
    }

    private Verdict run(Path repo, Path scratch, Zoo.Mutant m) throws IOException, InterruptedException {
        Map<String, String> mutated = m.apply(repo);
        for (Map.Entry<String, String> e : mutated.entrySet()) {
            Files.writeString(scratch.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        try {
            List<String> selectors = wholePart ? m.parts() : m.tests();
            if (sim) {
                return explore(scratch, m, selectors);
            }
            Path out = scratch.resolve("target/zoo-runs/" + m.name());
            List<Integer> caught = new ArrayList<>();
            String test = null;
            String message = null;
            int ran = 0;
            Map<String, Integer> byTest = new LinkedHashMap<>();
            for (int r = 1; r <= runs; r++) {
                Path logs = out.resolve("run" + r);
                Path json = logs.resolve("results.json");
                List<String> cmd = new ArrayList<>(List.of(scratch.resolve("lab").toString(), "grade", "--plain",
                        "-n", "1", "-p", Integer.toString(parallel), "--json", json.toString(), "-o",
                        logs.toString()));
                cmd.addAll(selectors);
                deleteTree(logs);                     // no stale results.json from an earlier zoo run
                Files.createDirectories(logs);
                Path console = logs.resolve("console.txt");
                Process p = new ProcessBuilder(cmd).directory(scratch.toFile()).redirectErrorStream(true)
                        .redirectOutput(console.toFile()).start();
                int status = p.waitFor();
                if (!Files.exists(json)) {
                    String why = status == 2 ? "the mutant does not build or a selector is wrong" : "no results";
                    return new Verdict(List.of(), ran, null, null, why + " (exit " + status + "); see " + console,
                            Map.of());
                }
                ran++;
                JsonNode results = new ObjectMapper().readTree(json.toFile());
                for (JsonNode t : results.get("tests")) {
                    String name = t.get("name").asText().replaceAll("[: ].*", "");
                    byTest.merge(name, "failed".equals(t.get("status").asText()) ? 1 : 0, Integer::sum);
                    if ("failed".equals(t.get("status").asText())) {
                        if (caught.isEmpty() || caught.get(caught.size() - 1) != r) {
                            caught.add(r);
                        }
                        if (test == null) {
                            test = name;
                            message = firstFailureLine(logs, name);
                        }
                    }
                }
                if (!caught.isEmpty() && !allRuns) {
                    break;
                }
            }
            return new Verdict(caught, ran, test, message, null, byTest);
        } finally {
            for (String rel : mutated.keySet()) {
                Files.copy(repo.resolve(rel), scratch.resolve(rel), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Explores seeds of {@code selectors} on the mutated scratch copy in chunks of {@link #chunk}, one JVM each,
     * until a seed fails or the budget has passed (a chunk that starts within the budget runs to its end). Each
     * "run" of the verdict is one chunk.
     */
    private Verdict explore(Path scratch, Zoo.Mutant m, List<String> selectors)
            throws IOException, InterruptedException {
        Path logs = scratch.resolve("target/zoo-runs/" + m.name() + "-sim");
        deleteTree(logs);
        Files.createDirectories(logs);
        long start = System.nanoTime();
        long seed = 1;
        int ran = 0;
        while (ran == 0 || System.nanoTime() - start < budgetSeconds * 1_000_000_000L) {
            Path console = logs.resolve("chunk" + (ran + 1) + ".txt");
            List<String> cmd = new ArrayList<>(List.of(scratch.resolve("lab").toString(), "explore", "-p", "1",
                    "-n", Integer.toString(chunk), "--seed", Long.toString(seed)));
            cmd.addAll(selectors);
            Process p = new ProcessBuilder(cmd).directory(scratch.toFile()).redirectErrorStream(true)
                    .redirectOutput(console.toFile()).start();
            int status = p.waitFor();
            ran++;
            String failed = null;
            for (String line : Files.readAllLines(console, StandardCharsets.UTF_8)) {
                if (line.startsWith("lab: FAILED ")) {
                    failed = line.substring("lab: FAILED ".length());
                    break;
                }
            }
            if (failed != null) {
                String test = failed.split(" ", 2)[0];
                String why = failed.contains(": ") ? failed.substring(failed.indexOf(": ") + 2) : failed;
                why = why.length() > 200 ? why.substring(0, 200) + "..." : why;
                double secs = (System.nanoTime() - start) / 1e9;
                return new Verdict(List.of(ran), ran, test, String.format(Locale.ROOT, "%s (seeds %d..%d, %.0f s)",
                        why, seed, seed + chunk - 1, secs), null, Map.of(test, 1));
            }
            if (status != 0) {
                return new Verdict(List.of(), ran, null, null, "explore exit " + status
                        + " without a failing seed (the mutant does not build?); see " + console, Map.of());
            }
            seed += chunk;
        }
        return new Verdict(List.of(), ran, null, null, null, Map.of());
    }

    /** {@return the first line that says why {@code test} failed, from its failed run's log in {@code logs}} */
    static String firstFailureLine(Path logs, String test) throws IOException {
        List<Path> failed;
        try (java.util.stream.Stream<Path> s = Files.list(logs)) {
            failed = s.filter(p -> p.getFileName().toString().startsWith(test + "_")).sorted().toList();
        }
        for (Path log : failed) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.startsWith("lab: killed:")) {
                    return l.substring("lab: ".length());
                }
                if (l.startsWith("lab: ") && l.endsWith(" failed:") && i + 1 < lines.size()) {
                    String why = lines.get(i + 1).trim().replaceFirst("^(org\\.opentest4j\\.AssertionFailedError|"
                            + "java\\.lang\\.AssertionError): ", "");
                    return why.length() > 200 ? why.substring(0, 200) + "..." : why;
                }
            }
        }
        return "(no failure line found in " + logs + ")";
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Makes {@code scratch} a copy of the repository's source files (git's tracked and untracked files), writing
     * only files that differ, so that the scratch build recompiles only what changed.
     */
    static void sync(Path repo, Path scratch) throws IOException {
        for (String rel : Handout.sourceFiles(repo)) {
            if (rel.startsWith("target/") || rel.startsWith(Zoo.DIR + "/")) {
                continue;
            }
            Path src = repo.resolve(rel);
            if (!Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Path dst = scratch.resolve(rel);
            byte[] bytes = Files.readAllBytes(src);
            if (Files.exists(dst) && Arrays.equals(bytes, Files.readAllBytes(dst))) {
                continue;
            }
            Files.createDirectories(dst.getParent());
            Files.write(dst, bytes);
            if (Files.isExecutable(src) && !dst.toFile().setExecutable(true, false)) {
                throw new IOException("cannot make " + dst + " executable");
            }
        }
    }
}
