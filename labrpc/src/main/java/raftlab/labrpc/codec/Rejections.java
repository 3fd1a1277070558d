package raftlab.labrpc.codec;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import raftlab.labrpc.chan.Channel;
import raftlab.labrpc.persist.Persister;

/**
 * Why a class cannot travel, in words that say what to do instead. Every message starts with the class name; the
 * field path in front of it is added by {@link EncodeFailure}.
 */
final class Rejections {

    private Rejections() {}

    /** The reason for a class that no plan supports. */
    static String reasonFor(Class<?> c) {
        String n = c.getName();
        if (c.isHidden() || n.contains("$$Lambda")) {
            return n + " is a lambda or method reference: it captures variables (often `this`, a whole server) "
                    + "that cannot be copied. Send a record that describes the operation instead.";
        }
        if (c.isAnonymousClass()) {
            return n + " is an anonymous class: it captures its enclosing object. Use a record instead.";
        }
        if (Thread.class.isAssignableFrom(c)) {
            return n + " is a Thread: a thread cannot be copied into a message or persisted. Keep threads inside "
                    + "the server and send plain values.";
        }
        if (n.startsWith("java.util.concurrent.")) {
            return n + " is from java.util.concurrent (locks, atomics, concurrent collections, executors, futures): "
                    + "synchronisation state cannot travel over RPC or into the persister. Keep it in the server "
                    + "and send the plain values it protects (an int, not an AtomicInteger; a List or Map, not a "
                    + "concurrent collection).";
        }
        if (c == Channel.class) {
            return n + " connects threads inside one server; it cannot be sent or persisted. Send the values, "
                    + "not the channel.";
        }
        if (c == Persister.class) {
            return n + " is a server's stable storage; it cannot be sent or persisted itself. Save byte arrays "
                    + "built with Encoder in it instead.";
        }
        if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) {
            return n + " is a collection the codec does not copy: only java.util lists, sets and maps are "
                    + "supported (a queue or deque: copy it into a List; your own collection class: make it a "
                    + "record with a List, Set or Map component).";
        }
        // JDK classes use transient fields for their own custom serialization; the advice below is for ours
        Field lost = n.startsWith("java.") ? null : firstTransientField(c);
        if (lost != null) {
            return n + " has a transient field '" + lost.getName() + "', which a copy would silently lose (like a "
                    + "lower-case field with Go's gob). Make " + c.getSimpleName() + " a record whose components "
                    + "are all the state that must travel.";
        }
        if (c.isLocalClass() || (c.isMemberClass() && !Modifier.isStatic(c.getModifiers()))) {
            return n + " is an inner class: it captures its enclosing object. Make it a record (records nested "
                    + "in a class are static).";
        }
        return n + " is not a record, an enum, or a supported JDK type (boxed primitives, String, arrays, "
                + "java.util List/Set/Map, Optional). The codec copies records through their components and does "
                + "not fall back to java.io serialization, which is slower, bigger, and drops transient fields. "
                + "Make " + c.getSimpleName() + " a record.";
    }

    /**
     * What is wrong with a record component or array element declared as {@code t}, or null if values of that
     * declared type may be encodable. Interfaces, abstract classes and {@code Object} are judged per value at
     * encode time; concrete types are judged here, once.
     */
    static String declaredTypeProblem(Class<?> t) {
        if (t.isPrimitive() || t == Object.class) {
            return null;
        }
        if (t.isArray()) {
            return declaredTypeProblem(t.getComponentType());
        }
        String n = t.getName();
        if (n.startsWith("java.util.concurrent.") || Thread.class.isAssignableFrom(t) || t == Channel.class
                || t == Persister.class) {
            return reasonFor(t);
        }
        if (Collection.class.isAssignableFrom(t) || Map.class.isAssignableFrom(t)) {
            if (t.isAssignableFrom(ArrayList.class) || t.isAssignableFrom(LinkedHashSet.class)
                    || t.isAssignableFrom(LinkedHashMap.class)) {
                return null;
            }
            return "it is declared as " + t.getName() + ", but the codec decodes lists as ArrayList, sets as "
                    + "LinkedHashSet and maps as LinkedHashMap (keeping the original iteration order). Declare it "
                    + "as List, Set or Map.";
        }
        if (t.isInterface() || Modifier.isAbstract(t.getModifiers())) {
            return null;
        }
        // Records are judged when their own plan is built (not here: a record may contain itself); every other
        // concrete class is either a scalar or Optional, or is refused.
        return t.isRecord() || t.isEnum() || Plans.isScalarOrOptional(t) ? null : reasonFor(t);
    }

    private static Field firstTransientField(Class<?> c) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                int m = f.getModifiers();
                if (Modifier.isTransient(m) && !Modifier.isStatic(m)) {
                    return f;
                }
            }
        }
        return null;
    }
}
