package raftlab.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab gradescope --out DIR}: a Gradescope autograder. {@code DIR} gets {@code setup.sh},
 * {@code run_autograder}, {@code grading.conf}, the student kit in {@code kit/}, and all of it zipped as
 * {@code autograder.zip} (upload that).
 */
@Command(name = "gradescope", mixinStandardHelpOptions = true, description = {"Build a Gradescope autograder bundle (autograder.zip): setup.sh "
        + "installs a JDK 21 and Maven, run_autograder grades /autograder/submission on the official kit and writes "
        + "/autograder/results/results.json."})
final class GradescopeCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the bundle (new or empty).")
    Path out;

    @Option(names = {"-n", "--runs"}, paramLabel = "RUNS", defaultValue = "1",
            description = "Runs per test when grading (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = {"-p", "--parallel"}, paramLabel = "PARALLEL", defaultValue = "2",
            description = "Forked JVMs at once on Gradescope (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Parameters(arity = "0..*", paramLabel = "SELECTOR", description = "What to grade (default: every test).")
    List<String> selectors = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Catalogue.kit().select(selectors);           // fail now on a bad selector, not on Gradescope
        Path kit = out.resolve("kit");
        Handout.Result r = Handout.generate(LabHome.root(), kit);
        write(out.resolve("setup.sh"), setupScript(), true);
        write(out.resolve("run_autograder"), runScript(), true);
        write(out.resolve("grading.conf"), conf(runs, parallel, selectors), false);
        Path zip = out.resolve("autograder.zip");
        zip(out, zip);
        System.out.printf("lab: Gradescope autograder in %s (kit of %d files); upload %s%n", out, r.files().size(),
                zip);
        return 0;
    }

    static String conf(int runs, int parallel, List<String> selectors) {
        return "# Read by run_autograder. Change and re-zip, or regenerate with ./lab gradescope.\n"
                + "RUNS=" + runs + "\nPARALLEL=" + parallel + "\nSELECTORS=\"" + String.join(" ", selectors) + "\"\n";
    }

    private static void write(Path file, String text, boolean executable) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        if (executable && !file.toFile().setExecutable(true, false)) {
            throw new IOException("cannot make " + file + " executable");
        }
    }

    static String setupScript() {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this once when building the autograder image (Ubuntu). It installs a JDK 21+ and
                # Maven, then builds the kit once so that every Maven dependency is in the image.
                set -euo pipefail
                ROOT=${AUTOGRADER_ROOT:-/autograder}
                chmod +x "$ROOT/source/run_autograder" "$ROOT/source/kit/lab" "$ROOT/source/kit/scripts/"*   # zip drops modes
                if ! "$ROOT/source/kit/scripts/find-java21" >/dev/null 2>&1; then
                  apt-get update
                  apt-get install -y --no-install-recommends openjdk-21-jdk-headless
                fi
                if ! command -v mvn >/dev/null 2>&1; then
                  apt-get install -y --no-install-recommends maven
                fi
                cd "$ROOT/source/kit"
                ./lab list >/dev/null     # builds the ./lab tool
                # and the rest of the kit as ./lab test and grade build it, so every dependency is in the image
                mvn -q -B -pl tests/lab,tests/graded -am test-compile dependency:build-classpath
                echo "setup: JDK, Maven and the kit's dependencies are ready"
                """;
    }

    static String runScript() {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this for every submission. It grades the student's kvsrv/, raft/, rsm/, kvraft/ and
                # shardkv/ sources (only those) on a fresh copy of the official kit and writes results.json. AUTOGRADER_ROOT
                # replaces /autograder for a local trial run.
                set -uo pipefail
                ROOT=${AUTOGRADER_ROOT:-/autograder}
                source "$ROOT/source/grading.conf"
                mkdir -p "$ROOT/results"
                results="$ROOT/results/results.json"
                rm -f "$results"
                submission="$ROOT/submission"
                # A submission may be the whole repository or a folder inside the zip: find the folder with raft/.
                if [ ! -d "$submission/raft" ]; then
                  found=$(find "$submission" -maxdepth 3 -type d -name raft -path '*/raft' | head -1)
                  [ -n "$found" ] && submission=$(dirname "$found")
                fi
                cd "$ROOT/source/kit"
                chmod +x lab scripts/*
                # shellcheck disable=SC2086
                ./lab grade --plain --submission "$submission" --json "$results" -n "$RUNS" -p "$PARALLEL" \\
                  $SELECTORS 2>&1 | tee "$ROOT/results/grade.log"
                if [ ! -s "$results" ]; then
                  # The build failed (a compile error) or the run died: say so, with the end of the log.
                  python3 - "$results" "$ROOT/results/grade.log" <<'PY'
                import json, sys
                log = open(sys.argv[2], errors="replace").read()[-20000:]
                json.dump({"score": 0, "output": "Grading did not finish; most likely the code does not compile.\\n\\n" + log,
                           "visibility": "visible", "stdout_visibility": "visible", "tests": []}, open(sys.argv[1], "w"))
                PY
                fi
                exit 0
                """;
    }

    private static void zip(Path dir, Path zip) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !p.equals(zip)).sorted()
                    .toList();
        }
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Path f : files) {
                z.putNextEntry(new ZipEntry(Handout.rel(dir, f)));
                Files.copy(f, z);
                z.closeEntry();
            }
        }
    }
}
