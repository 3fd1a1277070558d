package raftlab.linearizability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Conversions and sanity checks for histories. */
public final class Histories {

    private Histories() {}

    /**
     * Turns an event list into operations, each timed by the positions of its call and return in the list, so the
     * relative order is all that is kept. Operations come out in the order of their calls.
     *
     * @throws IllegalArgumentException for a return without a call, a call id used twice, a second return, or a call
     *                                  that never returned (close those with {@link #completePending})
     */
    public static <I, O> List<Operation<I, O>> fromEvents(List<? extends Event<I, O>> events) {
        record Open<I>(int clientId, I input, long call) {}
        Map<Integer, Open<I>> open = new LinkedHashMap<>();
        Map<Integer, Integer> slot = new HashMap<>();
        List<Operation<I, O>> ops = new ArrayList<>();
        for (int t = 0; t < events.size(); t++) {
            switch (events.get(t)) {
                case null -> throw new IllegalArgumentException("event " + t + " is null");
                case Event.Call<I, O> c -> {
                    if (slot.containsKey(c.id())) {
                        throw new IllegalArgumentException(
                                "event " + t + ": call id " + c.id() + " is used by an earlier call too");
                    }
                    slot.put(c.id(), ops.size());
                    ops.add(null);
                    open.put(c.id(), new Open<>(c.clientId(), c.input(), t));
                }
                case Event.Return<I, O> r -> {
                    Open<I> call = open.remove(r.id());
                    if (call == null) {
                        throw new IllegalArgumentException("event " + t + ": return for id " + r.id() + " "
                                + (slot.containsKey(r.id()) ? "which already returned" : "without a call before it"));
                    }
                    ops.set(slot.get(r.id()), new Operation<>(call.clientId(), call.input(), call.call(), r.output(), t));
                }
            }
        }
        if (!open.isEmpty()) {
            Map.Entry<Integer, Open<I>> first = open.entrySet().iterator().next();
            throw new IllegalArgumentException(open.size() + " call(s) never returned, the first is id "
                    + first.getKey() + " of client " + first.getValue().clientId()
                    + "; close them with Histories.completePending(events, ...)");
        }
        return List.copyOf(ops);
    }

    /**
     * Appends, after the last event, a return for every call that has none, with the output {@code unknownOutput}
     * gives for its input (an output the model accepts whether or not the call took effect). Like a return at
     * +infinity: the operation stays concurrent with everything after its call.
     */
    public static <I, O> List<Event<I, O>> completePending(
            List<? extends Event<I, O>> events, Function<? super I, ? extends O> unknownOutput) {
        Map<Integer, Event.Call<I, O>> open = new LinkedHashMap<>();
        for (Event<I, O> e : events) {
            switch (e) {
                case Event.Call<I, O> c -> open.put(c.id(), c);
                case Event.Return<I, O> r -> open.remove(r.id());
            }
        }
        List<Event<I, O>> complete = new ArrayList<>(events);
        for (Event.Call<I, O> c : open.values()) {
            complete.add(new Event.Return<>(c.clientId(), c.id(), unknownOutput.apply(c.input())));
        }
        return complete;
    }

    /**
     * Checks every operation before a search starts, so bad input gives a clear error rather than a wrong verdict.
     *
     * @throws IllegalArgumentException naming the first bad operation
     */
    static <I, O> void validate(Model<?, I, O> model, List<Operation<I, O>> history) {
        for (int i = 0; i < history.size(); i++) {
            Operation<I, O> op = history.get(i);
            if (op == null) {
                throw new IllegalArgumentException("operation " + i + " is null");
            }
            if (op.returned() < op.call()) {
                throw new IllegalArgumentException("operation " + i + " (client " + op.clientId() + ", " + op.input()
                        + ") returns at " + op.returned() + ", before its call at " + op.call());
            }
            try {
                model.validate(op.input(), op.output());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("operation " + i + " (client " + op.clientId() + "): "
                        + e.getMessage(), e);
            }
        }
    }
}
