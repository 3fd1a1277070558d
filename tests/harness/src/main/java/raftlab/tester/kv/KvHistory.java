package raftlab.tester.kv;

import java.time.Duration;
import java.util.List;
import raftlab.labrpc.sim.Sim;
import raftlab.linearizability.Annotation;
import raftlab.linearizability.CheckResult;
import raftlab.linearizability.Linearizability;
import raftlab.linearizability.Operation;
import raftlab.linearizability.VerboseResult;
import raftlab.linearizability.kv.Err;
import raftlab.linearizability.kv.KvInput;
import raftlab.linearizability.kv.KvOutput;
import raftlab.linearizability.kv.KvOutput.GetResult;
import raftlab.linearizability.kv.VersionedKvModel;
import raftlab.linearizability.view.Visualization;
import raftlab.tester.Config;
import raftlab.tester.Timeline;
import raftlab.tester.TimelineEvent;

/**
 * The history of every clerk operation of a KV test and its linearizability check (MIT's {@code porcupine.go}).
 * Operations are timed in the timeline's clock (nanoseconds since the Unix epoch), so that the history view can
 * draw the harness's annotations (partitions, crashes, checker results) next to them. The history is never reset
 * within a test: every check covers everything recorded so far.
 *
 * <p>The three KV testers (Labs 2, 4 and 5) record through {@link KvClients}, whose clerks
 * ({@link VersionedKvClerk}) already answer in the checker's types.
 */
public final class KvHistory {

    /** MIT's {@code linearizabilityCheckTimeout}. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

    private static final VersionedKvModel MODEL = new VersionedKvModel();

    private final Config config;
    private final List<Operation<KvInput, KvOutput>> operations = new java.util.ArrayList<>();  // guarded by this

    /** An empty history of {@code config}'s test. */
    public KvHistory(Config config) {
        this.config = config;
    }

    /** {@return the current time as the history records it} */
    public long now() {
        return config.timeline().timestamp();
    }

    /**
     * Records a Get by {@code client} that returned {@code reply}, called at {@code call} and returned at {@code ret}
     * (both from {@link #now()}).
     */
    public void recordGet(int client, String key, long call, GetResult reply, long ret) {
        add(new Operation<>(client, new KvInput.Get(key), call, reply, ret));
    }

    /** Records a Put by {@code client} that returned {@code err}; see {@link #recordGet}. */
    public void recordPut(int client, String key, String value, long version, long call, Err err, long ret) {
        add(new Operation<>(client, new KvInput.Put(key, value, version), call, new KvOutput.PutResult(err), ret));
    }

    private synchronized void add(Operation<KvInput, KvOutput> op) {
        operations.add(op);
    }

    synchronized List<Operation<KvInput, KvOutput>> operations() {
        return List.copyOf(operations);
    }

    /**
     * Checks the history so far, with MIT's 1-second timeout, and prints the verdict and how long the check took.
     * An illegal history writes the history view (with the timeline's annotations) unless {@code VIS_ENABLE=never},
     * prints its path, and fails the test; a check that times out passes with an {@code info:} line, as MIT's does.
     */
    public void check() {
        check(CHECK_TIMEOUT);
    }

    /** Checks the history so far, like {@link #check()} but with the time limit {@code timeout}. */
    public void check(Duration timeout) {
        List<Operation<KvInput, KvOutput>> history = operations();
        Timeline timeline = config.timeline();
        timeline.checkerBegin("linearizability check of " + history.size() + " operations");
        long start = Sim.nanoTime();
        VerboseResult<KvInput, KvOutput> result = Linearizability.checkVerbose(MODEL, history, timeout);
        double millis = (Sim.nanoTime() - start) / 1e6;
        System.out.printf("info: linearizability check of %d operations: %s in %.1f ms%n", history.size(),
                result.result(), millis);
        switch (result.result()) {
            case OK -> timeline.checkerSuccess("linearizable", "the history is linearizable");
            case UNKNOWN -> {
                timeline.checkerNeutral("timed out", "linearizability check timed out");
                System.out.println("info: linearizability check timed out, assuming history is ok");
            }
            case ILLEGAL -> timeline.checkerFailure("not linearizable", "the history is not linearizable");
        }
        if (result.result() == CheckResult.ILLEGAL || timeline.isFinalized()) {
            List<Annotation> annotations = annotations(timeline.finish(
                    result.result() == CheckResult.ILLEGAL ? "test failed" : "test passed"));
            Visualization.writeIfNeeded(MODEL, result, annotations, System.out);
        }
        if (result.result() == CheckResult.ILLEGAL) {
            throw config.fatalf("history is not linearizable");
        }
    }

    private static List<Annotation> annotations(List<TimelineEvent> events) {
        return events.stream().map(e -> new Annotation(e.tag(), e.startNanos(), e.endNanos(), e.description(),
                e.details(), e.kind().color())).toList();
    }
}
