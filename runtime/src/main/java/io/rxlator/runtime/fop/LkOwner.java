package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The owner of a lock: an opaque byte string of at most {@value #MAX_LENGTH} bytes
 * ({@code gf_lkowner_t}). Two requests with equal owners from the same client hold locks
 * together; FUSE passes a 64-bit owner per open file description.
 */
public record LkOwner(Bytes bytes) {

    /** GlusterFS's limit on an lk-owner. */
    public static final int MAX_LENGTH = 1024;

    /** The empty owner: no owner set. */
    public static final LkOwner NONE = new LkOwner(Bytes.EMPTY);

    public LkOwner {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "lk-owner is " + bytes.length() + " bytes, at most " + MAX_LENGTH + " allowed");
        }
    }

    /** An 8-byte owner holding {@code value} big-endian (FUSE's lock_owner). */
    public static LkOwner of(long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (56 - 8 * i));
        }
        return new LkOwner(Bytes.wrap(b));
    }

    public boolean isNone() {
        return bytes.isEmpty();
    }

    @Override
    public String toString() {
        return bytes.isEmpty() ? "none" : bytes.hex();
    }
}
