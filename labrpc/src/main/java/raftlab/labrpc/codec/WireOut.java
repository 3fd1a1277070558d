package raftlab.labrpc.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the codec's primitive encodings: unsigned varints, zig-zag varints for signed
 * numbers, fixed-width IEEE bits for floating point, and strings as UTF-8 with a varint length.
 */
final class WireOut {

    private byte[] buf;
    private int pos;

    WireOut(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    int position() {
        return pos;
    }

    /** Forgets everything written after {@code position}: an encode that failed half-way leaves no trace. */
    void truncate(int position) {
        pos = position;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int more) {
        if (buf.length - pos < more) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    void writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, pos, length);
        pos += length;
    }

    /** Unsigned varint, 7 bits per byte, least significant group first (as protobuf). */
    void writeVarint(int value) {
        ensure(5);
        while ((value & ~0x7F) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    void writeVarlong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    /** Zig-zag maps small negative numbers to small unsigned ones, so -1 costs one byte, not five. */
    void writeInt(int value) {
        writeVarint((value << 1) ^ (value >> 31));
    }

    void writeLong(long value) {
        writeVarlong((value << 1) ^ (value >> 63));
    }

    void writeFixed32(int bits) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[pos++] = (byte) (bits >>> (8 * i));
        }
    }

    void writeFixed64(long bits) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (bits >>> (8 * i));
        }
    }

    /**
     * A header varint {@code n << 1 | form}, then the characters. Form 0 is UTF-8 ({@code n} bytes), the usual case;
     * form 1 is raw UTF-16 ({@code n} chars), used only for strings with unpaired surrogates, which UTF-8 cannot
     * represent and {@code getBytes} would silently turn into '?'.
     */
    void writeString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        // getBytes turns each unpaired surrogate into '?', so only strings whose UTF-8 holds a '?' need the check
        if (!contains(utf8, (byte) '?') || !hasUnpairedSurrogate(s)) {
            writeVarint(utf8.length << 1);
            writeBytes(utf8, 0, utf8.length);
            return;
        }
        writeVarint(s.length() << 1 | 1);
        ensure(2 * s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            buf[pos++] = (byte) c;
            buf[pos++] = (byte) (c >>> 8);
        }
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
