package raftlab.linearizability;

/**
 * A history element when only the relative order of calls and returns is known (a log, not a clock). A call and its
 * return share an {@code id}; ids are unique per call.
 *
 * <p>{@link Histories#fromEvents} turns an event list into operations whose times are the events' positions.
 */
public sealed interface Event<I, O> permits Event.Call, Event.Return {

    /** {@return the client that made the call} */
    int clientId();

    /** {@return the id pairing a call with its return} */
    int id();

    /** A client called the object with {@code input}. */
    record Call<I, O>(int clientId, int id, I input) implements Event<I, O> {}

    /** The call with the same {@code id} returned {@code output}. */
    record Return<I, O>(int clientId, int id, O output) implements Event<I, O> {}
}
