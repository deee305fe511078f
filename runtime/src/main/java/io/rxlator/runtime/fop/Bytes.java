package io.rxlator.runtime.fop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable byte string: extended attribute values, lock owners, lease ids, checksums.
 *
 * <p>Equality is by content, so records holding {@code Bytes} compare as values.
 */
public final class Bytes implements Comparable<Bytes> {

    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Bytes of(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** The remaining bytes of {@code buffer}, copied; the buffer's position is not moved. */
    public static Bytes of(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b.length == 0 ? EMPTY : new Bytes(b);
    }

    /**
     * Takes ownership of {@code bytes} without copying. The caller must not change the
     * array afterwards.
     */
    public static Bytes wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    /** The UTF-8 bytes of {@code text}. */
    public static Bytes utf8(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses hex digits, with or without a leading {@code 0x} (the form {@code getfattr -e hex} prints).
     *
     * @throws IllegalArgumentException naming the text if it is not an even number of hex digits
     */
    public static Bytes fromHex(String hex) {
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (h.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits in '" + hex + "'");
        }
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(h.charAt(2 * i), 16);
            int lo = Character.digit(h.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not hex: '" + hex + "'");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return wrap(out);
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public byte get(int index) {
        return bytes[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** A read-only buffer over the bytes, without copying. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** Copies the bytes into {@code dst} at its position. */
    public void copyTo(ByteBuffer dst) {
        dst.put(bytes);
    }

    /** Copies the bytes into {@code dst} at {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
    }

    /** The bytes decoded as UTF-8. */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Lowercase hex, no prefix. */
    public String hex() {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** {@code 0x} followed by the hex digits, as {@code getfattr -e hex} shows values. */
    @Override
    public String toString() {
        return "0x" + hex();
    }
}
