package raftlab.linearizability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import raftlab.labrpc.sim.Sim;

/**
 * The search for a linearization of one partition: Wing &amp; Gong's backtracking, with Lowe's memo and
 * just-in-time linearization, as Porcupine's {@code checkSingle} does it.
 *
 * <p>The history is a doubly linked list of call and return entries in time order (calls before returns at equal
 * times, since intervals are closed). The list always holds exactly the operations not yet linearized. The calls
 * before the first remaining return are the candidates for the next linearization point: an operation whose return
 * comes earlier must be linearized before them. The scan tries each candidate; a legal step to an unexplored
 * configuration lifts the operation out of the list (O(1)), pushes it, and restarts the scan at the head. Reaching
 * a return means no candidate works: pop the last choice, relink it (O(1)), and try the candidate after it.
 *
 * <p>The list lives in int arrays (entry {@code e} is a node; {@code head} is a sentinel) and the set of linearized
 * operations in a {@code long[]} bitset whose hash is kept incrementally (Zobrist: one random word per operation,
 * XORed in and out), so a step costs no allocation beyond the model's.
 *
 * <p>The search is resumable: {@link #run} returns {@link Status#RUNNING} when its time slice ends or it is told to
 * stop, and the next call continues where it left off. That lets a small pool share many partitions fairly.
 */
final class PartitionSearch<S> {

    enum Status { RUNNING, OK, ILLEGAL }

    private static final int NIL = -1;
    /** How many loop iterations run between two looks at the clock and the stop flag. */
    private static final int CHECK_EVERY = 1024;

    final int partition;
    /** Global index (in the caller's history) of each local operation. */
    final int[] globalIndex;

    private final Model<S, Object, Object> model;
    private final Object[] inputs;
    private final Object[] outputs;
    private final boolean verbose;
    private final boolean debugChecks;

    private final int head;
    private final int[] next;
    private final int[] prev;
    /** For a call entry its return entry; {@link #NIL} for a return entry. */
    private final int[] match;
    private final int[] opOf;

    private final long[] linearized;
    private final long[] zobrist;
    private long linearizedHash;
    private final MemoCache<S> cache;

    private final int[] stackEntry;
    private final Object[] stackState;
    private int depth;

    private S state;
    private int entry;
    private Status status = Status.RUNNING;
    private long iterations;

    /** Verbose only: per operation, the longest stack (as local op ids) seen containing it; shared arrays. */
    private final int[][] longest;

    PartitionSearch(int partition, Model<S, ?, ?> model, List<? extends Operation<?, ?>> ops, int[] globalIndex,
                    boolean verbose, boolean debugChecks, int cacheLimit) {
        @SuppressWarnings("unchecked")
        Model<S, Object, Object> m = (Model<S, Object, Object>) model;
        this.partition = partition;
        this.model = m;
        this.globalIndex = globalIndex;
        this.verbose = verbose;
        this.debugChecks = debugChecks;
        int n = ops.size();
        inputs = new Object[n];
        outputs = new Object[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = ops.get(i).input();
            outputs[i] = ops.get(i).output();
        }

        // Entries sorted by time; at equal times calls (kind 0) before returns (kind 1), then by op for determinism.
        long[][] sortKeys = new long[2 * n][];
        for (int i = 0; i < n; i++) {
            sortKeys[2 * i] = new long[] {ops.get(i).call(), 0, i};
            sortKeys[2 * i + 1] = new long[] {ops.get(i).returned(), 1, i};
        }
        Arrays.sort(sortKeys, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
        head = 2 * n;
        next = new int[2 * n + 1];
        prev = new int[2 * n + 1];
        match = new int[2 * n + 1];
        opOf = new int[2 * n + 1];
        int[] callEntry = new int[n];
        for (int e = 0; e < 2 * n; e++) {
            int op = (int) sortKeys[e][2];
            opOf[e] = op;
            match[e] = NIL;
            if (sortKeys[e][1] == 0) {
                callEntry[op] = e;
            } else {
                match[callEntry[op]] = e;
            }
            next[e] = e + 1 < 2 * n ? e + 1 : NIL;
            prev[e] = e == 0 ? head : e - 1;
        }
        next[head] = n == 0 ? NIL : 0;
        match[head] = NIL;
        opOf[head] = NIL;

        linearized = new long[(n + 63) >>> 6];
        zobrist = new long[n];
        SplittableRandom random = new SplittableRandom(0x6c696e6561726973L ^ n);
        for (int i = 0; i < n; i++) {
            zobrist[i] = random.nextLong();
        }
        cache = new MemoCache<>(m, cacheLimit);
        stackEntry = new int[n];
        stackState = new Object[n];
        state = m.init();
        entry = next[head];
        longest = verbose ? new int[n][] : null;
    }

    Status status() {
        return status;
    }

    int size() {
        return inputs.length;
    }

    long iterations() {
        return iterations;
    }

    /**
     * Searches until a verdict, until {@code sliceEnd} (a {@link Sim#nanoTime()} value), or until {@code stop} says
     * so, whichever comes first.
     */
    Status run(long sliceEnd, BooleanSupplier stop) {
        if (status != Status.RUNNING) {
            return status;
        }
        int countdown = CHECK_EVERY;
        while (next[head] != NIL) {
            if (--countdown == 0) {
                countdown = CHECK_EVERY;
                if (stop.getAsBoolean() || Sim.nanoTime() - sliceEnd >= 0) {
                    return Status.RUNNING;
                }
            }
            iterations++;
            int e = entry;
            int ret = match[e];
            if (ret != NIL) {
                int op = opOf[e];
                S nextState = step(op);
                if (nextState != null) {
                    linearized[op >>> 6] |= 1L << op;
                    linearizedHash ^= zobrist[op];
                    if (cache.add(linearized, linearizedHash, nextState, model.hash(nextState))) {
                        stackEntry[depth] = e;
                        stackState[depth] = state;
                        depth++;
                        state = nextState;
                        lift(e, ret);
                        entry = next[head];
                        continue;
                    }
                    linearized[op >>> 6] &= ~(1L << op);
                    linearizedHash ^= zobrist[op];
                }
                entry = next[e];
            } else {
                if (depth == 0) {
                    status = Status.ILLEGAL;
                    return status;
                }
                if (verbose) {
                    recordLongest();
                }
                depth--;
                int call = stackEntry[depth];
                @SuppressWarnings("unchecked")
                S before = (S) stackState[depth];
                state = before;
                stackState[depth] = null;
                int op = opOf[call];
                linearized[op >>> 6] &= ~(1L << op);
                linearizedHash ^= zobrist[op];
                unlift(call, match[call]);
                entry = next[call];
            }
        }
        status = Status.OK;
        if (verbose) {
            recordLongest();
        }
        return status;
    }

    /** {@return the next state, or {@code null} if the operation is illegal in the current state} */
    private S step(int op) {
        long hashBefore = 0;
        String described = null;
        if (debugChecks) {
            hashBefore = model.hash(state);
            described = model.describeState(state);
        }
        Step<S> result;
        try {
            result = model.step(state, inputs[op], outputs[op]);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the model's step threw on " + inputs[op] + " -> " + outputs[op]
                    + " in state " + safeDescribe(state) + ": " + e, e);
        }
        if (debugChecks && (model.hash(state) != hashBefore || !model.describeState(state).equals(described))) {
            throw new IllegalStateException("the model's step mutated its input state (was " + described + ", now "
                    + model.describeState(state) + ") on " + inputs[op] + " -> " + outputs[op]
                    + "; step must be pure");
        }
        return switch (result) {
            case Step.Legal<S> legal -> {
                if (legal.next() == null) {
                    throw new IllegalStateException("the model's step returned a null next state on " + inputs[op]
                            + " -> " + outputs[op]);
                }
                yield legal.next();
            }
            case Step.Illegal<S> illegal -> null;
            case null -> throw new IllegalStateException("the model's step returned null on " + inputs[op] + " -> "
                    + outputs[op] + "; return Step.illegal() for an illegal operation");
        };
    }

    private String safeDescribe(S s) {
        try {
            return model.describeState(s);
        } catch (RuntimeException e) {
            return String.valueOf(s);
        }
    }

    /** Unlinks a call entry and its return entry. */
    private void lift(int call, int ret) {
        next[prev[call]] = next[call];
        if (next[call] != NIL) {
            prev[next[call]] = prev[call];
        }
        next[prev[ret]] = next[ret];
        if (next[ret] != NIL) {
            prev[next[ret]] = prev[ret];
        }
    }

    /** Relinks them, in the reverse order of {@link #lift}: each node still knows its old neighbours. */
    private void unlift(int call, int ret) {
        next[prev[ret]] = ret;
        if (next[ret] != NIL) {
            prev[next[ret]] = ret;
        }
        next[prev[call]] = call;
        if (next[call] != NIL) {
            prev[next[call]] = call;
        }
    }

    /**
     * At a dead end, the current stack is a partial linearization; make it the longest known for each operation in
     * it that had a shorter one. One array is shared by all the operations it improves, as in Porcupine.
     */
    private void recordLongest() {
        int[] seq = null;
        for (int i = 0; i < depth; i++) {
            int op = opOf[stackEntry[i]];
            if (longest[op] == null || longest[op].length < depth) {
                if (seq == null) {
                    seq = new int[depth];
                    for (int j = 0; j < depth; j++) {
                        seq[j] = opOf[stackEntry[j]];
                    }
                }
                longest[op] = seq;
            }
        }
    }

    /** {@return the distinct longest partial linearizations, longest first, as global operation indexes} */
    List<List<Integer>> partialLinearizations() {
        if (!verbose) {
            return List.of();
        }
        Map<int[], Boolean> distinct = new IdentityHashMap<>();
        List<int[]> seqs = new ArrayList<>();
        for (int[] seq : longest) {
            if (seq != null && distinct.put(seq, Boolean.TRUE) == null) {
                seqs.add(seq);
            }
        }
        seqs.sort((a, b) -> Integer.compare(b.length, a.length));
        List<List<Integer>> result = new ArrayList<>();
        for (int[] seq : seqs) {
            result.add(toGlobal(seq, seq.length));
        }
        return Collections.unmodifiableList(result);
    }

    /** {@return the linearization found, as global operation indexes; only after {@link Status#OK}} */
    List<Integer> witness() {
        if (status != Status.OK) {
            throw new IllegalStateException("no witness: status " + status);
        }
        int[] seq = new int[depth];
        for (int j = 0; j < depth; j++) {
            seq[j] = opOf[stackEntry[j]];
        }
        return toGlobal(seq, depth);
    }

    private List<Integer> toGlobal(int[] seq, int length) {
        Integer[] global = new Integer[length];
        for (int j = 0; j < length; j++) {
            global[j] = globalIndex[seq[j]];
        }
        return List.of(global);
    }
}
