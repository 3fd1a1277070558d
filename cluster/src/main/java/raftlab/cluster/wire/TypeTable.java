package raftlab.cluster.wire;

import com.google.common.reflect.ClassPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import raftlab.labrpc.codec.Codec;

/**
 * Fixes the codec's type ids for cluster mode. The codec numbers records, enums and arrays in the order a JVM first
 * meets them, so bytes from one JVM mean nothing to another. Every cluster process (node or client) therefore calls
 * {@link #register()} first: it finds every record and enum of the student's packages and of this one on the class
 * path, sorts them by name, adds their array types and the primitive arrays, and registers that list. The same code
 * gives the same list, hence the same ids in every process and across restarts.
 *
 * <p>Consequence: the data directories and a running cluster belong to one build of the code. After changing a
 * record, start a fresh cluster (or a fresh data folder).
 */
public final class TypeTable {

    /** The packages whose records and enums travel or are persisted. */
    static final Set<String> PACKAGES = Set.of("raftlab.raft", "raftlab.rsm", "raftlab.kvraft", "raftlab.cluster.wire");

    private static final List<Class<?>> BASIC_ARRAYS = List.of(byte[].class, int[].class, long[].class,
            short[].class, char[].class, boolean[].class, float[].class, double[].class, String[].class,
            Object[].class, Integer[].class, Long[].class);

    private static String fingerprint;

    private TypeTable() {}

    /**
     * Registers the table with the codec, once per JVM, before anything is encoded.
     *
     * @return a fingerprint of the table: equal in two processes exactly when their ids agree
     */
    public static synchronized String register() {
        if (fingerprint == null) {
            List<Class<?>> types = types();
            Codec.registerTypes(types);
            fingerprint = fingerprintOf(types);
        }
        return fingerprint;
    }

    static List<Class<?>> types() {
        List<Class<?>> found = new ArrayList<>();
        try {
            for (ClassPath.ClassInfo info : ClassPath.from(TypeTable.class.getClassLoader()).getAllClasses()) {
                if (PACKAGES.contains(info.getPackageName())) {
                    Class<?> type = info.load();
                    if (type.isRecord() || type.isEnum()) {
                        found.add(type);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan the class path for the codec's type table", e);
        }
        found.sort(Comparator.comparing(Class::getName));
        List<Class<?>> types = new ArrayList<>(found);
        for (Class<?> type : found) {
            types.add(Array.newInstance(type, 0).getClass());
        }
        types.addAll(BASIC_ARRAYS);
        return types;
    }

    private static String fingerprintOf(List<Class<?>> types) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Class<?> type : types) {
                StringBuilder shape = new StringBuilder(type.getName());
                if (type.isRecord()) {   // a changed component changes the bytes, so it changes the fingerprint
                    for (var component : type.getRecordComponents()) {
                        shape.append(' ').append(component.getGenericType().getTypeName());
                    }
                } else if (type.isEnum()) {
                    for (Object constant : type.getEnumConstants()) {
                        shape.append(' ').append(constant);
                    }
                }
                digest.update(shape.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
