package raftlab.linearizability.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import raftlab.linearizability.CheckOptions;
import raftlab.linearizability.CheckResult;
import raftlab.linearizability.Histories;
import raftlab.linearizability.Linearizability;
import raftlab.linearizability.Operation;
import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvInput;
import raftlab.linearizability.kv.KvOutput;
import raftlab.linearizability.kv.KvState;
import raftlab.linearizability.kv.VersionedKvModel;
import raftlab.linearizability.kvlog.AppendKvMapModel;
import raftlab.linearizability.kvlog.AppendKvModel;
import raftlab.linearizability.kvlog.KvLogs;
import raftlab.linearizability.kvlog.LogKvInput;
import raftlab.linearizability.kvlog.LogKvOutput;
import raftlab.linearizability.view.HistoryView;

/**
 * Check times on Porcupine's kv histories and a synthetic large one, parsing excluded: the median of several runs
 * after warm-up runs. Run with {@code scripts/bench tests raftlab.linearizability.bench.CheckerBenchmark}.
 *
 * <p>Porcupine v1.3.0 (Go 1.19.8) on the same kind of 2-core machine: c50-ok 575 ms (one verbose run 287 ms),
 * c50-bad 81 ms, c10-ok 3 ms, c10-ok unpartitioned 4.2 s. Targets: c50-ok at most 290 ms, c10-ok unpartitioned at
 * most 2 s.
 */
public final class CheckerBenchmark {

    private CheckerBenchmark() {}

    public static void main(String[] args) {
        System.out.printf("# CheckerBenchmark %s, %s %s, %d processors, max heap %d MB%n", LocalDate.now(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%-34s %-8s %10s %10s %10s  %s%n", "case", "verdict", "median ms", "min ms", "max ms",
                "runs");
        AppendKvModel partitioned = new AppendKvModel();
        AppendKvMapModel whole = new AppendKvMapModel();
        Map<String, List<Operation<LogKvInput, LogKvOutput>>> kv = new HashMap<>();
        for (String f : List.of("c01-ok", "c01-bad", "c10-ok", "c10-bad", "c50-ok", "c50-bad")) {
            kv.put(f, Histories.fromEvents(KvLogs.load(f)));
        }
        for (String f : List.of("c01-ok", "c01-bad", "c10-ok", "c10-bad", "c50-ok", "c50-bad")) {
            boolean big = f.startsWith("c50");
            measure("kv/" + f + " partitioned", big ? 5 : 50, big ? 15 : 100,
                    () -> Linearizability.check(partitioned, kv.get(f), Duration.ZERO));
        }
        for (String f : List.of("c01-ok", "c01-bad", "c10-ok", "c10-bad")) {
            boolean big = f.startsWith("c10");
            measure("kv/" + f + " unpartitioned", big ? 2 : 50, big ? 5 : 100,
                    () -> Linearizability.check(whole, kv.get(f), Duration.ZERO));
        }
        measure("kv/c50-ok partitioned, 1 thread", 3, 9, () -> Linearizability.check(partitioned, kv.get("c50-ok"),
                CheckOptions.withTimeout(Duration.ZERO).parallelism(1)));
        measure("kv/c50-ok verbose", 3, 7,
                () -> Linearizability.checkVerbose(partitioned, kv.get("c50-ok"), Duration.ZERO).result());
        measure("kv/c50-bad verbose, 1 s timeout", 3, 7,
                () -> Linearizability.checkVerbose(partitioned, kv.get("c50-bad"), Duration.ofSeconds(1)).result());

        var verboseOk = Linearizability.checkVerbose(partitioned, kv.get("c50-ok"), Duration.ZERO);
        measure("view of verbose c50-ok (HTML)", 3, 7, () -> {
            HistoryView.render(partitioned, verboseOk, List.of());
            return verboseOk.result();
        });
        System.out.printf("  (page size %d KB)%n", HistoryView.render(partitioned, verboseOk, List.of()).length() / 1024);

        List<Operation<KvInput, KvOutput>> synthetic = synthetic(new Random(42), 20, 500, 10);
        VersionedKvModel versioned = new VersionedKvModel();
        measure("synthetic 20x500 on 10 keys", 3, 9, () -> Linearizability.check(versioned, synthetic, Duration.ZERO));
        measure("synthetic 20x500 verbose", 2, 5,
                () -> Linearizability.checkVerbose(versioned, synthetic, Duration.ZERO).result());
    }

    private static void measure(String name, int warmups, int runs, Supplier<CheckResult> check) {
        CheckResult verdict = null;
        for (int i = 0; i < warmups; i++) {
            verdict = check.get();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            CheckResult r = check.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (verdict != null && r != verdict) {
                throw new IllegalStateException(name + ": verdict changed from " + verdict + " to " + r);
            }
            verdict = r;
        }
        Arrays.sort(ms);
        System.out.printf("%-34s %-8s %10.2f %10.2f %10.2f  %d (+%d warm-up)%n", name, verdict, ms[runs / 2], ms[0],
                ms[runs - 1], runs, warmups);
    }

    /**
     * {@code clients} clients each doing {@code perClient} back-to-back operations (so all clients overlap all the
     * time, as in the KV suites), on {@code keys} keys; each takes effect at a random moment inside its interval,
     * and outputs come from running a sequential versioned KV in that order. Mostly Puts at the current version,
     * some stale ones (ErrVersion), half Gets. Linearizable by construction.
     */
    static List<Operation<KvInput, KvOutput>> synthetic(Random random, int clients, int perClient, int keys) {
        record Slot(int client, long call, long effect, long ret) {}
        List<Slot> slots = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long t = random.nextInt(1000);
            for (int i = 0; i < perClient; i++) {
                long call = t + random.nextInt(50);
                long ret = call + 100 + random.nextInt(2000);
                slots.add(new Slot(c, call, call + 1 + random.nextLong(ret - call), ret));
                t = ret;
            }
        }
        slots.sort((a, b) -> Long.compare(a.effect(), b.effect()));
        Map<String, KvState> store = new HashMap<>();
        List<Operation<KvInput, KvOutput>> history = new ArrayList<>();
        int n = 0;
        for (Slot s : slots) {
            String key = "k" + random.nextInt(keys);
            KvState state = store.getOrDefault(key, new KvState("", 0));
            KvInput input;
            KvOutput output;
            if (random.nextBoolean()) {
                input = new KvInput.Get(key);
                output = new KvOutput.GetResult(state.value(), state.version(),
                        state.version() == 0 ? Err.ErrNoKey : Err.OK);
            } else if (random.nextInt(4) == 0 && state.version() > 0) {
                input = new KvInput.Put(key, "v" + n, state.version() - 1);
                output = new KvOutput.PutResult(Err.ErrVersion);
            } else {
                input = new KvInput.Put(key, "v" + n, state.version());
                output = new KvOutput.PutResult(Err.OK);
                store.put(key, new KvState("v" + n, state.version() + 1));
            }
            n++;
            history.add(new Operation<>(s.client(), input, s.call(), output, s.ret()));
        }
        return history;
    }

}
