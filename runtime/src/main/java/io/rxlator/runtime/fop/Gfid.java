package io.rxlator.runtime.fop;

import java.security.SecureRandom;
import java.util.Random;

/**
 * A GlusterFS file id: 16 bytes, a UUID, stored here as two big-endian longs.
 *
 * <p>The inode number GlusterFS shows to applications is the last eight bytes read
 * big-endian ({@link #ino()}), so a gfid fixes a file's {@code st_ino} everywhere it is
 * mounted. The root directory is always {@link #ROOT} ({@code 00000000-0000-0000-0000-000000000001}).
 */
public final class Gfid implements Comparable<Gfid> {

    /** The null gfid (all zero bytes): "not assigned". */
    public static final Gfid NULL = new Gfid(0L, 0L);
    /** The root directory's gfid. */
    public static final Gfid ROOT = new Gfid(0L, 1L);

    private static final ThreadLocal<Entropy> ENTROPY = ThreadLocal.withInitial(Entropy::new);

    /**
     * A thread's unused random bytes: one locked SecureRandom call fills 1 KiB (64 gfids), where
     * taking each gfid's two longs from it took four (measured here: about 170 against 450 ns a gfid).
     * SecureRandom reads /dev/urandom, which never waits once the kernel's generator is seeded at
     * boot, so event-loop threads may make gfids.
     */
    private static final class Entropy {
        static final Random RANDOM = new SecureRandom();

        final byte[] bytes = new byte[1024];
        int next = bytes.length;

        long nextLong() {
            if (next == bytes.length) {
                RANDOM.nextBytes(bytes);
                next = 0;
            }
            long v = readLong(bytes, next);
            next += 8;
            return v;
        }
    }

    private final long high;
    private final long low;

    private Gfid(long high, long low) {
        this.high = high;
        this.low = low;
    }

    /** The gfid with these two halves (bytes 0..7 and 8..15, big-endian). */
    public static Gfid of(long high, long low) {
        if (high == 0L && low == 0L) {
            return NULL;
        }
        if (high == 0L && low == 1L) {
            return ROOT;
        }
        return new Gfid(high, low);
    }

    /** A fresh random version-4 UUID, as GlusterFS's fuse bridge makes for gfid-req. */
    public static Gfid random() {
        Entropy e = ENTROPY.get();
        long high = e.nextLong();
        long low = e.nextLong();
        high = (high & ~0xF000L) | 0x4000L;              // version 4
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return of(high, low);
    }

    /**
     * The gfid in 16 raw bytes (the value of {@code trusted.gfid}).
     *
     * @throws IllegalArgumentException if the array does not hold exactly 16 bytes
     */
    public static Gfid fromBytes(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("a gfid is 16 bytes, got " + bytes.length);
        }
        return of(readLong(bytes, 0), readLong(bytes, 8));
    }

    /**
     * Parses the canonical form {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} (hex, any case).
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static Gfid parse(CharSequence text) {
        if (text.length() != 36) {
            throw badText(text);
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    throw badText(text);
                }
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0) {
                throw badText(text);
            }
            if (digits < 16) {
                high = (high << 4) | d;
            } else {
                low = (low << 4) | d;
            }
            digits++;
        }
        return of(high, low);
    }

    private static IllegalArgumentException badText(CharSequence text) {
        return new IllegalArgumentException(
                "not a gfid: '" + text + "' (expected 8-4-4-4-12 hex digits, e.g. 00000000-0000-0000-0000-000000000001)");
    }

    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** Bytes 0..7, big-endian. */
    public long high() {
        return high;
    }

    /** Bytes 8..15, big-endian. */
    public long low() {
        return low;
    }

    /** The inode number GlusterFS derives from this gfid: the last 8 bytes, big-endian. */
    public long ino() {
        return low;
    }

    public boolean isNull() {
        return high == 0L && low == 0L;
    }

    public boolean isRoot() {
        return high == 0L && low == 1L;
    }

    /** The 16 raw bytes. */
    public byte[] toBytes() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return b;
    }

    /** Byte {@code i} (0..15). */
    public int byteAt(int i) {
        if (i < 0 || i > 15) {
            throw new IndexOutOfBoundsException(i);
        }
        long half = i < 8 ? high : low;
        return (int) (half >>> (56 - 8 * (i & 7))) & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gfid g && g.high == high && g.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low);
    }

    @Override
    public int compareTo(Gfid o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    /** The canonical lowercase 8-4-4-4-12 form. */
    @Override
    public String toString() {
        char[] out = new char[36];
        int p = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out[p++] = '-';
            }
            int b = byteAt(i);
            out[p++] = Character.forDigit(b >>> 4, 16);
            out[p++] = Character.forDigit(b & 0xF, 16);
        }
        return new String(out);
    }
}
