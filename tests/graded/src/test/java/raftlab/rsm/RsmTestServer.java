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
final class RsmTestServer implements StateMachine {

    /** Add one to the counter. */
    record Inc() {}

    /** The counter after an {@link Inc}. */
    record IncRep(int n) {}

    /** Do nothing. */
    record Null() {}

    /** The answer to {@link Null}. */
    record NullRep() {}

    /** Must never commit: submitted only in a minority. */
    record Dec() {}

    private final RsmHarness harness;
    private final int me;
    private final Rsm rsm;
    private int counter;   // guarded by this

    RsmTestServer(RsmHarness harness, List<ClientEnd> ends, int me, Persister persister, int maxraftstate) {
        this.harness = harness;
        this.me = me;
        this.rsm = Rsm.make(ends, me, persister, maxraftstate, this);
    }

    Rsm rsm() {
        return rsm;
    }

    synchronized int counter() {
        return counter;
    }

    @Override
    public Object doOp(Object request) {
        return switch (request) {
            case Inc inc -> {
                synchronized (this) {
                    yield new IncRep(++counter);
                }
            }
            case Null nul -> new NullRep();
            default -> throw harness.fatalf("DoOp should execute only Inc and not %s (server %d)",
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
