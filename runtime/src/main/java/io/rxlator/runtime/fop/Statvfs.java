package io.rxlator.runtime.fop;

/**
 * File-system statistics, as {@code struct statvfs} (what statfs replies with).
 * Counts are unsigned 64-bit values in Java longs.
 */
public record Statvfs(
        long bsize,
        long frsize,
        long blocks,
        long bfree,
        long bavail,
        long files,
        long ffree,
        long favail,
        long fsid,
        long flag,
        long namemax) {

    /** {@code ST_RDONLY}: mounted read-only. */
    public static final long ST_RDONLY = 1;
    /** {@code ST_NOSUID}: suid and sgid bits ignored. */
    public static final long ST_NOSUID = 2;
}
