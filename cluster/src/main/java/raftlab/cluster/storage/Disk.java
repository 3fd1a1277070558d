package raftlab.cluster.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The file operations {@link DurableStore} needs, as a seam: {@link RealDisk} performs them, {@link LimitedDisk}
 * runs out of space after a budget of bytes, so that a test can fill the disk without root or a small mount.
 */
public interface Disk {

    /** A file open for writing at its end. */
    interface File extends Closeable {

        /** Writes all of {@code bytes} at the end of the file (a short write throws, leaving a partial tail). */
        void append(ByteBuffer bytes) throws IOException;

        /** Forces written data to the device ({@code fdatasync}). */
        void sync() throws IOException;

        /** {@return the file's size in bytes} */
        long size() throws IOException;
    }

    /** Opens {@code path} for appending, creating it if missing. */
    File openAppend(Path path) throws IOException;

    /** Creates {@code path} empty (replacing any file there) for writing. */
    File create(Path path) throws IOException;

    /** Cuts {@code path} to {@code size} bytes and forces the change. */
    void truncate(Path path, long size) throws IOException;

    /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
    void rename(Path from, Path to) throws IOException;

    /** Forces the directory's entries (a create, rename or delete in it) to the device. */
    void syncDirectory(Path dir) throws IOException;
}
