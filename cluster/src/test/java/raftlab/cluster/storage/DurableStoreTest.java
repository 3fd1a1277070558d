package raftlab.cluster.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import raftlab.labrpc.persist.Persister;

/** Ours (not MIT's): what {@link DurableStore} recovers after torn and corrupt tails and a full disk. */
class DurableStoreTest {

    @TempDir
    Path root;

    /** The store under test; copies and other stores go beside it, inside {@link #root}. */
    Path dir;

    @BeforeEach
    void makeStoreDirectory() throws IOException {
        dir = Files.createDirectory(root.resolve("store"));
    }

    @Test
    void aFreshDirectoryRecoversEmpty() {
        try (DurableStore store = DurableStore.open(dir)) {
            assertThat(store.recovered().raftState()).isEmpty();
            assertThat(store.recovered().snapshot()).isEmpty();
            assertThat(store.persister().raftStateSize()).isZero();
        }
    }

    @Test
    void theLastSaveAndItsSnapshotComeBackAfterReopening() {
        saveUpTo(dir, 80);
        try (DurableStore store = DurableStore.open(dir)) {
            assertThat(Workload.check(store.recovered())).isEqualTo(80);
            Persister persister = store.persister();
            assertThat(persister.readRaftState()).isEqualTo(Workload.state(80));
            assertThat(persister.readSnapshot()).isEqualTo(Workload.snapshot(80));
        }
        assertThat(snapshotFiles()).as("only the current snapshot is kept").hasSize(1);
    }

    @Test
    void oneFsyncPerSaveAndTwoMoreForANewSnapshot() {
        try (DurableStore store = DurableStore.open(dir)) {
            Persister persister = store.persister();
            persister.save(Workload.state(1), new byte[0]);
            assertThat(store.syncs()).isEqualTo(1);
            persister.save(Workload.state(2), new byte[] {1, 2, 3});
            assertThat(store.syncs()).as("snapshot file, directory, state record").isEqualTo(4);
            persister.save(Workload.state(3), new byte[] {1, 2, 3});
            assertThat(store.syncs()).as("same snapshot: only the state record").isEqualTo(5);
        }
    }

    @Test
    void aTornLastRecordIsCutOffAtEveryLength() throws IOException {
        saveUpTo(dir, 30);
        long before = logSizeAfter(29);
        long full = Files.size(dir.resolve(DurableStore.LOG));
        for (long cut = before; cut < full; cut++) {
            Path copy = copyOfStore("torn-" + cut);
            truncate(copy.resolve(DurableStore.LOG), cut);
            Recovered recovered = DurableStore.inspect(copy);
            assertThat(Workload.check(recovered)).as("log cut at byte %d", cut).isEqualTo(29);
            assertThat(recovered.discardedBytes()).isEqualTo(cut - before);
        }
    }

    @Test
    void aFlippedBitInTheLastRecordIsCaughtAtEveryPosition() throws IOException {
        saveUpTo(dir, 30);
        long before = logSizeAfter(29);
        long full = Files.size(dir.resolve(DurableStore.LOG));
        for (long position = before; position < full; position++) {
            Path copy = copyOfStore("flip-" + position);
            flipBit(copy.resolve(DurableStore.LOG), position, (int) (position % 8));
            assertThat(Workload.check(DurableStore.inspect(copy))).as("bit flipped at byte %d", position)
                    .isEqualTo(29);
        }
    }

    @Test
    void openingRepairsATornTailSoLaterSavesAreReadable() throws IOException {
        saveUpTo(dir, 10);
        truncate(dir.resolve(DurableStore.LOG), Files.size(dir.resolve(DurableStore.LOG)) - 3);
        try (DurableStore store = DurableStore.open(dir)) {
            assertThat(Workload.check(store.recovered())).isEqualTo(9);
            store.persister().save(Workload.state(10), Workload.snapshot(10));
        }
        assertThat(Workload.check(DurableStore.inspect(dir))).isEqualTo(10);
    }

    @Test
    void aCorruptSnapshotIsReportedNotIgnored() throws IOException {
        saveUpTo(dir, 60);
        Path snapshot = snapshotFiles().getFirst();
        flipBit(snapshot, Files.size(snapshot) - 1, 0);
        assertThatThrownBy(() -> DurableStore.open(dir))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(snapshot.getFileName().toString())
                .hasMessageContaining("corrupt");
    }

    @Test
    void aMissingDataDirectoryIsAClearError() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> DurableStore.open(missing))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    /**
     * A full disk at 30 budgets from nothing to about a hundred saves (an odd step, so the
     * budget runs out at varying offsets inside records): the save that hits it fails, every later
     * save fails too (fail-stop), and recovery returns the last acknowledged save or the one that failed.
     * The budgets reach 13.4 KB: most saves of {@link Workload} are written as deltas of about 100 bytes, so the
     * last budgets fall after about as many saves (and snapshots) as the 40 KB of whole-state records did before;
     * larger budgets would only add fsyncs (each a real one) to the CI run.
     */
    @Test
    void aFullDiskFailsTheSaveAndKeepsEveryAcknowledgedOne() throws IOException {
        for (long budget = 0; budget < 13_600; budget += 463) {
            Path data = Files.createDirectory(dir.resolve("full-" + budget));
            long acked = -1;
            try (DurableStore store = DurableStore.open(data, new LimitedDisk(budget))) {
                Persister persister = store.persister();
                boolean failed = false;
                for (long i = 0; i < 300 && !failed; i++) {
                    try {
                        persister.save(Workload.state(i), Workload.snapshot(i));
                        acked = i;
                    } catch (StorageException e) {
                        failed = true;
                        assertThat(e).hasMessageContaining("No space left on device");
                        assertThat(persister.readRaftState()).as("memory keeps the last saved state")
                                .isEqualTo(acked < 0 ? new byte[0] : Workload.state(acked));
                        long next = i + 1;
                        assertThatThrownBy(() -> persister.save(Workload.state(next), Workload.snapshot(next)))
                                .hasMessageContaining("failed earlier");
                    }
                }
                assertThat(failed).as("budget %d is used up within 300 saves", budget).isTrue();
            }
            long recovered = Workload.check(DurableStore.inspect(data));
            assertThat(recovered).as("budget %d", budget).isBetween(acked, acked + 1);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static void saveUpTo(Path data, long last) {
        try (DurableStore store = DurableStore.open(data)) {
            Persister persister = store.persister();
            for (long i = 0; i <= last; i++) {
                persister.save(Workload.state(i), Workload.snapshot(i));
            }
        }
    }

    /** {@return the size of the state log of a store that saved 0..last} */
    private long logSizeAfter(long last) throws IOException {
        Path other = Files.createDirectory(root.resolve("prefix-" + last));
        saveUpTo(other, last);
        return Files.size(other.resolve(DurableStore.LOG));
    }

    private Path copyOfStore(String name) throws IOException {
        Path copy = Files.createDirectory(root.resolve(name));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private java.util.List<Path> snapshotFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("snapshot-")).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void flipBit(Path file, long position, int bit) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= (byte) (1 << bit);
        Files.write(file, bytes);
    }
}
