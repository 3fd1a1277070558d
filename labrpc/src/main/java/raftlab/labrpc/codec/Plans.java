package raftlab.labrpc.codec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The per-JVM type registry: one {@link Plan} per class, built and checked on first use and cached in a
 * {@link ClassValue}, and the table from type id back to plan.
 *
 * <p>Ids 1 to 13 are fixed (scalars and containers); records, enums and array classes get the next free id when
 * they are first encoded. Ids therefore differ from one JVM run to the next, and bytes can be decoded only by the
 * JVM that encoded them. That is fine here: the network is in-process and the persister keeps its bytes in
 * memory. In exchange a polymorphic value (a log entry's {@code Object command}) costs one byte of type id instead
 * of a class name.
 */
final class Plans {

    private static final int FIRST_DYNAMIC_ID = 16;

    private static final ClassValue<Plan> BY_CLASS = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
            return build(type);
        }
    };

    private static final Object LOCK = new Object();
    private static final Map<Class<?>, Plan> registered = new HashMap<>();   // guarded by LOCK
    private static int nextId = FIRST_DYNAMIC_ID;                            // guarded by LOCK
    private static volatile Plan[] byId = initialTable();                    // written under LOCK
    private static boolean closed;                                            // guarded by LOCK

    private Plans() {}

    /** {@return the plan for values of exactly this class} */
    static Plan of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    /**
     * Gives {@code types} the first dynamic ids, in order, and closes the registry: a record, enum or array class
     * not among them is refused from then on. See {@link Codec#registerTypes}.
     */
    static void registerAll(List<Class<?>> types) {
        synchronized (LOCK) {
            if (closed || nextId != FIRST_DYNAMIC_ID) {
                throw new IllegalStateException("Codec.registerTypes: this JVM already "
                        + (closed ? "registered its types" : "gave ids to " + registered.keySet())
                        + "; call it once, before anything is encoded");
            }
            for (Class<?> type : types) {
                of(type);
            }
            closed = true;
        }
    }

    /** {@return the plan with this type id} */
    static Plan byId(int id) {
        Plan[] table = byId;
        if (id <= 0 || id >= table.length || table[id] == null) {
            throw WireIn.corrupt("unknown type id " + Integer.toUnsignedString(id));
        }
        return table[id];
    }

    static boolean isScalarOrOptional(Class<?> type) {
        return type == Optional.class || scalar(type) != null;
    }

    private static Plan[] initialTable() {
        Plan[] table = new Plan[64];
        for (ScalarPlan p : ScalarPlan.values()) table[p.id()] = p;
        for (ContainerPlan p : ContainerPlan.values()) table[p.id()] = p;
        return table;
    }

    private static Plan build(Class<?> type) {
        Plan scalar = scalar(type);
        if (scalar != null) {
            return scalar;
        }
        if (type.isArray()) {
            String problem = Rejections.declaredTypeProblem(type.getComponentType());
            return problem != null ? new RejectedPlan(type, null, "an array of " + problem)
                    : register(type, id -> ArrayPlan.of(id, type));
        }
        if (type.isRecord()) {
            return register(type, id -> RecordPlan.build(id, type));
        }
        if (type.isEnum()) {
            return register(type, id -> EnumPlan.of(id, type));
        }
        if (Enum.class.isAssignableFrom(type)) {
            return of(type.getSuperclass());    // a constant with a body is an anonymous subclass of its enum
        }
        if (type == Optional.class) {
            return ContainerPlan.OPTIONAL;
        }
        if (type.getName().startsWith("java.util.") && !type.getName().startsWith("java.util.concurrent.")) {
            if (List.class.isAssignableFrom(type)) return ContainerPlan.LIST;
            if (Set.class.isAssignableFrom(type)) return ContainerPlan.SET;
            if (Map.class.isAssignableFrom(type)) return ContainerPlan.MAP;
        }
        return new RejectedPlan(type, null, Rejections.reasonFor(type));
    }

    private static Plan scalar(Class<?> type) {
        if (type == Integer.class) return ScalarPlan.INT;
        if (type == Long.class) return ScalarPlan.LONG;
        if (type == String.class) return ScalarPlan.STRING;
        if (type == Boolean.class) return ScalarPlan.BOOLEAN;
        if (type == Byte.class) return ScalarPlan.BYTE;
        if (type == Short.class) return ScalarPlan.SHORT;
        if (type == Character.class) return ScalarPlan.CHAR;
        if (type == Float.class) return ScalarPlan.FLOAT;
        if (type == Double.class) return ScalarPlan.DOUBLE;
        return null;
    }

    /**
     * Assigns the next id to {@code type} and builds its plan, once: if two threads race to compute the same
     * class, the second gets the first one's plan, so a class never has two ids.
     */
    private static Plan register(Class<?> type, IntFunction<Plan> factory) {
        synchronized (LOCK) {
            Plan existing = registered.get(type);
            if (existing != null) {
                return existing;
            }
            if (closed) {
                return new RejectedPlan(type, null, type.getName() + " is not among the types registered with "
                        + "Codec.registerTypes, so another process could not decode it; register it at start-up");
            }
            int id = nextId;
            Plan plan = factory.apply(id);
            registered.put(type, plan);
            if (plan.id() == id) {   // a RejectedPlan takes no id
                nextId++;
                Plan[] table = byId;
                if (id >= table.length) {
                    table = Arrays.copyOf(table, table.length * 2);
                }
                table[id] = plan;
                byId = table;   // volatile write publishes the new entry
            }
            return plan;
        }
    }

    /** {@return the wrapper class for a primitive type, else the type itself} */
    static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) return type;
        if (type == int.class) return Integer.class;
        if (type == long.class) return Long.class;
        if (type == boolean.class) return Boolean.class;
        if (type == byte.class) return Byte.class;
        if (type == short.class) return Short.class;
        if (type == char.class) return Character.class;
        if (type == float.class) return Float.class;
        if (type == double.class) return Double.class;
        return Void.class;
    }

    /** {@code raft.LogEntry} for the first step of a field path, {@code LogEntry} (no package) after that. */
    static String displayName(Class<?> type, boolean withPackage) {
        String name = type.getName();
        if (!withPackage && !type.getPackageName().isEmpty()) {
            name = name.substring(type.getPackageName().length() + 1);
        }
        return name.replace('$', '.');
    }
}
