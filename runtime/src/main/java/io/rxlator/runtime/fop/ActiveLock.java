package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * One posix lock as {@code getactivelk} reports it and {@code setactivelk} restores it
 * (GlusterFS's {@code lock_migration_info_t}), used to move locks with a file.
 *
 * @param lkFlags GlusterFS's per-lock flags
 * @param clientUid the client that holds the lock
 */
public record ActiveLock(Flock flock, int lkFlags, String clientUid) {

    public ActiveLock {
        Objects.requireNonNull(flock, "flock");
        Objects.requireNonNull(clientUid, "clientUid");
    }
}
