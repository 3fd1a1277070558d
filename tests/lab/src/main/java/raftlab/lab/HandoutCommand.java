package raftlab.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab handout --out DIR [--verify]}: the student kit. */
@Command(name = "handout", mixinStandardHelpOptions = true, description = {"Generate the student kit: solution regions stripped, student code "
        + "applied; no .ci/, no soak script, no notes on the reference's performance.",
        "--verify then checks that the kit compiles, that no solution line is in it, and that every graded test "
                + "of 2, 3A, 4A, 5A, 5B and 5C fails on it in time."})
final class HandoutCommand implements Callable<Integer> {

    /** The parts whose every test must fail, in time, on the kit. */
    static final List<String> VERIFY_PARTS = List.of("2", "3A", "4A", "5A", "5B", "5C");

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the kit (new or empty).")
    Path out;

    @Option(names = "--verify", description = "Compile the kit, scan it for solution lines, run 2, 3A, 4A and 5A-5C on it.")
    boolean verify;

    @Option(names = "--no-run", description = "With --verify: compile and scan only (CI).")
    boolean noRun;

    @Option(names = "--run-limit", paramLabel = "SECONDS", defaultValue = "900",
            description = "With --verify: the overall limit for running those parts on the kit "
                    + "(default: ${DEFAULT-VALUE}).")
    long runLimitSeconds;

    @Override
    public Integer call() throws Exception {
        Path repo = LabHome.root();
        Handout.Result r = Handout.generate(repo, out);
        System.out.printf("lab: kit in %s: %d files, %d with solution regions stripped, %d left out%n", out,
                r.files().size(), r.strippedFiles().size(), r.droppedFiles().size());
        if (!verify) {
            return 0;
        }
        boolean ok = true;

        System.out.println("lab: verify 1/3: the kit compiles (mvn -q -o test-compile)");
        Process mvn = new ProcessBuilder("mvn", "-q", "-o", "-B", "test-compile").directory(out.toFile())
                .redirectErrorStream(true).start();
        String mvnOut = new String(mvn.getInputStream().readAllBytes());
        if (mvn.waitFor() != 0) {
            System.out.println("  FAILED:\n" + mvnOut);
            ok = false;
        } else {
            System.out.println("  ok");
        }

        System.out.println("lab: verify 2/3: no line of a solution region is in the kit");
        List<Handout.Leak> leaks = new ArrayList<>(Handout.leakScan(r, out));
        Zoo.leakScan(repo, out).forEach(z -> leaks.add(new Handout.Leak(z.kitFile(), z.line(), z.text(),
                Zoo.DIR + "/" + z.mutant() + Zoo.SUFFIX)));
        if (leaks.isEmpty()) {
            int n = r.solutionLines().values().stream().mapToInt(List::size).sum();
            System.out.printf("  ok (%d solution lines from %d files checked; no trace of the bug zoo)%n", n,
                    r.solutionLines().size());
        } else {
            ok = false;
            for (Handout.Leak l : leaks) {
                System.out.printf("  LEAK %s:%d (from %s): %s%n", l.kitFile(), l.line(), l.fromFile(), l.text());
            }
        }

        if (noRun) {
            System.out.println("lab: verify 3/3: skipped (--no-run)");
        } else if (ok) {
            ok = runOnKit();
        } else {
            System.out.println("lab: verify 3/3: skipped (the kit must compile and be clean first)");
        }
        System.out.println(ok ? "lab: kit verified" : "lab: kit NOT verified");
        return ok ? 0 : 1;
    }

    /** Runs the kit's own {@code ./lab grade} on the verify parts: every test must fail, none may be killed. */
    private boolean runOnKit() throws IOException, InterruptedException {
        List<String> parts = new ArrayList<>(Catalogue.kit().parts());
        parts.retainAll(VERIFY_PARTS);
        System.out.println("lab: verify 3/3: every test of " + String.join(" and ", parts)
                + " fails on the kit within its limit, none hangs (overall limit " + runLimitSeconds + " s)");
        if (parts.isEmpty()) {
            System.out.println("  no graded tests of " + VERIFY_PARTS + " yet: nothing to run");
            return true;
        }
        Files.createDirectories(out.resolve("target/lab"));
        Path json = out.resolve("target/lab/verify-results.json").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(out.resolve("lab").toAbsolutePath().toString(), "grade",
                "--plain", "--margin", "5", "--json", json.toString(), "-o",
                out.resolve("target/lab/verify-logs").toAbsolutePath().toString()));
        cmd.addAll(parts);
        Process p = new ProcessBuilder(cmd).directory(out.toFile()).redirectErrorStream(true)
                .redirectOutput(out.resolve("target/lab-verify.log").toFile()).start();
        if (!p.waitFor(runLimitSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            System.out.println("  FAILED: still running after " + runLimitSeconds + " s; see "
                    + out.resolve("target/lab-verify.log"));
            return false;
        }
        if (!Files.exists(json)) {
            System.out.println("  FAILED: no results; see " + out.resolve("target/lab-verify.log"));
            return false;
        }
        JsonNode results = new ObjectMapper().readTree(json.toFile());
        boolean ok = true;
        for (JsonNode t : results.get("tests")) {
            String name = t.get("name").asText();
            boolean failed = "failed".equals(t.get("status").asText());
            boolean killed = t.get("output").asText().contains("killed");
            String verdict = !failed ? "PASSED on the kit (should fail)" : killed ? "HUNG (killed)" : "fails, in time";
            System.out.printf("  %-60s %s%n", name.length() > 60 ? name.substring(0, 60) : name, verdict);
            ok &= failed && !killed;
        }
        System.out.println(ok ? "  ok" : "  FAILED; logs in " + out.resolve("target/lab/verify-logs"));
        return ok;
    }
}
