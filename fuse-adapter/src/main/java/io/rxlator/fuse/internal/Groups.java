package io.rxlator.fuse.internal;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import jnr.ffi.Pointer;

/**
 * Supplementary groups of calling processes. libfuse reads them from {@code /proc}, which
 * costs a file read per request, so they are kept per process for {@code gid-timeout}
 * seconds (GlusterFS's fuse does the same, default 300). Root needs none: it passes every
 * check.
 */
final class Groups {

    private static final int[] NONE = new int[0];
    private static final int MAX_CACHED = 4096;

    private record Entry(int uid, int gid, int[] groups, long expires) {
    }

    private final LibFuse fuse;
    private final long ttlNanos;
    private final ConcurrentHashMap<Integer, Entry> byPid = new ConcurrentHashMap<>();

    Groups(LibFuse fuse, long ttlSeconds) {
        this.fuse = fuse;
        this.ttlNanos = ttlSeconds * 1_000_000_000L;
    }

    int[] of(Pointer req, int pid, int uid, int gid) {
        if (uid == 0) {
            return NONE;
        }
        long now = System.nanoTime();
        if (ttlNanos > 0) {
            Entry e = byPid.get(pid);
            if (e != null && e.uid == uid && e.gid == gid && now - e.expires < 0) {
                return e.groups;
            }
        }
        int[] buf = new int[32];
        int n = fuse.fuse_req_getgroups(req, buf.length, buf);
        if (n > buf.length) {
            buf = new int[n];
            n = fuse.fuse_req_getgroups(req, buf.length, buf);
        }
        int[] groups = n <= 0 ? NONE : Arrays.copyOf(buf, Math.min(n, buf.length));
        if (ttlNanos > 0) {
            if (byPid.size() >= MAX_CACHED) {
                byPid.clear();
            }
            byPid.put(pid, new Entry(uid, gid, groups, now + ttlNanos));
        }
        return groups;
    }

    int cached() {
        return byPid.size();
    }
}
