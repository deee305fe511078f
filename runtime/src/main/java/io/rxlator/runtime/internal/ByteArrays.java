package io.rxlator.runtime.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Byte arrays for data that is about to be overwritten in full: a read from storage, a write
 * from the kernel. When the JVM exports {@code jdk.internal.misc} to us
 * ({@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}, which the {@code rxlator}
 * command gives), arrays from 4 KiB are asked for without zeroing; otherwise they are ordinary
 * arrays.
 *
 * <p>The JIT skips the zeroing only for an array it can place in the thread's allocation
 * buffer. One that takes the allocation slow path is zeroed all the same. By default the JVM
 * sends every array larger than a 64th of that buffer to the slow path, which under G1 (Java 17
 * and 25 alike) is every array from about 64 KiB: a 128 KiB read then pays a zeroing pass over
 * its array (about 5 µs on this kind of machine). The {@code ./rxlator} launcher and a
 * background mount's daemon start the JVM with {@code -XX:TLABRefillWasteFraction=2}, which
 * lets arrays up to half the buffer in.
 */
public final class ByteArrays {

    private static final int UNINITIALIZED_FROM = 4096;
    private static final MethodHandle UNINITIALIZED = find();

    private ByteArrays() {
    }

    private static MethodHandle find() {
        try {
            Class<?> unsafe = Class.forName("jdk.internal.misc.Unsafe");
            Object instance = unsafe.getMethod("getUnsafe").invoke(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafe, "allocateUninitializedArray", MethodType.methodType(Object.class, Class.class, int.class))
                    .bindTo(instance);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * An array of {@code length} bytes whose contents are unspecified: the caller must write
     * every byte it later lets anyone read.
     */
    public static byte[] forOverwrite(int length) {
        if (UNINITIALIZED != null && length >= UNINITIALIZED_FROM) {
            try {
                Object array = UNINITIALIZED.invokeExact(byte.class, length);
                return (byte[]) array;
            } catch (Throwable e) {
                // fall through to an ordinary array
            }
        }
        return new byte[length];
    }
}
