package raftlab.labrpc.chan;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import raftlab.labrpc.sim.Sim;

/**
 * A Go-style channel: the {@code applyCh} between Raft and the service above it.
 *
 * <ul>
 *   <li>{@code new Channel<>()} is <em>unbuffered</em>: {@link #send} returns only once a receiver has taken the
 *       value. {@code new Channel<>(n)} buffers up to {@code n} values.</li>
 *   <li>{@link #receive()} blocks until a value arrives, and returns {@code null} once the channel is closed and
 *       drained. Values sent before {@link #close()} are still delivered.</li>
 *   <li>{@link #close()} wakes every blocked receiver and sender. Sending on a closed channel (or while it gets
 *       closed) throws {@link ChannelClosedException}; closing twice is harmless.</li>
 *   <li>{@code for (T v : channel)} receives until the channel is closed.</li>
 *   <li>A thread interrupted while blocked gets a {@link CancellationException}, with its interrupt flag set.</li>
 * </ul>
 * {@code null} values cannot be sent: {@code null} is how {@code receive()} says "closed".
 *
 * @param <T> the type of the values
 */
public final class Channel<T> implements Iterable<T> {

    private final int capacity;
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long taken;      // values received so far
    private long offered;    // values enqueued so far
    private boolean closed;

    /** An unbuffered channel: every send waits for its receiver. */
    public Channel() {
        this(0);
    }

    /**
     * A channel that buffers up to {@code capacity} values; 0 means unbuffered.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative or absurdly large (over 1,000,000)
     */
    public Channel(int capacity) {
        if (capacity < 0 || capacity > 1_000_000) {
            throw new IllegalArgumentException("Channel capacity must be between 0 (unbuffered) and 1000000, got "
                    + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Sends {@code value}, blocking while the buffer is full, or, when unbuffered, until a receiver takes it.
     *
     * @throws NullPointerException     if {@code value} is null
     * @throws ChannelClosedException   if the channel is closed, or gets closed before an unbuffered value is taken
     * @throws CancellationException    if the thread is interrupted while waiting
     */
    public void send(T value) {
        Objects.requireNonNull(value, "Channel.send: cannot send null (null means 'closed' to receivers)");
        lock.lock();
        try {
            if (closed) {
                throw new ChannelClosedException("send on closed channel");
            }
            while (queue.size() >= Math.max(capacity, 1)) {
                await();
                if (closed) {
                    throw new ChannelClosedException("send on closed channel");
                }
            }
            queue.addLast(value);
            long mine = ++offered;
            changed.signalAll();
            if (capacity > 0) {
                return;
            }
            while (taken < mine) {
                if (closed) {
                    queue.removeLastOccurrence(value);
                    throw new ChannelClosedException("channel closed before the value was received");
                }
                try {
                    await();
                } catch (CancellationException e) {
                    queue.removeLastOccurrence(value);   // nobody will wait for it any more
                    throw e;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Receives the next value, blocking until there is one.
     *
     * @return the value, or {@code null} if the channel is closed and no value is left
     * @throws CancellationException if the thread is interrupted while waiting
     */
    public T receive() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                await();
            }
            return takeLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Receives the next value, waiting at most {@code timeout}.
     *
     * @return the value, or {@code null} if none arrived in time or the channel is closed and drained
     */
    public T poll(long timeout, TimeUnit unit) {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (queue.isEmpty() && !closed && nanos > 0) {
                try {
                    nanos = Sim.awaitNanos(changed, nanos);   // virtual time in simulation mode
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting on a channel");
                }
            }
            return takeLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the channel and wakes every waiting sender and receiver. Closing twice does nothing. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether {@link #close()} has been called} */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** {@return the buffer size given at construction; 0 for unbuffered} */
    public int capacity() {
        return capacity;
    }

    /** {@return an iterator that receives values until the channel is closed and drained} */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = receive();
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("channel closed");
                }
                T value = next;
                next = null;
                return value;
            }
        };
    }

    private T takeLocked() {
        T value = queue.pollFirst();
        if (value != null) {
            taken++;
            changed.signalAll();
        }
        return value;
    }

    private void await() {
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting on a channel");
        }
    }
}
