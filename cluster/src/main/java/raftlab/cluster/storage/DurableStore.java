package raftlab.cluster.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import raftlab.labrpc.persist.Persister;

/**
 * A Raft peer's stable storage on disk: the {@link Persister.Durability} behind a cluster node's persister.
 *
 * <h2>Files in the data directory</h2>
 * <ul>
 *   <li>{@code raft.log}: append-only; each {@link Persister#save} appends one record
 *       ({@link RecordFormat}: length, CRC32C, payload) whose payload is a kind byte, the snapshot's generation,
 *       length and CRC, then the Raft state: whole ({@code FULL}), or as a {@link StateDelta} from the state of the
 *       record before ({@code DELTA}), whichever is smaller. Replaying the valid records gives the state.</li>
 *   <li>{@code snapshot-<generation>}: one record holding a snapshot. A new snapshot is written to
 *       {@code snapshot-<generation>.tmp}, fsynced, renamed and the directory fsynced <em>before</em> the state
 *       record naming it is appended, so a state record never names a snapshot that is not on disk. The previous
 *       snapshot file is deleted only after that record is durable.</li>
 * </ul>
 *
 * <h2>Guarantees</h2>
 * {@link #save} returns only after the record is fsynced ({@code fdatasync}); an acknowledged save survives a
 * process crash or power loss. Recovery reads records from the start and stops at the first torn or corrupt one,
 * so it yields the last save that completed, or a later one whose record happened to be complete when the process
 * died. After a failed write (a full disk, an I/O error) the store refuses all further saves: what the kernel did
 * with the failed write is unknown, and the node must stop (fail-stop) rather than acknowledge on top of it.
 *
 * <p>Not thread-safe on its own; the {@link Persister} calls {@link #save} under its lock.
 */
public final class DurableStore implements Persister.Durability, AutoCloseable {

    static final String LOG = "raft.log";
    private static final String SNAPSHOT_PREFIX = "snapshot-";
    private static final String TMP_SUFFIX = ".tmp";
    private static final int STATE_PREFIX = 17;          // kind (1), generation (8), snapshot length (4) and CRC (4)
    private static final byte FULL = 0;
    private static final byte DELTA = 1;
    private static final long COMPACT_MIN_BYTES = 1 << 20;

    private final Path dir;
    private final Disk disk;
    private final Recovered recovered;
    private Disk.File log;
    private long generation;          // of the current snapshot; 0 = no snapshot
    private byte[] snapshot;          // the current snapshot's bytes
    private byte[] state;             // the Raft state of the last record written (deltas are taken from it)
    private int snapshotCrc;
    private long bytesWritten;
    private long syncs;
    private StorageException failure; // set by the first failed write; every later save rethrows it

    private DurableStore(Path dir, Disk disk, Recovered recovered, long generation, int snapshotCrc) {
        this.dir = dir;
        this.disk = disk;
        this.recovered = recovered;
        this.generation = generation;
        this.snapshot = recovered.snapshot();
        this.state = recovered.raftState();
        this.snapshotCrc = snapshotCrc;
    }

    /** Opens the store in {@code dir} on the real disk; see {@link #open(Path, Disk)}. */
    public static DurableStore open(Path dir) {
        return open(dir, RealDisk.INSTANCE);
    }

    /**
     * Recovers the store in {@code dir} and repairs it: cuts a torn or corrupt tail off the state log and deletes
     * temporary and unreferenced snapshot files.
     *
     * @throws StorageException if {@code dir} is not a directory, or the snapshot named by the last valid state
     *                          record is missing or corrupt (the data cannot be trusted; the message names the file)
     */
    public static DurableStore open(Path dir, Disk disk) {
        Objects.requireNonNull(disk, "DurableStore.open: disk is null");
        Scan scan = scan(dir);
        try {
            if (scan.recovered.discardedBytes() > 0) {
                disk.truncate(dir.resolve(LOG), scan.validEnd);
            }
            for (Path file : listFiles(dir)) {
                String name = file.getFileName().toString();
                boolean staleSnapshot = name.startsWith(SNAPSHOT_PREFIX)
                        && !name.equals(snapshotName(scan.generation));
                if (name.endsWith(TMP_SUFFIX) || staleSnapshot) {
                    Files.deleteIfExists(file);
                }
            }
            DurableStore store = new DurableStore(dir, disk, scan.recovered, scan.generation, scan.snapshotCrc);
            boolean existed = Files.exists(dir.resolve(LOG));
            store.log = disk.openAppend(dir.resolve(LOG));
            if (!existed) {
                disk.syncDirectory(dir);
            }
            return store;
        } catch (IOException e) {
            throw new StorageException("cannot open the store in " + dir + ": " + e, e);
        }
    }

    /**
     * Reads what recovery would find in {@code dir} without changing anything (for tests and the status command).
     *
     * @throws StorageException as {@link #open(Path, Disk)} does
     */
    public static Recovered inspect(Path dir) {
        return scan(dir).recovered;
    }

    /** {@return what was recovered when this store was opened} */
    public Recovered recovered() {
        return recovered;
    }

    /** {@return a persister that starts from the recovered state and saves through this store} */
    public Persister persister() {
        return new Persister(recovered.raftState(), recovered.snapshot(), this);
    }

    /** {@return the bytes written to files since this store was opened} */
    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    /** {@return the fsyncs (of files and of the directory) since this store was opened} */
    public synchronized long syncs() {
        return syncs;
    }

    @Override
    public synchronized void save(byte[] raftState, byte[] newSnapshot) {
        if (failure != null) {
            throw new StorageException("storage in " + dir + " failed earlier and accepts no more writes: "
                    + failure.getMessage(), failure);
        }
        try {
            long oldGeneration = generation;
            if (!Arrays.equals(newSnapshot, snapshot)) {
                writeSnapshot(newSnapshot);
            }
            appendState(raftState);
            if (oldGeneration != generation && oldGeneration != 0) {
                Files.deleteIfExists(dir.resolve(snapshotName(oldGeneration)));   // unreferenced now
            }
            if (log.size() > Math.max(COMPACT_MIN_BYTES, 4L * (RecordFormat.HEADER + STATE_PREFIX
                    + raftState.length))) {
                compact(raftState);
            }
            state = raftState;
        } catch (IOException | RuntimeException e) {
            failure = new StorageException("writing to " + dir + " failed: " + e.getMessage(), e);
            throw failure;
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (log != null) {
                log.close();
            }
        } catch (IOException e) {
            throw new StorageException("closing " + dir.resolve(LOG) + " failed: " + e, e);
        }
    }

    // ---- writing ------------------------------------------------------------------------------------------

    private void writeSnapshot(byte[] bytes) throws IOException {
        long next = generation + 1;
        if (bytes.length > 0) {
            Path tmp = dir.resolve(snapshotName(next) + TMP_SUFFIX);
            try (Disk.File file = disk.create(tmp)) {
                ByteBuffer record = RecordFormat.encode(bytes);
                bytesWritten += record.remaining();
                file.append(record);
                file.sync();
                syncs++;
            }
            disk.rename(tmp, dir.resolve(snapshotName(next)));
            disk.syncDirectory(dir);
            syncs++;
        }
        generation = bytes.length > 0 ? next : 0;
        snapshot = bytes;
        snapshotCrc = RecordFormat.crc(bytes.length, bytes, 0, bytes.length);
    }

    private void appendState(byte[] raftState) throws IOException {
        byte[] delta = StateDelta.diff(state, raftState);
        ByteBuffer record = RecordFormat.encode(delta == null ? statePayload(FULL, raftState)
                : statePayload(DELTA, delta));
        bytesWritten += record.remaining();
        log.append(record);
        log.sync();
        syncs++;
    }

    /** Rewrites the state log as one record, via a temporary file and a rename. */
    private void compact(byte[] raftState) throws IOException {
        Path tmp = dir.resolve(LOG + TMP_SUFFIX);
        try (Disk.File file = disk.create(tmp)) {
            ByteBuffer record = RecordFormat.encode(statePayload(FULL, raftState));
            bytesWritten += record.remaining();
            file.append(record);
            file.sync();
            syncs++;
        }
        log.close();
        disk.rename(tmp, dir.resolve(LOG));
        disk.syncDirectory(dir);
        syncs++;
        log = disk.openAppend(dir.resolve(LOG));
    }

    private byte[] statePayload(byte kind, byte[] body) {
        return ByteBuffer.allocate(STATE_PREFIX + body.length)
                .put(kind).putLong(generation).putInt(snapshot.length).putInt(snapshotCrc).put(body).array();
    }

    // ---- recovery -----------------------------------------------------------------------------------------

    private record Scan(Recovered recovered, long validEnd, long generation, int snapshotCrc) {}

    private static Scan scan(Path dir) {
        Objects.requireNonNull(dir, "DurableStore: dir is null");
        if (!Files.isDirectory(dir)) {
            throw new StorageException("data directory " + dir + " does not exist or is not a directory; "
                    + "create it (the cluster's start command does) or pass the right --data path");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(LOG));
        } catch (NoSuchFileException e) {
            bytes = new byte[0];
        } catch (IOException e) {
            throw new StorageException("cannot read " + dir.resolve(LOG) + ": " + e, e);
        }
        int offset = 0;
        int records = 0;
        byte[] last = null;
        byte[] state = new byte[0];
        for (byte[] payload; (payload = RecordFormat.decodeAt(bytes, offset)) != null
                && payload.length >= STATE_PREFIX; ) {
            ByteBuffer body = ByteBuffer.wrap(payload, STATE_PREFIX, payload.length - STATE_PREFIX);
            byte[] next = switch (payload[0]) {
                case FULL -> Arrays.copyOfRange(payload, STATE_PREFIX, payload.length);
                case DELTA -> records == 0 ? null : StateDelta.apply(state, body);
                default -> null;
            };
            if (next == null) {
                break;   // a record that cannot be read on top of the one before is corruption: stop here
            }
            state = next;
            last = payload;
            offset += RecordFormat.HEADER + payload.length;
            records++;
        }
        if (last == null) {
            return new Scan(new Recovered(new byte[0], new byte[0], 0, bytes.length), 0, 0,
                    RecordFormat.crc(0, new byte[0], 0, 0));
        }
        ByteBuffer prefix = ByteBuffer.wrap(last, 1, STATE_PREFIX - 1);
        long generation = prefix.getLong();
        int snapshotLength = prefix.getInt();
        int snapshotCrc = prefix.getInt();
        byte[] snapshot = generation == 0 ? new byte[0] : readSnapshot(dir, generation, snapshotLength, snapshotCrc);
        return new Scan(new Recovered(state, snapshot, records, bytes.length - offset), offset, generation,
                snapshotCrc);
    }

    private static byte[] readSnapshot(Path dir, long generation, int length, int crc) {
        Path file = dir.resolve(snapshotName(generation));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StorageException("the Raft state in " + dir.resolve(LOG) + " names snapshot " + file
                    + ", which cannot be read (" + e + "); the data directory is damaged", e);
        }
        byte[] payload = RecordFormat.decodeAt(bytes, 0);
        if (payload == null || payload.length != length
                || RecordFormat.crc(length, payload, 0, length) != crc) {
            throw new StorageException("snapshot " + file + " is corrupt (checksum or length does not match the "
                    + "Raft state that names it); the data directory is damaged");
        }
        return payload;
    }

    private static String snapshotName(long generation) {
        return SNAPSHOT_PREFIX + String.format("%016x", generation);
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
