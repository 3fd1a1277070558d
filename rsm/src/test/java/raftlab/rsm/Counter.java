//+solution-file
package raftlab.rsm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A test state machine: {@link Inc} adds one and returns the new count; {@link Boom} throws. */
final class Counter implements StateMachine {

    record Inc() {}

    record Boom() {}

    private long count;
    private final List<Object> applied = new ArrayList<>();

    @Override
    public synchronized Object doOp(Object request) {
        applied.add(request);
        return switch (request) {
            case Inc inc -> ++count;
            case Boom boom -> throw new ArithmeticException("boom");
            default -> throw new IllegalArgumentException("unexpected " + request);
        };
    }

    @Override
    public synchronized byte[] snapshot() {
        return ByteBuffer.allocate(Long.BYTES).putLong(count).array();
    }

    @Override
    public synchronized void restore(byte[] snapshot) {
        count = ByteBuffer.wrap(snapshot).getLong();
    }

    synchronized long count() {
        return count;
    }

    synchronized List<Object> applied() {
        return List.copyOf(applied);
    }
}
