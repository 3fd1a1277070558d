package raftlab.labrpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import raftlab.labrpc.codec.Fixtures.LogEntry;
import raftlab.labrpc.codec.Fixtures.Put;
import raftlab.labrpc.persist.Persister;

/** Raft's persistence, as a student writes it. */
class EncoderDecoderTest {

    @Test
    void persistAndReadBack() {
        int currentTerm = 7;
        int votedFor = -1;
        List<LogEntry> log = new ArrayList<>(List.of(new LogEntry(0, null), new LogEntry(7, new Put("k", "v"))));
        Persister persister = new Persister();
        persister.save(new Encoder().write(currentTerm).write(votedFor).write(log).toByteArray(), null);

        Decoder d = new Decoder(persister.readRaftState());
        assertThat(d.readInt()).isEqualTo(7);
        assertThat(d.readInt()).isEqualTo(-1);
        List<LogEntry> decoded = d.readList(LogEntry.class);
        assertThat(decoded).isEqualTo(log);
        decoded.add(new LogEntry(8, 1));
        assertThat(d.hasMore()).isFalse();
    }

    @Test
    void everyReadMethod() {
        byte[] bytes = new Encoder().write(1L << 40).write(true).write("s").write(new byte[] {1}).write(null)
                .write(Map.of("a", 1)).write(new Put("x", "y")).toByteArray();
        Decoder d = new Decoder(bytes);
        assertThat(d.readLong()).isEqualTo(1L << 40);
        assertThat(d.readBoolean()).isTrue();
        assertThat(d.readString()).isEqualTo("s");
        assertThat(d.readBytes()).containsExactly(1);
        assertThat(d.readString()).isNull();
        assertThat(d.readMap(String.class, Integer.class)).containsExactly(Map.entry("a", 1));
        assertThat(d.read(Object.class)).isEqualTo(new Put("x", "y"));
    }

    @Test
    void emptyStateHoldsNoValues() {
        Decoder d = new Decoder(new Persister().readRaftState());
        assertThat(d.hasMore()).isFalse();
        assertThatThrownBy(d::readInt).hasMessageContaining("reading past the end; only 0 value(s)");
    }

    @Test
    void readingPastTheEnd() {
        Decoder d = new Decoder(new Encoder().write(1).write(2).toByteArray());
        d.readInt();
        d.readInt();
        assertThatThrownBy(d::readInt)
                .isInstanceOf(CodecException.class)
                .hasMessage("Decoder.readInt() (value #3): reading past the end; only 2 value(s) were written. "
                        + "Read values in the order and number they were written.");
    }

    @Test
    void typeMismatchSaysWhichValue() {
        Decoder d = new Decoder(new Encoder().write(3).write("votedFor?").toByteArray());
        d.readInt();
        assertThatThrownBy(d::readInt)
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("Decoder.readInt() (value #2): the bytes hold java.lang.String, not int");
        assertThat(d.readString()).isEqualTo("votedFor?");   // a failed read consumes nothing

        Decoder longs = new Decoder(new Encoder().write(3L).toByteArray());
        assertThatThrownBy(longs::readInt).hasMessageContaining("java.lang.Long, not int");
        Decoder nulls = new Decoder(new Encoder().write((Object) null).toByteArray());
        assertThatThrownBy(nulls::readInt).hasMessageContaining("null, not int");
    }

    @Test
    void readListChecksElements() {
        Decoder d = new Decoder(new Encoder().write(List.of(new LogEntry(1, 2), "oops")).toByteArray());
        assertThatThrownBy(() -> d.readList(LogEntry.class))
                .hasMessageContaining("element 1 is a java.lang.String");
        Decoder m = new Decoder(new Encoder().write(Map.of("k", 1)).toByteArray());
        assertThatThrownBy(() -> m.readMap(String.class, String.class))
                .hasMessageContaining("the value of key k is a java.lang.Integer");
    }

    @Test
    void foreignBytes() {
        assertThatThrownBy(() -> new Decoder(new byte[] {1, 2, 3}))
                .isInstanceOf(CodecException.class).hasMessageContaining("not produced by Codec or Encoder");
    }
}
