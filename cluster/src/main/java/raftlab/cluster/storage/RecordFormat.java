package raftlab.cluster.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One checksummed record: {@code [u32 length][u32 crc32c][payload]}, big-endian, where the CRC32C covers the four
 * length bytes and the payload, so a flipped bit in the length is caught as surely as one in the payload.
 */
final class RecordFormat {

    /** Bytes before the payload. */
    static final int HEADER = 8;

    /** Larger lengths are corruption, not records (a Raft state this big would be a bug anyway). */
    static final int MAX_PAYLOAD = 1 << 30;

    private RecordFormat() {}

    /** {@return the record holding {@code payload}, ready to write} */
    static ByteBuffer encode(byte[] payload) {
        ByteBuffer record = ByteBuffer.allocate(HEADER + payload.length);
        record.putInt(payload.length);
        record.putInt(crc(payload.length, payload, 0, payload.length));
        record.put(payload);
        return record.flip();
    }

    /**
     * Reads the record at {@code offset} of {@code bytes}.
     *
     * @return its payload, or null if the record there is torn (runs past the end) or corrupt (bad length or CRC)
     */
    static byte[] decodeAt(byte[] bytes, int offset) {
        if (bytes.length - offset < HEADER) {
            return null;
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, offset, HEADER);
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 0 || length > MAX_PAYLOAD || length > bytes.length - offset - HEADER) {
            return null;
        }
        if (crc(length, bytes, offset + HEADER, length) != crc) {
            return null;
        }
        byte[] payload = new byte[length];
        System.arraycopy(bytes, offset + HEADER, payload, 0, length);
        return payload;
    }

    static int crc(int length, byte[] bytes, int offset, int count) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        crc.update(bytes, offset, count);
        return (int) crc.getValue();
    }
}
