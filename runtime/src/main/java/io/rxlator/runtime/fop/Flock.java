package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * A byte-range lock description ({@code struct gf_flock}).
 *
 * @param whence {@code SEEK_SET} 0, {@code SEEK_CUR} 1 or {@code SEEK_END} 2
 * @param start the first byte
 * @param len the number of bytes; 0 means "to the end of the file"
 * @param pid the process holding or asking for the lock
 * @param owner the lock owner
 */
public record Flock(LockType type, int whence, long start, long len, int pid, LkOwner owner) {

    public Flock {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(owner, "owner");
        if (whence < 0 || whence > 2) {
            throw new IllegalArgumentException("lock whence " + whence + " is not SEEK_SET (0), SEEK_CUR (1) or SEEK_END (2)");
        }
    }

    /** A lock of the whole file ({@code start} 0, {@code len} 0) for this owner. */
    public static Flock wholeFile(LockType type, int pid, LkOwner owner) {
        return new Flock(type, 0, 0, 0, pid, owner);
    }

    /** The last byte covered, or {@link Long#MAX_VALUE} for a lock to the end of the file. */
    public long end() {
        return len == 0 ? Long.MAX_VALUE : start + len - 1;
    }

    public Flock withType(LockType newType) {
        return new Flock(newType, whence, start, len, pid, owner);
    }
}
