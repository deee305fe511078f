package io.rxlator.xlators.storage.common;

import io.rxlator.runtime.fop.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The checksums of {@code rchecksum}, as GlusterFS computes them: the weak one is zlib's
 * {@code adler32} started from 0 (not 1, as {@link java.util.zip.Adler32} starts), the strong
 * one MD5, or SHA-256 when the brick runs in FIPS mode.
 */
public final class Checksums {

    private static final int MOD_ADLER = 65521;

    private Checksums() {
    }

    /** {@code adler32(0, data, len)}. */
    public static int weak(byte[] data, int offset, int length) {
        long a = 0;
        long b = 0;
        for (int i = offset; i < offset + length; i++) {
            a = (a + (data[i] & 0xFF)) % MOD_ADLER;
            b = (b + a) % MOD_ADLER;
        }
        return (int) ((b << 16) | a);
    }

    /** MD5 of the bytes, or SHA-256 when {@code fips} is set. */
    public static Bytes strong(byte[] data, int offset, int length, boolean fips) {
        try {
            MessageDigest md = MessageDigest.getInstance(fips ? "SHA-256" : "MD5");
            md.update(data, offset, length);
            return Bytes.wrap(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + (fips ? "SHA-256" : "MD5"), e);
        }
    }

    /** True if every byte is zero. */
    public static boolean allZero(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
