package raftlab.labrpc.codec;

/** Encoding state: the output bytes and the nesting depth. Not thread-safe; one per encode or {@link Encoder}. */
final class Writer {

    /** First byte of every encoding, so that empty arrays and foreign bytes are recognised at once. */
    static final int MAGIC = 0xC5;

    /** Deeper than this is almost certainly a collection that contains itself. */
    static final int MAX_DEPTH = 1000;

    final WireOut out;
    private int depth;

    Writer(int capacity) {
        out = new WireOut(capacity);
        out.writeByte(MAGIC);
    }

    /**
     * Writes one self-describing top-level value, or nothing at all: on failure the bytes written so far for this
     * value are dropped, and a {@link CodecException} with the field path is thrown.
     */
    void writeTop(Object value) {
        int start = out.position();
        try {
            writeValue(value);
        } catch (EncodeFailure f) {
            out.truncate(start);
            depth = 0;
            throw f.toCodecException(value);
        }
    }

    /** Writes {@code value}'s type id (0 for null), then its payload. */
    void writeValue(Object value) {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        Plan plan = Plans.of(value.getClass());
        out.writeVarint(plan.id());
        if (++depth > MAX_DEPTH) {
            throw new EncodeFailure("values are nested more than " + MAX_DEPTH
                    + " levels deep; does a collection or array contain itself?");
        }
        plan.write(this, value);
        depth--;
    }
}
