package io.rxlator.runtime.internal;

/**
 * The arrays behind lent read replies ({@code Iovec.borrow}, {@code Iovec.lend}), kept per
 * thread once given back. A stream of 128 KiB reads then fills the same array again and again
 * while it is still in the CPU's caches; a fresh array each time is memory the caches have not
 * seen lately, and with fresh arrays sequential reads through FUSE cost 1.3 to 1.6 times the
 * server CPU per GiB here. Only arrays between
 * {@link #MIN} and {@link #MAX} bytes are kept, at most {@link #PER_THREAD} of them per thread,
 * so a thread holds at most 1 MiB; smaller arrays are cheaper to allocate than to look for.
 * An array given back on a thread other than the one that took it simply stays there.
 */
public final class SpareArrays {

    public static final int MIN = 32 << 10;
    public static final int MAX = 256 << 10;
    public static final int PER_THREAD = 4;

    private static final ThreadLocal<byte[][]> SPARES = ThreadLocal.withInitial(() -> new byte[PER_THREAD][]);

    private SpareArrays() {
    }

    /** An array of exactly {@code length} bytes, a spare one when this thread has one; contents unspecified. */
    public static byte[] take(int length) {
        if (length >= MIN && length <= MAX) {
            byte[][] spares = SPARES.get();
            for (int i = 0; i < spares.length; i++) {
                byte[] a = spares[i];
                if (a != null && a.length == length) {
                    spares[i] = null;
                    return a;
                }
            }
        }
        return ByteArrays.forOverwrite(length);
    }

    /**
     * Keeps {@code array} for a later {@link #take} on this thread; the caller must not touch it
     * again. When the thread already has its fill, the array replaces a spare of another size
     * (the sizes being read have changed) or is left to the garbage collector.
     */
    public static void give(byte[] array) {
        if (array.length < MIN || array.length > MAX) {
            return;
        }
        byte[][] spares = SPARES.get();
        int other = -1;
        for (int i = 0; i < spares.length; i++) {
            byte[] a = spares[i];
            if (a == null) {
                spares[i] = array;
                return;
            }
            if (a.length != array.length) {
                other = i;
            }
        }
        if (other >= 0) {
            spares[other] = array;
        }
    }
}
