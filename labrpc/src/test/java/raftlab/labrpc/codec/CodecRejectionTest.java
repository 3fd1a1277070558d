package raftlab.labrpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import raftlab.labrpc.chan.Channel;
import raftlab.labrpc.codec.Fixtures.AppendEntries;
import raftlab.labrpc.codec.Fixtures.LogEntry;
import raftlab.labrpc.codec.Fixtures.PlainCommand;
import raftlab.labrpc.codec.Fixtures.WithChannel;
import raftlab.labrpc.codec.Fixtures.WithLinkedList;
import raftlab.labrpc.codec.Fixtures.WithLock;
import raftlab.labrpc.codec.Fixtures.WithPersister;
import raftlab.labrpc.codec.Fixtures.WithTransient;
import raftlab.labrpc.persist.Persister;

/** Everything the codec refuses fails at encode time, naming the class and field path and saying what to do. */
class CodecRejectionTest {

    private static final String FIX = "raftlab.labrpc.codec.Fixtures.";

    @Test
    void lambdaInAnObjectField() {
        Supplier<String> lambda = () -> "captured";
        assertThatThrownBy(() -> Codec.encode(new LogEntry(1, lambda)))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("Codec cannot encode " + FIX + "LogEntry.command: ")
                .hasMessageContaining("lambda or method reference")
                .hasMessageContaining("Send a record");
    }

    @Test
    void anonymousClass() {
        Object anonymous = new Object() {};
        assertThatThrownBy(() -> Codec.encode(anonymous))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("anonymous class")
                .hasMessageContaining("Use a record");
    }

    @Test
    void thread() {
        assertThatThrownBy(() -> Codec.encode(new LogEntry(1, Thread.currentThread())))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("LogEntry.command")
                .hasMessageContaining("is a Thread");
    }

    /** The path goes through the list index, and the lock is refused by its declared type. */
    @Test
    void reentrantLockDeepInside() {
        AppendEntries args = new AppendEntries(1, 0, 0, 0,
                List.of(new LogEntry(1, "ok"), new LogEntry(1, new WithLock(3, new ReentrantLock()))), 0);
        assertThatThrownBy(() -> Codec.encode(args))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("Codec cannot encode " + FIX
                        + "AppendEntries.entries[1] -> Fixtures.LogEntry.command -> Fixtures.WithLock.lock: "
                        + "java.util.concurrent.locks.ReentrantLock is from java.util.concurrent");
        // refused by declared type, so even a null lock is refused: the record itself is the mistake
        assertThatThrownBy(() -> Codec.encode(new WithLock(3, null)))
                .hasMessageContaining("WithLock.lock");
    }

    @Test
    void otherConcurrencyMachinery() {
        assertThatThrownBy(() -> Codec.encode(new AtomicInteger()))
                .hasMessageContaining("an int, not an AtomicInteger");
        assertThatThrownBy(() -> Codec.encode(List.of(new ConcurrentHashMap<>())))
                .hasMessageContaining("[0]")
                .hasMessageContaining("java.util.concurrent.ConcurrentHashMap is from java.util.concurrent");
    }

    @Test
    void channelAndPersister() {
        assertThatThrownBy(() -> Codec.encode(new WithChannel(new Channel<>())))
                .hasMessageContaining("WithChannel.applyCh")
                .hasMessageContaining("raftlab.labrpc.chan.Channel connects threads");
        assertThatThrownBy(() -> Codec.encode(new WithPersister(new Persister())))
                .hasMessageContaining("WithPersister.persister")
                .hasMessageContaining("stable storage");
        assertThatThrownBy(() -> Codec.encode(new LogEntry(1, new Persister())))
                .hasMessageContaining("LogEntry.command");
    }

    @Test
    void plainClassEvenIfSerializable() {
        assertThatThrownBy(() -> Codec.encode(new LogEntry(4, new PlainCommand())))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("LogEntry.command")
                .hasMessageContaining(FIX.replace(".Fixtures.", ".Fixtures$") + "PlainCommand is not a record")
                .hasMessageContaining("Make PlainCommand a record");
        assertThatThrownBy(() -> Codec.encode(new Object())).hasMessageContaining("java.lang.Object is not a record");
    }

    /** labgob's TestCapital: a field that would silently not travel is reported, naming class and field. */
    @Test
    void testCapitalTransientField() {
        assertThatThrownBy(() -> Codec.encode(Map.of("k", new WithTransient())))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("[k]")
                .hasMessageContaining("WithTransient has a transient field 'lost'")
                .hasMessageContaining("silently lose");
    }

    @Test
    void collectionsThatWouldNotComeBackAsDeclared() {
        assertThatThrownBy(() -> Codec.encode(new WithLinkedList(null)))
                .hasMessageContaining("WithLinkedList.list")
                .hasMessageContaining("Declare it as List, Set or Map");
        assertThatThrownBy(() -> Codec.encode(new ArrayDeque<>(List.of(1))))
                .hasMessageContaining("copy it into a List");
    }

    @Test
    void cycleIsReportedNotAStackOverflow() {
        List<Object> self = new java.util.ArrayList<>();
        self.add(self);
        assertThatThrownBy(() -> Codec.encode(self)).hasMessageContaining("contain itself");
    }

    @Test
    void aFailedWriteLeavesTheEncoderUnchanged() {
        Encoder e = new Encoder().write(1);
        int size = e.size();
        assertThatThrownBy(() -> e.write(List.of(2, new ReentrantLock()))).isInstanceOf(CodecException.class);
        assertThat(e.size()).isEqualTo(size);
        assertThat(e.count()).isEqualTo(1);
        assertThat(new Decoder(e.write(3).toByteArray()).readInt()).isEqualTo(1);
    }

    @Test
    void decodeGarbage() {
        assertThatThrownBy(() -> Codec.decode(new byte[0], Integer.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Codec.decode(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}, Integer.class))
                .hasMessageContaining("not produced by Codec or Encoder");
        assertThatThrownBy(() -> Codec.decode(new byte[] {(byte) Writer.MAGIC, 127}, Object.class))
                .hasMessageContaining("unknown type id 127");
        byte[] good = Codec.encode(new LogEntry(3, "a long enough command"));
        assertThatThrownBy(() -> Codec.decode(java.util.Arrays.copyOf(good, good.length - 3), LogEntry.class))
                .hasMessageContaining("needs").hasMessageContaining("truncated");
        byte[] hugeCount = {(byte) Writer.MAGIC, (byte) ContainerPlan.LIST.id(), (byte) 0xFF, (byte) 0xFF, 0x7F};
        assertThatThrownBy(() -> Codec.decode(hugeCount, List.class)).hasMessageContaining("exceeds");
        byte[] twoValues = new Encoder().write(1).write(2).toByteArray();
        assertThatThrownBy(() -> Codec.decode(twoValues, Integer.class)).hasMessageContaining("use Decoder");
    }

    @Test
    void randomGarbageOnlyEverThrowsCodecException() {
        java.util.Random random = new java.util.Random(6_5840);
        byte[] valid = Codec.encode(new AppendEntries(1, 2, 3, 4, List.of(new LogEntry(1, "x")), 5));
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = valid.clone();
            bytes[1 + random.nextInt(bytes.length - 1)] = (byte) random.nextInt();
            try {
                Codec.decode(bytes, Object.class);
            } catch (CodecException expected) {
                // fine: a flipped byte is either still valid or detected
            }
        }
    }

    @Test
    void decodeIntoTheWrongType() {
        byte[] bytes = Codec.encode(new LogEntry(1, "x"));
        assertThatThrownBy(() -> Codec.decode(bytes, AppendEntries.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("the bytes hold " + FIX.replace(".Fixtures.", ".Fixtures$") + "LogEntry, not "
                        + FIX.replace(".Fixtures.", ".Fixtures$") + "AppendEntries");
        assertThatThrownBy(() -> Codec.decode(Codec.encode(List.of()), java.util.LinkedList.class))
                .hasMessageContaining("ask for the interface");
        assertThatThrownBy(() -> Codec.decode(Codec.encode(null), int.class)).hasMessageContaining("null");
        assertThat(Codec.decode(Codec.encode(5), int.class)).isEqualTo(5);
    }
}
