package raftlab.labrpc.codec;

import java.util.List;
import java.util.Map;

/**
 * Reads back, in order, the values an {@link Encoder} wrote:
 *
 * {@snippet :
 * Decoder d = new Decoder(persister.readRaftState());
 * int term = d.readInt();
 * int votedFor = d.readInt();
 * List<LogEntry> log = d.readList(LogEntry.class);
 * }
 *
 * Every read checks the type recorded in the bytes: reading an {@code int} where a {@code String} was written, or
 * reading more values than were written, throws a {@link CodecException} that says which value went wrong. Every
 * read returns a fresh object (collections are mutable {@code ArrayList}, {@code LinkedHashSet},
 * {@code LinkedHashMap}); nothing is ever decoded <em>into</em> an existing object, so stale values cannot survive
 * a decode.
 *
 * <p>An empty array (what a fresh {@code Persister} returns) is accepted and holds no values: check
 * {@link #hasMore()}. Bytes can be decoded only by the JVM that encoded them (see {@link Codec}). Not thread-safe.
 */
public final class Decoder {

    private final Reader reader;
    private int index;   // 1-based number of the next value, for messages

    /**
     * A decoder positioned at the first value of {@code bytes}. The array is read, not copied: do not modify it
     * while decoding.
     *
     * @throws CodecException if the bytes are not empty and were not produced by {@link Encoder} or {@link Codec}
     */
    public Decoder(byte[] bytes) {
        reader = bytes != null && bytes.length == 0 ? null : new Reader(bytes, "new Decoder(bytes)");
        index = 1;
    }

    /** {@return true if there is at least one more value to read} */
    public boolean hasMore() {
        return reader != null && reader.in.remaining() > 0;
    }

    /** {@return the next value, which must be an {@code int}} */
    public int readInt() {
        return (Integer) next(int.class, "readInt()");
    }

    /** {@return the next value, which must be a {@code long}} */
    public long readLong() {
        return (Long) next(long.class, "readLong()");
    }

    /** {@return the next value, which must be a {@code boolean}} */
    public boolean readBoolean() {
        return (Boolean) next(boolean.class, "readBoolean()");
    }

    /** {@return the next value, which must be a {@code String} or null} */
    public String readString() {
        return (String) next(String.class, "readString()");
    }

    /** {@return the next value, which must be a {@code byte[]} or null (e.g. a snapshot)} */
    public byte[] readBytes() {
        return (byte[]) next(byte[].class, "readBytes()");
    }

    /**
     * {@return the next value, which must be a {@code type} or null} Primitive classes are accepted
     * ({@code read(int.class)} returns an {@code Integer}, never null). Ask for collections by their interface:
     * {@code List.class}, {@code Set.class}, {@code Map.class}.
     */
    @SuppressWarnings("unchecked")
    public <T> T read(Class<T> type) {
        return (T) next(type, "read(" + type.getSimpleName() + ".class)");
    }

    /** {@return the next value, which must be a list (or null) whose elements are all {@code E} or null} */
    public <E> List<E> readList(Class<E> elementType) {
        String what = "readList(" + elementType.getSimpleName() + ".class)";
        List<?> list = (List<?>) next(List.class, what);
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                check(elementType, list.get(i), what, "element " + i);
            }
        }
        @SuppressWarnings("unchecked")
        List<E> typed = (List<E>) list;
        return typed;
    }

    /** {@return the next value, which must be a map (or null) with keys {@code K} and values {@code V}} */
    public <K, V> Map<K, V> readMap(Class<K> keyType, Class<V> valueType) {
        String what = "readMap(" + keyType.getSimpleName() + ".class, " + valueType.getSimpleName() + ".class)";
        Map<?, ?> map = (Map<?, ?>) next(Map.class, what);
        if (map != null) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                check(keyType, e.getKey(), what, "a key");
                check(valueType, e.getValue(), what, "the value of key " + e.getKey());
            }
        }
        @SuppressWarnings("unchecked")
        Map<K, V> typed = (Map<K, V>) map;
        return typed;
    }

    private Object next(Class<?> type, String method) {
        String what = "Decoder." + method + " (value #" + index + ")";
        if (!hasMore()) {
            throw new CodecException(what + ": reading past the end; only " + (index - 1) + " value(s) were "
                    + "written. Read values in the order and number they were written.");
        }
        int start = reader.in.position();
        try {
            Object value = reader.readTop(type, what);
            index++;
            return value;
        } catch (CodecException e) {
            reader.in.seek(start);   // a wrong-type read consumes nothing
            throw e;
        }
    }

    private static void check(Class<?> type, Object value, String what, String which) {
        if (value != null && !Plans.boxed(type).isInstance(value)) {
            throw new CodecException("Decoder." + what + ": " + which + " is a " + value.getClass().getName()
                    + ", not " + type.getName());
        }
    }
}
