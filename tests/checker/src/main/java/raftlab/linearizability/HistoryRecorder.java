package raftlab.linearizability;

import java.util.ArrayList;
import java.util.List;

import raftlab.labrpc.sim.Sim;

/**
 * Collects the operations of concurrent clients, timed with {@link Sim#nanoTime()}. Thread-safe.
 *
 * <pre>{@code
 * long call = recorder.begin();
 * KvOutput out = clerk.get(key);            // the real call
 * recorder.end(clientId, new Get(key), call, out);
 * }</pre>
 *
 * <p>Take the call time before sending the request and the return time after the reply arrives: the interval must
 * contain the moment the service applied the operation, or the checker reports a false violation.
 */
public final class HistoryRecorder<I, O> {

    private final List<Operation<I, O>> operations = new ArrayList<>();

    /** {@return the call time of an operation about to start} */
    public long begin() {
        return Sim.nanoTime();
    }

    /** Records an operation that returned now. */
    public void end(int clientId, I input, long callTime, O output) {
        record(new Operation<>(clientId, input, callTime, output, Sim.nanoTime()));
    }

    /** Records an operation whose call never returned (see {@link Operation#neverReturned}). */
    public void neverReturned(int clientId, I input, long callTime, O unknownOutput) {
        record(Operation.neverReturned(clientId, input, callTime, unknownOutput));
    }

    /** Records an operation with explicit times. */
    public void record(int clientId, I input, long callTime, O output, long returnTime) {
        record(new Operation<>(clientId, input, callTime, output, returnTime));
    }

    /** Records an operation. */
    public synchronized void record(Operation<I, O> operation) {
        operations.add(operation);
    }

    /** {@return a snapshot of the operations recorded so far, in recording order} */
    public synchronized List<Operation<I, O>> history() {
        return List.copyOf(operations);
    }

    /** {@return how many operations were recorded} */
    public synchronized int size() {
        return operations.size();
    }
}
