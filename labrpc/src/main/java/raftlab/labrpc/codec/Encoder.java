package raftlab.labrpc.codec;

/**
 * Writes several values one after another into one byte array, typically Raft's persistent state:
 *
 * {@snippet :
 * byte[] state = new Encoder().write(currentTerm).write(votedFor).write(log).toByteArray();
 * persister.save(state, snapshot);
 * }
 *
 * Read them back, in the same order, with a {@link Decoder}. Each value is written exactly as
 * {@link Codec#encode} writes it (self-describing, same checks, same wire format), so an encoder holding a single
 * value produces the same bytes as {@code Codec.encode}.
 *
 * <p>A value the codec refuses throws {@link CodecException} from {@link #write(Object)} and leaves the encoder as
 * it was before that call. Not thread-safe.
 */
public final class Encoder {

    private final Writer writer = new Writer(64);
    private int count;

    /** An encoder with no values yet. */
    public Encoder() {}

    /**
     * Appends one value: anything {@link Codec#encode} accepts, including {@code null}.
     *
     * @return this encoder, for chaining
     * @throws CodecException if the value (or anything inside it) cannot be copied faithfully; the message names
     *                        the class and field path and says what to change
     */
    public Encoder write(Object value) {
        writer.writeTop(value);
        count++;
        return this;
    }

    /** Appends an {@code int} (read it with {@link Decoder#readInt()}); same bytes as {@code write((Integer) v)}. */
    public Encoder write(int value) {
        writer.out.writeVarint(ScalarPlan.INT.id());
        writer.out.writeInt(value);
        count++;
        return this;
    }

    /** Appends a {@code long} (read it with {@link Decoder#readLong()}). */
    public Encoder write(long value) {
        writer.out.writeVarint(ScalarPlan.LONG.id());
        writer.out.writeLong(value);
        count++;
        return this;
    }

    /** Appends a {@code boolean} (read it with {@link Decoder#readBoolean()}). */
    public Encoder write(boolean value) {
        writer.out.writeVarint(ScalarPlan.BOOLEAN.id());
        writer.out.writeByte(value ? 1 : 0);
        count++;
        return this;
    }

    /** {@return the number of values written so far} */
    public int count() {
        return count;
    }

    /** {@return the number of bytes written so far: the length {@link #toByteArray()} would have} */
    public int size() {
        return writer.out.position();
    }

    /** {@return a copy of the bytes written so far; the encoder may go on writing afterwards} */
    public byte[] toByteArray() {
        return writer.out.toByteArray();
    }
}
