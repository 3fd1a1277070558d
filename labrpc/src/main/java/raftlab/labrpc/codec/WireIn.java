package raftlab.labrpc.codec;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link WireOut} wrote. Every read is bounds-checked, and every length is checked against the bytes
 * that remain before anything is allocated, so garbage input fails with a {@link CodecException} instead of an
 * {@code ArrayIndexOutOfBoundsException} or an {@code OutOfMemoryError}.
 */
final class WireIn {

    private final byte[] buf;
    private int pos;

    WireIn(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
    }

    int position() {
        return pos;
    }

    /** Moves back to {@code position}, e.g. after a failed typed read, so the caller may try again. */
    void seek(int position) {
        pos = position;
    }

    int remaining() {
        return buf.length - pos;
    }

    static CodecException corrupt(String what) {
        return new CodecException("cannot decode: " + what
                + " (the bytes are corrupt, truncated, or were not produced by Codec/Encoder in this JVM)");
    }

    private void need(long n) {
        if (n > buf.length - pos) {
            throw corrupt("needs " + n + " more bytes at offset " + pos + " but only " + remaining() + " remain");
        }
    }

    int readByte() {
        need(1);
        return buf[pos++];
    }

    byte[] readBytes(int length) {
        need(length);
        byte[] out = new byte[length];
        System.arraycopy(buf, pos, out, 0, length);
        pos += length;
        return out;
    }

    int readVarint() {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            result |= (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw corrupt("malformed varint ending at offset " + pos);
    }

    long readVarlong() {
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw corrupt("malformed varint ending at offset " + pos);
    }

    int readInt() {
        int z = readVarint();
        return (z >>> 1) ^ -(z & 1);
    }

    long readLong() {
        long z = readVarlong();
        return (z >>> 1) ^ -(z & 1);
    }

    int readFixed32() {
        need(4);
        int bits = 0;
        for (int i = 0; i < 4; i++) {
            bits |= (buf[pos++] & 0xFF) << (8 * i);
        }
        return bits;
    }

    long readFixed64() {
        need(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (long) (buf[pos++] & 0xFF) << (8 * i);
        }
        return bits;
    }

    /**
     * A count of things that each take at least {@code minBytes} bytes; checked against what remains so that a
     * corrupt count cannot make us allocate a huge array.
     */
    int readCount(int minBytes) {
        int n = readVarint();
        if (n < 0 || (long) n * minBytes > remaining()) {
            throw corrupt("count " + Integer.toUnsignedString(n) + " at offset " + pos + " exceeds the "
                    + remaining() + " bytes that remain");
        }
        return n;
    }

    String readString() {
        int header = readVarint();
        int n = header >>> 1;
        if ((header & 1) == 0) {
            need(n);
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
        need(2L * n);
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = (char) ((buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8);
            pos += 2;
        }
        return new String(chars);
    }
}
