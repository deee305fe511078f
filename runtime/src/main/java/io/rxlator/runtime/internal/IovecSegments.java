package io.rxlator.runtime.internal;

import io.rxlator.runtime.fop.Iovec;
import java.nio.ByteBuffer;
import java.util.function.BiFunction;

/**
 * The memory behind an {@link Iovec}'s segments, for bridges that hand it to the kernel
 * without copying it (a FUSE read reply). What this gives must only be read: the Iovec's
 * readers share it.
 */
public final class IovecSegments {

    private static volatile BiFunction<Iovec, Integer, ByteBuffer> access;

    private IovecSegments() {
    }

    /** Called once by {@link Iovec}. */
    public static void install(BiFunction<Iovec, Integer, ByteBuffer> accessor) {
        access = accessor;
    }

    /**
     * Segment {@code i} of {@code v} as stored: a heap buffer with its array, or a direct
     * buffer, positioned at its first byte. Never write through it.
     */
    public static ByteBuffer raw(Iovec v, int i) {
        return access.apply(v, i);
    }
}
