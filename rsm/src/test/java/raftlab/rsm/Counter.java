//+solution-file
package raftlab.rsm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A test state machine: {@link Inc} adds one and returns the new count; {@link Boom} throws; {@link Uncopyable} holds
 * a value the codec refuses, so it never gets as far as the log.
 */
final class Counter implements StateMachine<Counter.Command, Long> {

    sealed interface Command permits Inc, Boom, Uncopyable {}

    record Inc() implements Command {}

    record Boom() implements Command {}

    record Uncopyable(Object what) implements Command {}

    private long count;
    private final List<Object> applied = new ArrayList<>();

    @Override
    public synchronized Long doOp(Command request) {
        applied.add(request);
        return switch (request) {
            case Inc inc -> ++count;
            case Boom boom -> throw new ArithmeticException("boom");
            case Uncopyable u -> throw new IllegalArgumentException("a request the codec refuses was applied: " + u);
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
