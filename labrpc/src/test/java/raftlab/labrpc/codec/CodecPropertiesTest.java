package raftlab.labrpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import raftlab.labrpc.codec.Fixtures.AppendEntries;
import raftlab.labrpc.codec.Fixtures.CommandMsg;
import raftlab.labrpc.codec.Fixtures.Err;
import raftlab.labrpc.codec.Fixtures.LogEntry;
import raftlab.labrpc.codec.Fixtures.Put;
import raftlab.labrpc.codec.Fixtures.SnapshotMsg;

/** Round trips of random values: the copy equals the original, and re-encoding the copy gives the same bytes. */
class CodecPropertiesTest {

    record Sample(int i, long l, String s, byte[] bytes, List<LogEntry> log, Map<String, Integer> map, Object any,
                  Optional<Double> opt) {}

    @Property(tries = 300)
    void recordsRoundTrip(@ForAll("samples") Sample sample) {
        assertCopyEquals(sample);
    }

    @Property(tries = 300)
    void appendEntriesRoundTrip(@ForAll("appendEntries") AppendEntries args) {
        assertCopyEquals(args);
    }

    @Property(tries = 300)
    void listsRoundTrip(@ForAll("lists") List<Object> list) {
        assertCopyEquals(list);
    }

    @Property(tries = 300)
    void mapsRoundTrip(@ForAll Map<String, Long> map, @ForAll("commands") Object value) {
        assertCopyEquals(map);
        assertCopyEquals(Map.of("k", Optional.ofNullable(value)));
    }

    @Property(tries = 200)
    void encoderSequencesRoundTrip(@ForAll int term, @ForAll long index, @ForAll String s, @ForAll boolean b,
                                   @ForAll("lists") List<Object> log) {
        byte[] bytes = new Encoder().write(term).write(index).write(s).write(b).write(log).toByteArray();
        Decoder d = new Decoder(bytes);
        assertThat(d.readInt()).isEqualTo(term);
        assertThat(d.readLong()).isEqualTo(index);
        assertThat(d.readString()).isEqualTo(s);
        assertThat(d.readBoolean()).isEqualTo(b);
        assertThat(d.readList(Object.class)).usingRecursiveComparison().isEqualTo(log);
        assertThat(d.hasMore()).isFalse();
    }

    private static void assertCopyEquals(Object value) {
        byte[] bytes = Codec.encode(value);
        Object copy = Codec.decode(bytes, Object.class);
        assertThat(copy).usingRecursiveComparison().isEqualTo(value);   // by content, arrays included
        assertThat(Codec.encode(copy)).isEqualTo(bytes);
    }

    @Provide
    Arbitrary<Object> commands() {
        return Arbitraries.oneOf(
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.strings().ofMaxLength(20),   // all chars, unpaired surrogates included
                Arbitraries.strings().alpha().ofMaxLength(8).tuple2().map(t -> new Put(t.get1(), t.get2())),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16),
                Arbitraries.of(Err.class),
                Arbitraries.integers().between(0, 100).map(i -> new CommandMsg(i % 2 == 0, i, i)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(b -> new SnapshotMsg(b, 1, 2)),
                Arbitraries.doubles().map(d -> (Object) new double[] {d, -d}))
                .injectNull(0.1);
    }

    @Provide
    Arbitrary<LogEntry> entries() {
        return Combinators.combine(Arbitraries.integers().greaterOrEqual(0), commands()).as(LogEntry::new);
    }

    @Provide
    Arbitrary<List<Object>> lists() {
        return Arbitraries.oneOf(commands(), entries().map(e -> (Object) e)).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<AppendEntries> appendEntries() {
        Arbitrary<Integer> ints = Arbitraries.integers();
        return Combinators.combine(ints, ints, ints, ints, entries().list().ofMaxSize(10), ints)
                .as(AppendEntries::new);
    }

    @Provide
    Arbitrary<Sample> samples() {
        return Combinators.combine(
                        Arbitraries.integers(),
                        Arbitraries.longs(),
                        Arbitraries.strings().injectNull(0.05),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                        entries().list().ofMaxSize(8),
                        Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), Arbitraries.integers()).ofMaxSize(5),
                        commands(),
                        Arbitraries.doubles().optional())
                .as(Sample::new);
    }
}
