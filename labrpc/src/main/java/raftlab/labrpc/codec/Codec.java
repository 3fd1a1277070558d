package raftlab.labrpc.codec;

import java.util.List;

/**
 * The checked codec (raftlab's labgob): turns values into bytes and back, so that caller and handler never share
 * an object. Every RPC argument and reply, every Raft command and everything persisted goes through it, and its
 * byte counts are what the network's byte counter and the persister's sizes report.
 *
 * <h2>What travels</h2>
 * <ul>
 *   <li><b>Records</b>, the main case: component by component, decoded through the canonical constructor (so any
 *       checks or defensive copies in it still run). Records may be public, package-private, nested or local.</li>
 *   <li><b>Enums</b> (by ordinal; decode gives the same constant).</li>
 *   <li>Primitives and their boxes, {@code String} (any, including unpaired surrogates).</li>
 *   <li>Arrays of anything supported, primitive or object, of any dimension; {@code byte[]} is copied.</li>
 *   <li>{@code java.util} lists, sets and maps of any implementation ({@code ArrayList}, {@code List.of},
 *       {@code HashMap}, {@code TreeMap}, ...). They decode as <em>mutable</em> {@code ArrayList},
 *       {@code LinkedHashSet} and {@code LinkedHashMap}, in the original's iteration order. A sorted map comes
 *       back sorted in the same order but as a {@code LinkedHashMap}, so declare fields as {@code List},
 *       {@code Set}, {@code Map} (a record component declared {@code TreeMap} or {@code LinkedList} is
 *       refused).</li>
 *   <li>{@code Optional}, nesting of all the above, and {@code null} anywhere (fields, elements, keys).</li>
 *   <li>Fields typed {@code Object} or as an interface, e.g. a log entry's {@code Object command} or a
 *       {@code sealed interface} implemented by records: the dynamic type is written, so the same record comes
 *       back. No registration is needed.</li>
 * </ul>
 *
 * <h2>What is refused, and why</h2>
 * Encoding throws {@link CodecException} at the call that tries it, never later in a test, with the class, the
 * field path ({@code raft.LogEntry.command -> MyCmd.lock}) and what to do instead. Refused:
 * <ul>
 *   <li>plain classes (not a record, an enum or one of the types above), including {@code Serializable} ones:
 *       there is no fallback to java.io serialization, which is bigger, slower and silently drops
 *       {@code transient} fields. Make them records;</li>
 *   <li>classes with {@code transient} fields, named in the message: a copy would silently lose them, like a
 *       lower-case field with Go's gob;</li>
 *   <li>lambdas, method references, anonymous and inner classes: they capture their enclosing object;</li>
 *   <li>{@code Thread}s, anything from {@code java.util.concurrent} (locks, atomics, concurrent collections,
 *       futures), {@link raftlab.labrpc.chan.Channel} and {@link raftlab.labrpc.persist.Persister}: they are the
 *       machinery of one server, not data;</li>
 *   <li>queues, deques and collection classes outside {@code java.util}; values nested over 1000 levels deep
 *       (a collection that contains itself).</li>
 * </ul>
 * Each class is checked once, when first seen, and the verdict is cached. A record component whose
 * <em>declared</em> type is refused makes its record refused even while the field is {@code null}; a component
 * declared {@code Object} or as an interface is checked per value.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Deep copy.</b> {@code decode(encode(v))} shares no mutable object with {@code v}: arrays and
 *       collections are new. (Enum constants are singletons and come back as themselves; strings and boxes are
 *       immutable.) Mutating {@code v} after {@code encode} does not affect the bytes.</li>
 *   <li><b>Fresh objects.</b> Decoding always builds a new, fully populated value: it never fills in an object
 *       the caller passes, so labgob's "decoding into a non-default variable" hazard cannot occur.</li>
 *   <li><b>Checked decode.</b> The bytes record the type of every value, and {@link #decode} checks it against the
 *       type asked for; corrupt or truncated bytes throw {@link CodecException}, never an
 *       {@code ArrayIndexOutOfBoundsException}.</li>
 * </ul>
 *
 * <h2>Wire format and byte counts</h2>
 * One marker byte, then for each value a varint type id (0 for null) and its payload: {@code int}, {@code long},
 * {@code short} as zig-zag varints (an {@code int} field costs 1 to 5 bytes), strings as UTF-8 with a varint length
 * (encoding a 5000-character ASCII string gives 5004 bytes: marker, type id, 2-byte length, characters),
 * records as their components in order with no names or field tags, primitive components without a type id. Type ids of records, enums and arrays are assigned per JVM on
 * first use, so a polymorphic value costs one byte of type id, but <b>bytes can be decoded only in the JVM that
 * encoded them</b> (the network is in-process and the persister keeps bytes in memory, so they never leave it).
 *
 * <p>All methods are thread-safe.
 */
public final class Codec {

    private Codec() {}

    /**
     * Encodes one value, self-describing: the bytes record its type, so {@link #decode} can check it.
     *
     * @param value any supported value, or null
     * @throws CodecException if anything reachable from {@code value} cannot be copied faithfully; the message names
     *                        the class and field path and says what to change
     */
    public static byte[] encode(Object value) {
        Writer writer = new Writer(64);
        writer.writeTop(value);
        return writer.out.toByteArray();
    }

    /**
     * Decodes the single value in {@code bytes}, which must be a {@code type} (or null). Returns a fresh object.
     * A primitive {@code type} such as {@code int.class} is accepted and means its box; ask for collections by
     * their interface ({@code List.class}).
     *
     * @throws CodecException if the bytes do not hold exactly one value of that type: wrong type, corrupt,
     *                        truncated, trailing bytes, or produced by another JVM
     */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        String what = "Codec.decode(bytes, " + type.getName() + ".class)";
        Reader reader = new Reader(bytes, what);
        Object value = reader.readTop(type, what);
        int trailing = reader.in.remaining();
        if (trailing != 0) {
            throw new CodecException(what + ": " + trailing + " bytes follow the value. These bytes hold more than "
                    + "one value (use Decoder for what an Encoder wrote) or are corrupt.");
        }
        @SuppressWarnings("unchecked")
        T result = (T) value;
        return result;
    }

    /**
     * Cluster mode (outside the labs): gives {@code types} (records, enums, array classes) fixed type ids, in list
     * order, so that every JVM that registers the same list first encodes and decodes the same bytes, between
     * processes and across restarts. Afterwards the registry is closed: encoding a record, enum or array of a class
     * not in the list throws a {@link CodecException} naming it, instead of writing an id another JVM would read
     * differently.
     *
     * @throws IllegalStateException if this JVM registered types before (explicitly or by encoding one)
     */
    public static void registerTypes(List<Class<?>> types) {
        Plans.registerAll(List.copyOf(types));
    }

    /**
     * {@return a deep copy of {@code value}, i.e. {@code decode(encode(value))}; null for null} Collections come
     * back as {@code ArrayList}, {@code LinkedHashSet} or {@code LinkedHashMap}, whatever their original class.
     *
     * @throws CodecException as {@link #encode} does
     */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T value) {
        if (value == null) {
            return null;
        }
        return (T) decode(encode(value), Object.class);
    }
}
