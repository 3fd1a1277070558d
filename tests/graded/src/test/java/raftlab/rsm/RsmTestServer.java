package raftlab.rsm;

import java.util.List;
import raftlab.labrpc.codec.Codec;
import raftlab.labrpc.net.ClientEnd;
import raftlab.labrpc.persist.Persister;

/**
 * The service the RSM tests replicate (MIT's {@code rsm/server.go}): a counter. {@link Inc} adds one and answers
 * {@link IncRep} with the new count; {@link Null} changes nothing. Every other operation, {@link Dec} in particular,
 * must never be applied: the tests submit {@code Dec}s only to a leader cut off in a minority, and applying one
 * fails the test.
 */
final class RsmTestServer implements StateMachine<RsmTestServer.Request, RsmTestServer.Reply> {

    /** What the tests submit. */
    sealed interface Request permits Inc, Null, Dec {}

    /** What the counter answers. */
    sealed interface Reply permits IncRep, NullRep {}

    /** Add one to the counter. */
    record Inc() implements Request {}

    /** The counter after an {@link Inc}. */
    record IncRep(int n) implements Reply {}

    /** Do nothing. */
    record Null() implements Request {}

    /** The answer to {@link Null}. */
    record NullRep() implements Reply {}

    /** Must never commit: submitted only in a minority. */
    record Dec() implements Request {}

    private final RsmHarness harness;
    private final int me;
    private final Rsm<Request, Reply> rsm;
    private int counter;   // guarded by this

    RsmTestServer(RsmHarness harness, List<ClientEnd> ends, int me, Persister persister, int maxraftstate) {
        this.harness = harness;
        this.me = me;
        this.rsm = Rsm.make(ends, me, persister, maxraftstate, this);
    }

    Rsm<Request, Reply> rsm() {
        return rsm;
    }

    synchronized int counter() {
        return counter;
    }

    @Override
    public Reply doOp(Request request) {
        return switch (request) {
            case Inc inc -> {
                synchronized (this) {
                    yield new IncRep(++counter);
                }
            }
            case Null nul -> new NullRep();
            case Dec dec -> throw harness.fatalf("DoOp should execute only Inc and not %s (server %d)",
                    request.getClass().getSimpleName(), me);
        };
    }

    @Override
    public synchronized byte[] snapshot() {
        return Codec.encode(counter);
    }

    @Override
    public synchronized void restore(byte[] snapshot) {
        counter = Codec.decode(snapshot, Integer.class);
    }
}
