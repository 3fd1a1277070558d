package raftlab.labrpc.codec;

import java.lang.reflect.Array;

/**
 * Arrays of any dimension: the length, then the elements. Primitive elements are packed (bytes raw, integers as
 * zig-zag varints, floating point as raw IEEE bits); object elements are self-describing values.
 */
record ArrayPlan(int id, Class<?> decodedType, Class<?> component) implements Plan {

    static ArrayPlan of(int id, Class<?> arrayType) {
        return new ArrayPlan(id, arrayType, arrayType.getComponentType());
    }

    @Override
    public void write(Writer w, Object value) {
        WireOut out = w.out;
        switch (value) {
            case byte[] a -> {
                out.writeVarint(a.length);
                out.writeBytes(a, 0, a.length);
            }
            case int[] a -> {
                out.writeVarint(a.length);
                for (int x : a) out.writeInt(x);
            }
            case long[] a -> {
                out.writeVarint(a.length);
                for (long x : a) out.writeLong(x);
            }
            case boolean[] a -> {
                out.writeVarint(a.length);
                for (boolean x : a) out.writeByte(x ? 1 : 0);
            }
            case short[] a -> {
                out.writeVarint(a.length);
                for (short x : a) out.writeInt(x);
            }
            case char[] a -> {
                out.writeVarint(a.length);
                for (char x : a) out.writeVarint(x);
            }
            case float[] a -> {
                out.writeVarint(a.length);
                for (float x : a) out.writeFixed32(Float.floatToRawIntBits(x));
            }
            case double[] a -> {
                out.writeVarint(a.length);
                for (double x : a) out.writeFixed64(Double.doubleToRawLongBits(x));
            }
            case Object[] a -> {
                out.writeVarint(a.length);
                for (int i = 0; i < a.length; i++) {
                    try {
                        w.writeValue(a[i]);
                    } catch (EncodeFailure f) {
                        throw f.at("[" + i + "]");
                    }
                }
            }
            default -> throw new AssertionError(value.getClass());
        }
    }

    @Override
    public Object read(Reader r) {
        WireIn in = r.in;
        if (component == byte.class) {
            return in.readBytes(in.readCount(1));
        } else if (component == int.class) {
            int[] a = new int[in.readCount(1)];
            for (int i = 0; i < a.length; i++) a[i] = in.readInt();
            return a;
        } else if (component == long.class) {
            long[] a = new long[in.readCount(1)];
            for (int i = 0; i < a.length; i++) a[i] = in.readLong();
            return a;
        } else if (component == boolean.class) {
            boolean[] a = new boolean[in.readCount(1)];
            for (int i = 0; i < a.length; i++) a[i] = ScalarPlan.readBoolean(in);
            return a;
        } else if (component == short.class) {
            short[] a = new short[in.readCount(1)];
            for (int i = 0; i < a.length; i++) a[i] = (short) in.readInt();
            return a;
        } else if (component == char.class) {
            char[] a = new char[in.readCount(1)];
            for (int i = 0; i < a.length; i++) a[i] = (char) in.readVarint();
            return a;
        } else if (component == float.class) {
            float[] a = new float[in.readCount(4)];
            for (int i = 0; i < a.length; i++) a[i] = Float.intBitsToFloat(in.readFixed32());
            return a;
        } else if (component == double.class) {
            double[] a = new double[in.readCount(8)];
            for (int i = 0; i < a.length; i++) a[i] = Double.longBitsToDouble(in.readFixed64());
            return a;
        }
        Object[] a = (Object[]) Array.newInstance(component, in.readCount(1));
        for (int i = 0; i < a.length; i++) {
            Object e = r.readValue();
            if (e != null && !component.isInstance(e)) {
                throw WireIn.corrupt("a " + e.getClass().getName() + " cannot be an element of "
                        + decodedType.getTypeName());
            }
            a[i] = e;
        }
        return a;
    }

    @Override
    public String typeName() {
        return decodedType.getTypeName();   // "int[][]" rather than "[[I"
    }
}
