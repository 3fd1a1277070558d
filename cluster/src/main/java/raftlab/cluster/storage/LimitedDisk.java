package raftlab.cluster.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RealDisk} with room for only {@code budget} more bytes: the write that crosses the budget writes what fits
 * (a short write, as a full device does) and then fails with "No space left on device", as do all writes after it.
 * Tests use it to fill the disk without root privileges or a small mount.
 */
public final class LimitedDisk implements Disk {

    private final AtomicLong left;

    /** A disk that accepts {@code budget} more bytes in all. */
    public LimitedDisk(long budget) {
        this.left = new AtomicLong(budget);
    }

    @Override
    public File openAppend(Path path) throws IOException {
        return new Limited(RealDisk.INSTANCE.openAppend(path));
    }

    @Override
    public File create(Path path) throws IOException {
        return new Limited(RealDisk.INSTANCE.create(path));
    }

    @Override
    public void truncate(Path path, long size) throws IOException {
        RealDisk.INSTANCE.truncate(path, size);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        RealDisk.INSTANCE.rename(from, to);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        RealDisk.INSTANCE.syncDirectory(dir);
    }

    private final class Limited implements File {

        private final File file;

        Limited(File file) {
            this.file = file;
        }

        @Override
        public void append(ByteBuffer bytes) throws IOException {
            int wanted = bytes.remaining();
            long granted = Math.max(0, Math.min(wanted, left.getAndAdd(-wanted)));
            if (granted > 0) {
                ByteBuffer part = bytes.slice(bytes.position(), (int) granted);
                file.append(part);
                bytes.position(bytes.position() + (int) granted);
            }
            if (granted < wanted) {
                throw new IOException("No space left on device (simulated: the disk's byte budget is used up)");
            }
        }

        @Override
        public void sync() throws IOException {
            file.sync();
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
