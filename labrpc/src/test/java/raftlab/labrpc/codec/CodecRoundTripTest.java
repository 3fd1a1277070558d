package raftlab.labrpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import raftlab.labrpc.codec.Fixtures.AppendEntries;
import raftlab.labrpc.codec.Fixtures.ApplyMsg;
import raftlab.labrpc.codec.Fixtures.CommandMsg;
import raftlab.labrpc.codec.Fixtures.Err;
import raftlab.labrpc.codec.Fixtures.Everything;
import raftlab.labrpc.codec.Fixtures.Generic;
import raftlab.labrpc.codec.Fixtures.Get;
import raftlab.labrpc.codec.Fixtures.Holder;
import raftlab.labrpc.codec.Fixtures.LogEntry;
import raftlab.labrpc.codec.Fixtures.Node;
import raftlab.labrpc.codec.Fixtures.Op;
import raftlab.labrpc.codec.Fixtures.Put;
import raftlab.labrpc.codec.Fixtures.SnapshotMsg;

class CodecRoundTripTest {

    private static <T> T roundTrip(T value) {
        return Codec.copy(value);
    }

    @Test
    void scalarsAndStrings() {
        for (Object v : List.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE, 7L, true, false,
                (byte) -128, (short) -300, 'x', '\uffff', 1.5f, Float.NaN, -0.0, Double.MAX_VALUE, "",
                "héllo wörld ✓ 𝄞", "\ud800 unpaired")) {
            assertThat(roundTrip(v)).as("%s", v).isEqualTo(v);
        }
    }

    @Test
    void recordsEnumsAndNesting() {
        AppendEntries args = new AppendEntries(3, 1, 10, 2,
                List.of(new LogEntry(2, new Put("k", "v")), new LogEntry(3, 42), new LogEntry(3, "cmd")), 9);
        assertThat(roundTrip(args)).isEqualTo(args).isNotSameAs(args);
        assertThat(roundTrip(Err.WRONG_LEADER)).isSameAs(Err.WRONG_LEADER);
        assertThat(roundTrip(Op.DEC)).isSameAs(Op.DEC);
        assertThat(roundTrip(new Node(1, new Node(2, new Node(3, null))))).isEqualTo(
                new Node(1, new Node(2, new Node(3, null))));
        assertThat(roundTrip(new Generic<>(List.of(new Generic<>("x"))))).isEqualTo(
                new Generic<>(List.of(new Generic<>("x"))));
    }

    @Test
    void everyComponentKind() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("b", 2);
        map.put("a", null);
        Everything e = new Everything((byte) 1, (short) -2, 'c', -4, 5L << 40, 6.5f, -7.25, true, null, "str",
                Err.NO_KEY, Optional.of("o"), map, Set.of(9L), Arrays.asList(1, "two", null, Err.OK, 3L));
        assertThat(roundTrip(e)).isEqualTo(e);
        Everything empty = new Everything((byte) 0, (short) 0, '\0', 0, 0, 0, 0, false, 0, null, null,
                Optional.empty(), Map.of(), Set.of(), List.of());
        assertThat(roundTrip(empty)).isEqualTo(empty);
    }

    @Test
    void polymorphicFieldsKeepTheirDynamicType() {
        // Object fields and sealed-interface fields: the same record class comes back, no registration needed
        Holder h = new Holder(new CommandMsg(true, new Get("k"), 5));
        Holder copy = roundTrip(h);
        assertThat(copy).isEqualTo(h);
        assertThat(((CommandMsg) copy.msg()).command()).isInstanceOf(Get.class);
        ApplyMsg snap = new SnapshotMsg(new byte[] {1, 2, 3}, 4, 5);
        assertThat(Codec.decode(Codec.encode(snap), ApplyMsg.class)).isEqualTo(snap);
        assertThat(roundTrip(new LogEntry(1, new Object[] {1, "a", new int[] {2}})).command())
                .isInstanceOf(Object[].class);
    }

    @Test
    void nullsEverywhere() {
        assertThat(Codec.encode(null)).hasSize(2);
        assertThat(Codec.decode(Codec.encode(null), String.class)).isNull();
        assertThat(Codec.<Object>copy(null)).isNull();
        assertThat(roundTrip(new LogEntry(1, null))).isEqualTo(new LogEntry(1, null));
        assertThat(roundTrip(Arrays.asList(null, null))).containsExactly(null, null);
        Map<String, String> nullKey = new HashMap<>();
        nullKey.put(null, null);
        assertThat(roundTrip(nullKey)).isEqualTo(nullKey);
        assertThat(roundTrip(new AppendEntries(1, 2, 3, 4, null, 5)).entries()).isNull();
    }

    @Test
    void arraysOfAnyDimension() {
        int[][] grid = {{1, 2}, {}, null, {-3}};
        assertThat(roundTrip(grid)).isDeepEqualTo(grid);
        assertThat(roundTrip(new long[] {Long.MIN_VALUE, 0})).containsExactly(Long.MIN_VALUE, 0);
        assertThat(roundTrip(new boolean[] {true, false})).containsExactly(true, false);
        assertThat(roundTrip(new char[] {'a', '\u1234'})).containsExactly('a', '\u1234');
        assertThat(roundTrip(new short[] {-1, 300})).containsExactly((short) -1, (short) 300);
        assertThat(roundTrip(new double[] {1.5, Double.NaN})).containsExactly(1.5, Double.NaN);
        assertThat(roundTrip(new float[] {2.5f})).containsExactly(2.5f);
        String[][] names = {{"a", null}, {"b"}};
        assertThat(roundTrip(names)).isDeepEqualTo(names).isInstanceOf(String[][].class);
        LogEntry[] entries = {new LogEntry(1, "x")};
        assertThat(roundTrip(entries)).containsExactly(new LogEntry(1, "x"));
    }

    @Test
    void byteArraysAreCopied() {
        byte[] snapshot = {1, 2, 3};
        byte[] bytes = Codec.encode(new SnapshotMsg(snapshot, 1, 1));
        snapshot[0] = 99;   // mutating the original after encode must not show in the copy
        SnapshotMsg decoded = Codec.decode(bytes, SnapshotMsg.class);
        assertThat(decoded.snapshot()).containsExactly(1, 2, 3);
        assertThat(Codec.decode(bytes, SnapshotMsg.class).snapshot()).isNotSameAs(decoded.snapshot());
    }

    @Test
    void decodedCollectionsAreMutableAndKeepOrder() {
        List<LogEntry> log = roundTrip(List.of(new LogEntry(0, null), new LogEntry(1, "a")));
        assertThat(log).isInstanceOf(ArrayList.class);
        log.add(new LogEntry(2, "b"));   // a decoded log can be appended to
        assertThat(log).hasSize(3);

        Map<String, Integer> sorted = new TreeMap<>(Map.of("c", 3, "a", 1, "b", 2));
        Map<String, Integer> map = roundTrip(sorted);
        assertThat(map).isInstanceOf(LinkedHashMap.class).containsExactly(
                Map.entry("a", 1), Map.entry("b", 2), Map.entry("c", 3));
        map.put("d", 4);

        Set<Integer> set = roundTrip(new TreeSet<>(Set.of(3, 1, 2)));
        assertThat(set).containsExactly(1, 2, 3);
        set.add(4);
        assertThat(roundTrip(Optional.of(List.of(1)))).contains(List.of(1));
    }

    @Test
    void copyIsDeep() {
        List<Object> inner = new ArrayList<>(List.of(1));
        LogEntry original = new LogEntry(1, inner);
        LogEntry copy = roundTrip(original);
        inner.add(2);
        assertThat(copy.command()).isEqualTo(List.of(1));
    }

    /** labgob's TestGOB: a round trip of a nested structure works and reports no error. */
    @Test
    void testGob() {
        record T1(int t1int0, int t1int1, String t1string0, String t1string1) {}
        record T3(int t3int999) {}
        record T2(List<T1> t2slice, Map<Integer, T1> t2map, T3 t2t3) {}
        Map<Integer, T1> map = new HashMap<>();
        map.put(99, new T1(1, 2, "x", "y"));
        T2 t2 = new T2(List.of(new T1(1, 2, "6.5840", "raft")), map, new T3(999));
        byte[] bytes = new Encoder().write(7).write(t2).write(List.of(1, 2)).toByteArray();
        Decoder d = new Decoder(bytes);
        assertThat(d.readInt()).isEqualTo(7);
        assertThat(d.read(T2.class)).isEqualTo(t2);
        assertThat(d.readList(Integer.class)).containsExactly(1, 2);
        assertThat(d.hasMore()).isFalse();
    }

    /**
     * labgob's TestDefault: gob leaves stale values in a non-default target. Here decode has no target: it always
     * builds a new, fully populated object, so a default (zero) value always arrives as itself.
     */
    @Test
    void testDefault() {
        record DD(int x, String s, boolean b) {}
        DD zero = new DD(0, "", false);
        DD decoded = Codec.decode(Codec.encode(zero), DD.class);
        assertThat(decoded).isEqualTo(zero).isNotSameAs(zero);
        assertThat(Codec.decode(Codec.encode(zero), DD.class)).isNotSameAs(decoded);
    }

    @Test
    void encoderSingleValueMatchesCodec() {
        LogEntry e = new LogEntry(3, new Put("a", "b"));
        assertThat(new Encoder().write(e).toByteArray()).isEqualTo(Codec.encode(e));
        assertThat(new Encoder().write(5).toByteArray()).isEqualTo(Codec.encode(5));
        assertThat(new Encoder().write(5L).toByteArray()).isEqualTo(Codec.encode(5L));
        assertThat(new Encoder().write(true).toByteArray()).isEqualTo(Codec.encode(true));
    }
}
