package raftlab.labrpc.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/**
 * A record travels as its components in declaration order, with no names and no per-field tags; it decodes through
 * its canonical constructor, so whatever the constructor checks or copies still applies. Accessors and constructor
 * are method handles looked up once, when the plan is built.
 */
record RecordPlan(int id, Class<?> decodedType, Component[] components, MethodHandle constructor) implements Plan {

    /** How one component is stored: primitives packed without a type id, everything else as a tagged value. */
    enum Kind { INT, LONG, BOOLEAN, BYTE, SHORT, CHAR, FLOAT, DOUBLE, REF }

    /** One record component; {@code getter} has type {@code (Object)int}, {@code (Object)Object}, etc. */
    record Component(String name, Class<?> type, Kind kind, MethodHandle getter) {}

    /**
     * Builds the plan for {@code type}, or a {@link RejectedPlan} naming the first component whose declared type
     * can never be encoded (checked statically, so a {@code null} lock field is refused as surely as a real one).
     */
    static Plan build(int id, Class<?> type) {
        RecordComponent[] rcs = type.getRecordComponents();
        for (RecordComponent rc : rcs) {
            String reason = Rejections.declaredTypeProblem(rc.getType());
            if (reason != null) {
                return new RejectedPlan(type, rc.getName(), reason);
            }
        }
        try {
            // private lookup: student records are often package-private, or local to a test method
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            Component[] components = new Component[rcs.length];
            Class<?>[] types = new Class<?>[rcs.length];
            for (int i = 0; i < rcs.length; i++) {
                Class<?> t = rcs[i].getType();
                Kind kind = kindOf(t);
                Class<?> erased = kind == Kind.REF ? Object.class : t;
                MethodHandle getter = lookup.unreflect(rcs[i].getAccessor())
                        .asType(MethodType.methodType(erased, Object.class));
                components[i] = new Component(rcs[i].getName(), t, kind, getter);
                types[i] = t;
            }
            MethodHandle constructor = lookup.findConstructor(type, MethodType.methodType(void.class, types))
                    .asType(MethodType.genericMethodType(rcs.length))
                    .asSpreader(Object[].class, rcs.length);
            return new RecordPlan(id, type, components, constructor);
        } catch (ReflectiveOperationException | SecurityException e) {
            return new RejectedPlan(type, null, type.getName() + " is a record the codec cannot access (" + e
                    + "). If it lives in a named module, open its package to raftlab.labrpc.");
        }
    }

    private static Kind kindOf(Class<?> t) {
        if (!t.isPrimitive()) return Kind.REF;
        if (t == int.class) return Kind.INT;
        if (t == long.class) return Kind.LONG;
        if (t == boolean.class) return Kind.BOOLEAN;
        if (t == byte.class) return Kind.BYTE;
        if (t == short.class) return Kind.SHORT;
        if (t == char.class) return Kind.CHAR;
        if (t == float.class) return Kind.FLOAT;
        return Kind.DOUBLE;
    }

    @Override
    public void write(Writer w, Object value) {
        WireOut out = w.out;
        for (Component c : components) {
            try {
                MethodHandle g = c.getter;
                switch (c.kind) {
                    case INT -> out.writeInt((int) g.invokeExact(value));
                    case LONG -> out.writeLong((long) g.invokeExact(value));
                    case BOOLEAN -> out.writeByte((boolean) g.invokeExact(value) ? 1 : 0);
                    case BYTE -> out.writeByte((byte) g.invokeExact(value));
                    case SHORT -> out.writeInt((short) g.invokeExact(value));
                    case CHAR -> out.writeVarint((char) g.invokeExact(value));
                    case FLOAT -> out.writeFixed32(Float.floatToRawIntBits((float) g.invokeExact(value)));
                    case DOUBLE -> out.writeFixed64(Double.doubleToRawLongBits((double) g.invokeExact(value)));
                    case REF -> w.writeValue((Object) g.invokeExact(value));
                }
            } catch (EncodeFailure f) {
                throw f.under(decodedType, c.name);
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                throw new EncodeFailure("its accessor " + c.name + "() threw " + t).under(decodedType, c.name);
            }
        }
    }

    @Override
    public Object read(Reader r) {
        WireIn in = r.in;
        Object[] args = new Object[components.length];
        for (int i = 0; i < args.length; i++) {
            Component c = components[i];
            args[i] = switch (c.kind) {
                case INT -> in.readInt();
                case LONG -> in.readLong();
                case BOOLEAN -> ScalarPlan.readBoolean(in);
                case BYTE -> (byte) in.readByte();
                case SHORT -> (short) in.readInt();
                case CHAR -> (char) in.readVarint();
                case FLOAT -> Float.intBitsToFloat(in.readFixed32());
                case DOUBLE -> Double.longBitsToDouble(in.readFixed64());
                case REF -> {
                    Object v = r.readValue();
                    if (v != null && !c.type.isInstance(v)) {
                        throw WireIn.corrupt(decodedType.getName() + "." + c.name + " is declared "
                                + c.type.getTypeName() + " but the bytes hold a " + v.getClass().getName());
                    }
                    yield v;
                }
            };
        }
        try {
            return (Object) constructor.invokeExact(args);
        } catch (Error e) {
            throw e;
        } catch (Throwable t) {
            throw new CodecException("cannot decode " + decodedType.getName() + ": its canonical constructor "
                    + "rejected the decoded components: " + t, t);
        }
    }
}
