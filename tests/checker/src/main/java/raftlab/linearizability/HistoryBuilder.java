package raftlab.linearizability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds a history from a log read line by line: each client calls, then its call returns, never returns, or is
 * known to have had no effect. A parser for a new log format only maps its lines to these calls:
 * <pre>{@code
 * HistoryBuilder<Input, Output> h = HistoryBuilder.inLogOrder();
 * for (Line l : lines) {
 *     switch (l.type()) {
 *         case "invoke" -> h.call(l.process(), input(l));
 *         case "ok"     -> h.returned(l.process(), output(l));
 *         case "info"   -> h.neverReturned(l.process(), Output.UNKNOWN); // timed out: may or may not have happened
 *         case "fail"   -> h.noEffect(l.process());                      // certainly did not happen
 *     }
 * }
 * CheckResult r = Linearizability.check(model, h.build(), Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>A client makes one call at a time (concurrent calls come from different clients), so a return or a give-up
 * names the client, not an id. Times come from one of two clocks, chosen when the builder is made:
 * {@link #inLogOrder()} times each call and return by its position in the log (only the order is known, as for
 * {@link Event} histories), and {@link #timed()} takes a time with every call and return. Operations come out in
 * the order of their calls. Not thread-safe: for clients recording concurrently, see {@link HistoryRecorder}.
 *
 * <p>Misuse fails at once with {@link IllegalArgumentException} naming the log position: a second call while the
 * client's first is open, a return with no open call, a return time before the call time, a call or return
 * without a time on a timed builder (or with one on a log-order builder).
 *
 * @param <I> operation input
 * @param <O> operation output
 */
public final class HistoryBuilder<I, O> {

    private record Open<I>(int slot, I input, long call, int position) {}

    private final boolean timed;
    private final Map<Integer, Open<I>> open = new LinkedHashMap<>();
    /** Operations in call order; {@code null} while a call is open, removed slots stay null until build. */
    private final List<Operation<I, O>> operations = new ArrayList<>();
    private int position;

    private HistoryBuilder(boolean timed) {
        this.timed = timed;
    }

    /** {@return a builder that times each call and return by its position in the log (0, 1, 2, ...)} */
    public static <I, O> HistoryBuilder<I, O> inLogOrder() {
        return new HistoryBuilder<>(false);
    }

    /** {@return a builder that takes an explicit time with each call and return (any unit; only order matters)} */
    public static <I, O> HistoryBuilder<I, O> timed() {
        return new HistoryBuilder<>(true);
    }

    /** Records that {@code clientId} called with {@code input} (log-order builder). */
    public HistoryBuilder<I, O> call(int clientId, I input) {
        requireClock(false, "call");
        return doCall(clientId, input, position);
    }

    /** Records that {@code clientId} called with {@code input} at {@code time} (timed builder). */
    public HistoryBuilder<I, O> call(int clientId, I input, long time) {
        requireClock(true, "call");
        return doCall(clientId, input, time);
    }

    /** Records that the open call of {@code clientId} returned {@code output} (log-order builder). */
    public HistoryBuilder<I, O> returned(int clientId, O output) {
        requireClock(false, "return");
        return doReturn(clientId, output, position);
    }

    /** Records that the open call of {@code clientId} returned {@code output} at {@code time} (timed builder). */
    public HistoryBuilder<I, O> returned(int clientId, O output, long time) {
        requireClock(true, "return");
        return doReturn(clientId, output, time);
    }

    /**
     * Records that the open call of {@code clientId} never returned (a timeout, a crash): it may or may not have
     * taken effect, at any time after its call. {@code unknownOutput} must be an output the model accepts either
     * way (see {@link Operation#neverReturned}). The client may call again afterwards.
     */
    public HistoryBuilder<I, O> neverReturned(int clientId, O unknownOutput) {
        Open<I> call = take(clientId, "gave up");
        operations.set(call.slot(), Operation.neverReturned(clientId, call.input(), call.call(), unknownOutput));
        position++;
        return this;
    }

    /**
     * Records that the open call of {@code clientId} certainly had no effect (Jepsen's {@code :fail}): it is left
     * out of the history, which is exactly right for an operation that did not happen.
     */
    public HistoryBuilder<I, O> noEffect(int clientId) {
        take(clientId, "had no effect");
        position++;
        return this;
    }

    /** {@return the clients whose call is still open, in the order of their calls} */
    public List<Integer> pendingClients() {
        return List.copyOf(open.keySet());
    }

    /**
     * {@return the history, operations in call order}
     *
     * @throws IllegalStateException if a call is still open; close it with {@link #neverReturned} or use
     *                               {@link #build(Function)}
     */
    public List<Operation<I, O>> build() {
        if (!open.isEmpty()) {
            var first = open.entrySet().iterator().next();
            throw new IllegalStateException(open.size() + " call(s) still open, the first by client " + first.getKey()
                    + " (" + first.getValue().input() + ", log position " + first.getValue().position()
                    + "); close them with neverReturned(client, unknownOutput) or build(input -> unknownOutput)");
        }
        return operations.stream().filter(Objects::nonNull).toList();
    }

    /**
     * {@return the history, with every call still open closed as {@linkplain #neverReturned never returned}, with
     * the output {@code unknownOutput} gives for its input}
     */
    public List<Operation<I, O>> build(Function<? super I, ? extends O> unknownOutput) {
        for (Integer client : pendingClients()) {
            neverReturned(client, unknownOutput.apply(open.get(client).input()));
        }
        return build();
    }

    private HistoryBuilder<I, O> doCall(int clientId, I input, long time) {
        Open<I> already = open.get(clientId);
        if (already != null) {
            throw new IllegalArgumentException("log position " + position + ": client " + clientId + " called ("
                    + input + ") while its call at log position " + already.position() + " (" + already.input()
                    + ") is still open; a client makes one call at a time: close that call first (returned, "
                    + "neverReturned, noEffect), or give concurrent calls different client ids");
        }
        open.put(clientId, new Open<>(operations.size(), input, time, position));
        operations.add(null);
        position++;
        return this;
    }

    private HistoryBuilder<I, O> doReturn(int clientId, O output, long time) {
        Open<I> call = open.get(clientId);
        if (call != null && time < call.call()) {
            throw new IllegalArgumentException("log position " + position + ": client " + clientId + " returned at "
                    + time + ", before its call at " + call.call());
        }
        take(clientId, "returned");
        operations.set(call.slot(), new Operation<>(clientId, call.input(), call.call(), output, time));
        position++;
        return this;
    }

    private Open<I> take(int clientId, String what) {
        Open<I> call = open.remove(clientId);
        if (call == null) {
            throw new IllegalArgumentException("log position " + position + ": client " + clientId + " " + what
                    + " but has no open call");
        }
        return call;
    }

    private void requireClock(boolean withTime, String what) {
        if (withTime != timed) {
            throw new IllegalArgumentException("log position " + position + ": a " + what
                    + (withTime ? " with a time on a log-order builder (HistoryBuilder.inLogOrder() times events by "
                    + "position; use HistoryBuilder.timed() for explicit times)"
                    : " without a time on a timed builder (HistoryBuilder.timed() needs a time with every call and "
                    + "return; use HistoryBuilder.inLogOrder() to time by position)"));
        }
    }
}
