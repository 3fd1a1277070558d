package raftlab.labrpc.codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java.util} lists, sets and maps of any implementation, and {@code Optional}: fixed type ids 10 to 13.
 * They decode as mutable {@code ArrayList}, {@code LinkedHashSet} and {@code LinkedHashMap}, in the order in which
 * the original iterated, so a decoded log can be appended to and a decoded map iterates as the original did.
 */
enum ContainerPlan implements Plan {
    LIST(ArrayList.class) {
        @Override public void write(Writer w, Object v) { writeElements(w, (Collection<?>) v); }

        @Override
        public Object read(Reader r) {
            int n = r.in.readCount(1);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(r.readValue());
            }
            return list;
        }
    },
    SET(LinkedHashSet.class) {
        @Override public void write(Writer w, Object v) { writeElements(w, (Collection<?>) v); }

        @Override
        public Object read(Reader r) {
            int n = r.in.readCount(1);
            Set<Object> set = LinkedHashSet.newLinkedHashSet(n);
            for (int i = 0; i < n; i++) {
                set.add(r.readValue());
            }
            return set;
        }
    },
    MAP(LinkedHashMap.class) {
        @Override
        public void write(Writer w, Object v) {
            Map<?, ?> map = (Map<?, ?>) v;
            w.out.writeVarint(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                try {
                    w.writeValue(e.getKey());
                } catch (EncodeFailure f) {
                    throw f.at("<key " + shortString(e.getKey()) + ">");
                }
                try {
                    w.writeValue(e.getValue());
                } catch (EncodeFailure f) {
                    throw f.at("[" + shortString(e.getKey()) + "]");
                }
            }
        }

        @Override
        public Object read(Reader r) {
            int n = r.in.readCount(2);
            Map<Object, Object> map = LinkedHashMap.newLinkedHashMap(n);
            for (int i = 0; i < n; i++) {
                Object key = r.readValue();
                map.put(key, r.readValue());
            }
            return map;
        }
    },
    OPTIONAL(Optional.class) {
        @Override
        public void write(Writer w, Object v) {
            try {
                w.writeValue(((Optional<?>) v).orElse(null));
            } catch (EncodeFailure f) {
                throw f.at(".get()");
            }
        }

        @Override public Object read(Reader r) { return Optional.ofNullable(r.readValue()); }
    };

    private final Class<?> decodedType;

    ContainerPlan(Class<?> decodedType) {
        this.decodedType = decodedType;
    }

    @Override
    public int id() {
        return 10 + ordinal();
    }

    @Override
    public Class<?> decodedType() {
        return decodedType;
    }

    @Override
    public String typeName() {
        return name().charAt(0) + name().substring(1).toLowerCase();   // "List", "Set", "Map", "Optional"
    }

    private static void writeElements(Writer w, Collection<?> c) {
        w.out.writeVarint(c.size());
        int i = 0;
        for (Object e : c) {
            try {
                w.writeValue(e);
            } catch (EncodeFailure f) {
                throw f.at("[" + i + "]");
            }
            i++;
        }
    }

    private static String shortString(Object key) {
        String s = String.valueOf(key);
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
