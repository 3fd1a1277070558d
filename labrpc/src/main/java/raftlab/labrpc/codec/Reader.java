package raftlab.labrpc.codec;

/** Decoding state: the input bytes and the nesting depth. Not thread-safe; one per decode or {@link Decoder}. */
final class Reader {

    final WireIn in;
    private int depth;

    /** Checks the leading marker byte; {@code what} names the caller in error messages. */
    Reader(byte[] bytes, String what) {
        if (bytes == null) {
            throw new CodecException(what + ": bytes are null");
        }
        if (bytes.length == 0) {
            throw new CodecException(what + ": the byte array is empty, so it holds no value "
                    + "(a fresh Persister returns empty arrays: check length > 0 before decoding)");
        }
        if ((bytes[0] & 0xFF) != Writer.MAGIC) {
            throw new CodecException(String.format("%s: these bytes were not produced by Codec or Encoder "
                    + "(first byte 0x%02X, expected 0x%02X)", what, bytes[0] & 0xFF, Writer.MAGIC));
        }
        in = new WireIn(bytes, 1);
    }

    /** Reads a type id and payload; null for id 0. */
    Object readValue() {
        int id = in.readVarint();
        return id == 0 ? null : readPayload(Plans.byId(id));
    }

    /**
     * Reads a top-level value that must be a {@code type} (or null), checking its type id before decoding its
     * payload; {@code what} names the caller in error messages.
     */
    Object readTop(Class<?> type, String what) {
        int id = in.readVarint();
        if (id == 0) {
            if (type.isPrimitive()) {
                throw new CodecException(what + ": the value is null, not " + type.getName());
            }
            return null;
        }
        Plan plan = Plans.byId(id);
        if (!Plans.boxed(type).isAssignableFrom(plan.decodedType())) {
            throw new CodecException(what + ": the bytes hold " + plan.typeName() + ", not " + type.getName()
                    + (ContainerPlan.class.isInstance(plan)
                            ? " (collections decode as ArrayList, LinkedHashSet or LinkedHashMap;"
                                    + " ask for the interface)"
                            : ""));
        }
        return readPayload(plan);
    }

    private Object readPayload(Plan plan) {
        if (++depth > Writer.MAX_DEPTH) {
            throw WireIn.corrupt("values nested more than " + Writer.MAX_DEPTH + " levels deep");
        }
        Object value = plan.read(this);
        depth--;
        return value;
    }
}
