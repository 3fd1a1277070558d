package raftlab.cluster.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import raftlab.labrpc.persist.Persister;

/** Ours (not MIT's): a state saved as a delta reads back exactly, and a put costs bytes in proportion to its entry. */
class StateDeltaTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfChangeRoundTrips() {
        Random random = new Random(7);
        byte[] old = new byte[0];
        for (int i = 0; i < 2000; i++) {
            byte[] now = change(old, random);
            byte[] delta = StateDelta.diff(old, now);
            if (delta != null) {
                assertThat(delta.length).isLessThan(now.length);
                assertThat(StateDelta.apply(old, ByteBuffer.wrap(delta))).as("step %d", i).isEqualTo(now);
            }
            old = now;
        }
    }

    @Test
    void appendingAnEntryWritesAboutTheEntryNotTheLog() {
        byte[] log = new byte[40_000];
        new Random(1).nextBytes(log);
        byte[] longer = grow(log, 60);
        byte[] delta = StateDelta.diff(log, longer);
        assertThat(delta).isNotNull();
        assertThat(delta.length).isLessThan(100);
        assertThat(StateDelta.apply(log, ByteBuffer.wrap(delta))).isEqualTo(longer);
    }

    @Test
    void aStoreOfDeltasRecoversTheLastSaveAndWritesLittlePerSave() throws Exception {
        byte[] state = new byte[20_000];
        new Random(2).nextBytes(state);
        long before;
        try (DurableStore store = DurableStore.open(dir)) {
            Persister persister = store.persister();
            persister.save(state, null);
            before = store.bytesWritten();
            for (int i = 0; i < 200; i++) {
                state = grow(state, 50);
                persister.save(state, null);
            }
            assertThat((store.bytesWritten() - before) / 200).as("bytes per save").isLessThan(150);
        }
        assertThat(DurableStore.inspect(dir).raftState()).isEqualTo(state);
        assertThat(Files.size(dir.resolve(DurableStore.LOG))).isLessThan(state.length + 200 * 150L);
    }

    /** A log that gained an entry: the length field near the start changes, the new bytes go at the end. */
    private static byte[] grow(byte[] state, int entryBytes) {
        byte[] now = Arrays.copyOf(state, state.length + entryBytes);
        ByteBuffer.wrap(now).putInt(8, now.length);
        Arrays.fill(now, state.length, now.length, (byte) now.length);
        return now;
    }

    private static byte[] change(byte[] old, Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> grow(old.length < 12 ? new byte[12] : old, 1 + random.nextInt(80));
            case 1 -> Arrays.copyOfRange(old, Math.min(old.length, random.nextInt(40)), old.length);   // compaction
            case 2 -> {
                byte[] now = old.clone();
                if (now.length > 0) {
                    now[random.nextInt(now.length)] ^= (byte) (1 + random.nextInt(255));
                }
                yield now;
            }
            case 3 -> Arrays.copyOf(old, random.nextInt(old.length + 1));                              // truncation
            default -> {
                byte[] now = new byte[random.nextInt(300)];
                random.nextBytes(now);
                yield now;
            }
        };
    }
}
