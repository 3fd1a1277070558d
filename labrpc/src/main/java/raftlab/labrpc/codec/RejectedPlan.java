package raftlab.labrpc.codec;

/**
 * The cached verdict for a class the codec refuses: encoding any of its values fails with the reason, which says
 * what to change. {@code component} is set when the class is a record refused because of one of its components.
 */
record RejectedPlan(Class<?> decodedType, String component, String reason) implements Plan {

    @Override
    public int id() {
        return -1;   // never written
    }

    @Override
    public void write(Writer w, Object value) {
        EncodeFailure f = new EncodeFailure(reason);
        throw component == null ? f : f.under(decodedType, component);
    }

    @Override
    public Object read(Reader r) {
        throw new AssertionError("a rejected class has no type id, so it is never read");
    }
}
