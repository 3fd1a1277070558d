package raftlab.labrpc.codec;

/** Boxed primitives and {@code String}: fixed type ids 1 to 9, compact payloads. */
enum ScalarPlan implements Plan {
    INT(Integer.class) {
        @Override public void write(Writer w, Object v) { w.out.writeInt((Integer) v); }
        @Override public Object read(Reader r) { return r.in.readInt(); }
    },
    LONG(Long.class) {
        @Override public void write(Writer w, Object v) { w.out.writeLong((Long) v); }
        @Override public Object read(Reader r) { return r.in.readLong(); }
    },
    STRING(String.class) {
        @Override public void write(Writer w, Object v) { w.out.writeString((String) v); }
        @Override public Object read(Reader r) { return r.in.readString(); }
    },
    BOOLEAN(Boolean.class) {
        @Override public void write(Writer w, Object v) { w.out.writeByte((Boolean) v ? 1 : 0); }
        @Override public Object read(Reader r) { return readBoolean(r.in); }
    },
    BYTE(Byte.class) {
        @Override public void write(Writer w, Object v) { w.out.writeByte((Byte) v); }
        @Override public Object read(Reader r) { return (byte) r.in.readByte(); }
    },
    SHORT(Short.class) {
        @Override public void write(Writer w, Object v) { w.out.writeInt((Short) v); }
        @Override public Object read(Reader r) { return (short) r.in.readInt(); }
    },
    CHAR(Character.class) {
        @Override public void write(Writer w, Object v) { w.out.writeVarint((Character) v); }
        @Override public Object read(Reader r) { return (char) r.in.readVarint(); }
    },
    FLOAT(Float.class) {
        // raw bits, so that every NaN payload and -0.0 survive the copy
        @Override public void write(Writer w, Object v) { w.out.writeFixed32(Float.floatToRawIntBits((Float) v)); }
        @Override public Object read(Reader r) { return Float.intBitsToFloat(r.in.readFixed32()); }
    },
    DOUBLE(Double.class) {
        @Override public void write(Writer w, Object v) { w.out.writeFixed64(Double.doubleToRawLongBits((Double) v)); }
        @Override public Object read(Reader r) { return Double.longBitsToDouble(r.in.readFixed64()); }
    };

    private final Class<?> type;

    ScalarPlan(Class<?> type) {
        this.type = type;
    }

    @Override
    public int id() {
        return ordinal() + 1;
    }

    @Override
    public Class<?> decodedType() {
        return type;
    }

    static boolean readBoolean(WireIn in) {
        int b = in.readByte();
        if (b != 0 && b != 1) {
            throw WireIn.corrupt("boolean byte " + b + " at offset " + (in.position() - 1));
        }
        return b == 1;
    }
}
