package raftlab.linearizability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import raftlab.labrpc.sim.Sim;

/**
 * One check: partitions the history, searches the partitions on a small pool, and combines the verdicts.
 *
 * <p>Scheduling. {@code parallelism} workers (the calling thread and a pool) take searches from a queue. A search runs for a time slice and,
 * if others are waiting, goes back to the end of the queue: a hard partition cannot starve an easy illegal one (in
 * {@code kv/c50-bad} four partitions have no verdict within seconds while six are illegal within a second, so without
 * slicing a two-thread pool could spend the whole timeout on the hard ones).
 *
 * <p>Cancellation. The first illegal partition stops every other search, in verbose mode too: Porcupine's verbose
 * mode waits for all of them and ran out of 23 GB on {@code kv/c50-bad}. The timeout stops everything and yields
 * UNKNOWN unless a partition was already illegal. A model that throws stops everything and the exception is rethrown.
 * No thread outlives the check.
 */
final class CheckRun<S, I, O> {

    /** A search keeps the processor at most this long when other partitions are waiting. */
    private static final long SLICE_NANOS = 10_000_000L;
    /** Share of the heap the memo caches of one check may fill (roughly), before they stop remembering. */
    private static final double CACHE_HEAP_SHARE = 0.25;

    private static final long NO_DEADLINE = Long.MAX_VALUE / 4;

    /** Histories shorter than this are checked on the calling thread alone. */
    private static final int INLINE_BELOW = 512;

    private static final AtomicInteger CHECK_COUNT = new AtomicInteger();

    private final Model<S, I, O> model;
    private final List<Operation<I, O>> history;
    private final CheckOptions options;
    private final boolean verbose;

    private volatile boolean stopped;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    CheckRun(Model<S, I, O> model, List<Operation<I, O>> history, CheckOptions options, boolean verbose) {
        this.model = model;
        this.history = history == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(history));
        this.options = options;
        this.verbose = verbose;
    }

    VerboseResult<I, O> run() {
        if (history == null) {
            throw new IllegalArgumentException("history is null");
        }
        Histories.validate(model, history);
        if (history.isEmpty()) {
            return new VerboseResult<>(CheckResult.OK, history, List.of());
        }
        // Times are compared by subtraction (nanoTime may be negative), so "no timeout" is a century away, not MAX_VALUE.
        Duration timeout = options.timeout();
        long deadline = Sim.nanoTime() + (timeout.isZero() || timeout.compareTo(Duration.ofNanos(NO_DEADLINE)) >= 0
                ? NO_DEADLINE : Math.max(1, timeout.toNanos()));
        List<PartitionSearch<S>> searches = partition();
        // Starting threads costs more than checking a small history (c01: a fraction of a millisecond).
        int threads = history.size() < INLINE_BELOW ? 1 : Math.min(options.parallelism(), searches.size());
        Queue<PartitionSearch<S>> queue = new ConcurrentLinkedQueue<>(searches);
        boolean interrupted = false;
        if (threads <= 1) {
            work(queue, deadline);
        } else {
            interrupted = runOnPool(queue, deadline, threads);
        }
        RuntimeException error = failure.get();
        if (error != null) {
            throw error;
        }
        CheckResult result = combine(searches);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new VerboseResult<>(result, history, partitionResults(searches));
    }

    /** {@return whether the calling thread was interrupted while waiting (the check then stops early)} */
    private boolean runOnPool(Queue<PartitionSearch<S>> queue, long deadline, int threads) {
        boolean interrupted = false;
        int check = CHECK_COUNT.incrementAndGet();
        List<Thread> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        ThreadFactory factory = body -> {
            Thread t = new Thread(body, "linearizability-check-" + check + "-" + (started.size() + 1));
            t.setDaemon(true);
            started.add(t);
            return t;
        };
        // close() waits for every worker: no thread outlives the check.
        try (ExecutorService pool = Executors.newFixedThreadPool(threads - 1, factory)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 1; i < threads; i++) {
                workers.add(pool.submit(() -> work(queue, deadline)));
            }
            work(queue, deadline); // the caller is a worker too: one thread fewer to start
            for (Future<?> f : workers) {
                while (true) {
                    try {
                        f.get();
                        break;
                    } catch (InterruptedException e) {
                        // The caller gave up: stop the searches, still wait for the workers, report UNKNOWN.
                        interrupted = true;
                        stopped = true;
                    } catch (ExecutionException e) {
                        // work() records its own failures; anything else is a bug in this class.
                        failure.compareAndSet(null, new IllegalStateException("checker worker failed", e.getCause()));
                        stopped = true;
                        break;
                    }
                }
            }
        }
        // A terminated pool's threads may still be on their way out; the promise is that none outlives the check.
        for (Thread t : started) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        return interrupted;
    }

    private void work(Queue<PartitionSearch<S>> queue, long deadline) {
        PartitionSearch<S> search;
        while (!stopped && (search = queue.poll()) != null) {
            while (true) {
                PartitionSearch.Status status;
                try {
                    long now = Sim.nanoTime();
                    status = search.run(deadline - now < SLICE_NANOS ? deadline : now + SLICE_NANOS,
                            () -> stopped || Thread.currentThread().isInterrupted());
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, new IllegalStateException(
                            "checking partition " + search.partition + " failed: " + e.getMessage(), e));
                    stopped = true;
                    return;
                }
                if (status == PartitionSearch.Status.ILLEGAL) {
                    stopped = true; // one illegal partition decides the verdict
                    return;
                }
                if (status == PartitionSearch.Status.OK) {
                    break;
                }
                // Interrupted: the caller (checking inline) gave up; the flag stays set for it to see.
                if (stopped || Thread.currentThread().isInterrupted() || Sim.nanoTime() - deadline >= 0) {
                    stopped = true;
                    return;
                }
                if (!queue.isEmpty()) {
                    queue.add(search); // let the waiting partitions have a turn
                    break;
                }
            }
        }
    }

    private List<PartitionSearch<S>> partition() {
        List<List<Operation<I, O>>> parts = model.partition(history);
        if (parts == null) {
            throw new IllegalStateException("the model's partition returned null");
        }
        Map<Operation<I, O>, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < history.size(); i++) {
            index.put(history.get(i), i);
        }
        boolean[] seen = new boolean[history.size()];
        int covered = 0;
        List<List<Operation<I, O>>> nonEmpty = new ArrayList<>();
        List<int[]> globals = new ArrayList<>();
        for (List<Operation<I, O>> part : parts) {
            int[] global = new int[part.size()];
            for (int j = 0; j < part.size(); j++) {
                Integer i = index.get(part.get(j));
                if (i == null) {
                    throw new IllegalStateException("the model's partition returned an operation that is not in the "
                            + "history (partitions must hold the history's own Operation instances): " + part.get(j));
                }
                if (seen[i]) {
                    throw new IllegalStateException("the model's partition put operation " + i + " in two places");
                }
                seen[i] = true;
                global[j] = i;
            }
            covered += part.size();
            if (!part.isEmpty()) {
                nonEmpty.add(part);
                globals.add(global);
            }
        }
        if (covered != history.size()) {
            throw new IllegalStateException("the model's partition left out " + (history.size() - covered)
                    + " operation(s)");
        }
        int cacheLimit = cacheLimit(nonEmpty);
        List<PartitionSearch<S>> searches = new ArrayList<>();
        for (int p = 0; p < nonEmpty.size(); p++) {
            searches.add(new PartitionSearch<>(p, model, nonEmpty.get(p), globals.get(p), verbose,
                    options.debugChecks(), cacheLimit));
        }
        return searches;
    }

    /** Memo entries each running search may keep: a rough share of the heap, by the widest bitset. */
    private int cacheLimit(List<List<Operation<I, O>>> parts) {
        int widest = parts.stream().mapToInt(List::size).max().orElse(0);
        long bytesPerEntry = 16 + 8L * ((widest + 63) / 64) + 24 + 64; // bitset + slots + a guess at the state
        long running = Math.min(options.parallelism(), parts.size());
        long limit = (long) (Runtime.getRuntime().maxMemory() * CACHE_HEAP_SHARE) / (running * bytesPerEntry);
        return (int) Math.max(1 << 16, Math.min(limit, 1 << 28));
    }

    private static CheckResult combine(List<? extends PartitionSearch<?>> searches) {
        boolean unfinished = false;
        for (PartitionSearch<?> s : searches) {
            switch (s.status()) {
                case ILLEGAL -> {
                    return CheckResult.ILLEGAL;
                }
                case RUNNING -> unfinished = true;
                case OK -> { }
            }
        }
        return unfinished ? CheckResult.UNKNOWN : CheckResult.OK;
    }

    private List<PartitionResult> partitionResults(List<PartitionSearch<S>> searches) {
        List<PartitionResult> results = new ArrayList<>();
        for (PartitionSearch<S> s : searches) {
            CheckResult r = switch (s.status()) {
                case OK -> CheckResult.OK;
                case ILLEGAL -> CheckResult.ILLEGAL;
                case RUNNING -> CheckResult.UNKNOWN;
            };
            List<Integer> ops = new ArrayList<>(s.globalIndex.length);
            for (int g : s.globalIndex) {
                ops.add(g);
            }
            Optional<List<Integer>> witness = r == CheckResult.OK ? Optional.of(s.witness()) : Optional.empty();
            results.add(new PartitionResult(r, ops, s.partialLinearizations(), witness));
        }
        return results;
    }
}
