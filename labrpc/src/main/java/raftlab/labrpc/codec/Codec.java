package raftlab.labrpc.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * PLACEHOLDER (java.io serialization) until the compact codec lands. Same public API.
 */
public final class Codec {

    private Codec() {}

    public static byte[] encode(Object value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new CodecException("cannot encode " + value.getClass().getName() + ": " + e, e);
        }
    }

    public static <T> T decode(byte[] bytes, Class<T> type) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return type.cast(in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new CodecException("cannot decode " + type.getName() + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static <T> T copy(T value) {
        return value == null ? null : (T) decode(encode(value), value.getClass());
    }
}
