package io.rxlator.xlators.storage.posix;

import io.rxlator.runtime.fop.Bytes;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.Iatt;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One brick directory in GlusterFS's on-disk format: every object carries its gfid in
 * {@code trusted.gfid}, and {@code .glusterfs/<g0>/<g1>/<gfid>} is a hard link to each file and a
 * symlink {@code ../../<p0>/<p1>/<pargfid>/<name>} for each directory.
 *
 * <p>Nothing here ever follows a symlink the brick holds. Objects are reached with
 * {@code openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)} from the brick's own directory fd,
 * giving an {@code O_PATH} fd ({@link Obj}) that every later call works on; a name is only ever
 * resolved one component at a time inside a directory fd obtained that way. A symlink planted in
 * the brick, to {@code /etc} or to the parent, is an object like any other and is never
 * traversed.
 */
final class Brick implements AutoCloseable {

    static final String GFID_KEY = "trusted.gfid";
    static final String GFID2PATH_PREFIX = "trusted.gfid2path.";
    static final String VOLUME_ID_KEY = "trusted.glusterfs.volume-id";
    static final String HIDDEN = ".glusterfs";
    private static final int MAX_DEPTH = 4096;

    final String directory;
    final int root;
    private final int handles;
    private final boolean gfid2path;
    /** The .glusterfs/xx/yy directories known to exist, by 0xxxyy, so a create does not try mkdir each time. */
    private final AtomicBitSet madeHandleDirs = new AtomicBitSet(1 << 16);
    private final java.util.concurrent.ConcurrentHashMap<Gfid, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * The cached entries in the order they were cached, for a CLOCK sweep: the head is looked at
     * first, and one used since it was last looked at goes to the tail instead of out. Entries
     * forgotten meanwhile stay until a sweep passes them.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Cached> clock = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger inClock = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean sweeping = new java.util.concurrent.atomic.AtomicBoolean();
    private final int cacheLimit;
    /** Where the brick root is, as the kernel names it now. */
    private final String realPath;
    /** The root's inode, which {@link #insideBrick} looks for among a directory's ancestors. */
    private final long rootDev;
    private final long rootIno;

    /** A fixed-size bit set safe for concurrent use. */
    static final class AtomicBitSet {
        private final java.util.concurrent.atomic.AtomicLongArray words;

        AtomicBitSet(int bits) {
            words = new java.util.concurrent.atomic.AtomicLongArray((bits + 63) >>> 6);
        }

        boolean get(int i) {
            return (words.get(i >>> 6) & (1L << i)) != 0;
        }

        void set(int i) {
            words.getAndUpdate(i >>> 6, w -> w | (1L << i));
        }
    }

    /**
     * An {@code O_PATH} fd on one brick object and how to reach its extended attributes: through
     * the fd for anything but a symlink, through its parent directory and name for a symlink.
     */
    final class Obj implements AutoCloseable {
        final int fd;
        final Sys.Stat stat;
        private final int parent;
        private boolean ownsParent;
        final @Nullable String name;
        /** The gfid, once known: from how the object was found, or read once from its xattr. */
        private @Nullable Gfid gfid;
        private boolean gfidRead;
        /** The cache entry whose fd this object borrows, or null when the object owns its fd. */
        private @Nullable Cached cached;
        /** True when the fd is the caller's (an open file's), which {@link #close} leaves open. */
        private boolean borrowed;

        Obj(int fd, Sys.Stat stat, int parent, boolean ownsParent, @Nullable String name) {
            this.fd = fd;
            this.stat = stat;
            this.parent = parent;
            this.ownsParent = ownsParent;
            this.name = name;
        }

        Obj withGfid(Gfid g) {
            this.gfid = g;
            this.gfidRead = true;
            return this;
        }

        /** The object's gfid (read from {@code trusted.gfid} the first time), or null if it has none. */
        @Nullable Gfid gfid() {
            if (!gfidRead) {
                gfid = gfidOf(xattrPath(), xattrFollow());
                gfidRead = true;
            }
            return gfid;
        }

        /** The path the xattr calls take, and whether they follow it ({@link #xattrFollow()}). */
        String xattrPath() {
            if (stat.isSymlink()) {
                return Sys.proc(parent) + "/" + name;
            }
            return Sys.proc(fd);
        }

        boolean xattrFollow() {
            return !stat.isSymlink();
        }

        /**
         * A fresh stat of the object. It does not vouch for where a cached directory is: it
         * may have been moved out of the brick since it was checked, and only
         * {@link #fromCache} looks.
         */
        Sys.Stat restat() {
            return Sys.statx(fd, "");
        }

        @Override
        public void close() {
            if (cached != null) {
                cached.release();
            } else if (fd != root && !borrowed) {
                Sys.close(fd);
            }
            if (ownsParent) {
                Sys.close(parent);
            }
        }
    }

    // ---- the object cache ----

    /**
     * An {@code O_PATH} fd kept open for an object used lately, so the next call on it skips
     * resolving it again (a stat by gfid costs one statx instead of five calls). Counted: the
     * cache holds one reference, each {@link Obj} borrowing it another; the fd is closed with the
     * last one.
     */
    static final class Cached {
        final Gfid gfid;
        final int fd;
        /** The inode the fd is open on, which never changes: a name with these is this object. */
        final long ino;
        final long dev;
        /** Set by each use, cleared when the clock passes: an entry used since is kept. */
        volatile boolean used;
        /** For a directory: its ctime when it was last known to be inside the brick. */
        volatile long verifiedCtime = Long.MIN_VALUE;
        private final java.util.concurrent.atomic.AtomicInteger refs = new java.util.concurrent.atomic.AtomicInteger(1);

        Cached(Gfid gfid, int fd, Sys.Stat st) {
            this.gfid = gfid;
            this.fd = fd;
            this.ino = st.ino();
            this.dev = st.dev();
        }

        /** Takes a share for a use of the entry; false when its fd is already closed. */
        boolean retain() {
            while (true) {
                int r = refs.get();
                if (r == 0) {
                    return false;
                }
                if (refs.compareAndSet(r, r + 1)) {
                    if (!used) {
                        used = true;
                    }
                    return true;
                }
            }
        }

        void release() {
            if (refs.decrementAndGet() == 0) {
                Sys.close(fd);
            }
        }
    }

    /**
     * The cached object with gfid {@code g}, checked before use: it must still have links, and a
     * directory must still be inside the brick (one moved out of it behind the brick's back is
     * dropped and found afresh, so nothing is ever made outside the brick through it).
     */
    private @Nullable Obj fromCache(Gfid g) {
        Cached c = cache.get(g);
        if (c == null || !c.retain()) {
            return null;
        }
        boolean ok = false;
        try {
            Sys.Stat st = Sys.statx(c.fd, "");
            ok = st.nlink() > 0 && !st.isSymlink();
            if (ok && st.isDirectory() && ctime(st) != c.verifiedCtime) {
                // Changed since it was last seen inside the brick (a rename changes the ctime of
                // what it moves): look where it is now.
                ok = insideBrick(c.fd);
                if (ok) {
                    c.verifiedCtime = ctime(st);
                }
            }
            if (!ok) {
                forget(g);
                return null;
            }
            Obj o = new Obj(c.fd, st, -1, false, null).withGfid(g);
            o.cached = c;
            return o;
        } catch (FopException e) {
            forget(g);
            return null;
        } finally {
            if (!ok) {
                c.release();
            }
        }
    }

    /** The ancestors {@link #insideBrick} looks at by {@code ..} before it asks for the path. */
    private static final String[] UP = {"..", "../..", "../../..", "../../../.."};

    static long ctime(Sys.Stat st) {
        return st.ctimeSec() * 1_000_000_000L + st.ctimeNsec();
    }

    /**
     * Whether directory {@code dirFd} is inside the brick now. Its ancestors are looked at by
     * {@code ..}, which is never a symlink: meeting the brick's root on the way up settles it, and
     * reaching the top of the file system without meeting it means the directory was moved out.
     * Past {@link #UP} the kernel's path for the fd is asked instead (a statx costs a seventh of
     * that).
     */
    private boolean insideBrick(int dirFd) {
        try {
            long lastDev = -1;
            long lastIno = -1;
            for (String path : UP) {
                Sys.Stat up = Sys.statx(dirFd, path);
                if (up.ino() == rootIno && up.dev() == rootDev) {
                    return true;
                }
                if (up.ino() == lastIno && up.dev() == lastDev) {
                    return false; // the top of the file system, whose .. is itself
                }
                lastDev = up.dev();
                lastIno = up.ino();
            }
        } catch (FopException e) {
            // An ancestor this process may not search: the path below still answers.
        }
        String where;
        try {
            where = Sys.readlink(Sys.AT_FDCWD, Sys.proc(dirFd));
        } catch (FopException e) {
            return false;
        }
        return where.equals(realPath) || where.startsWith(realPath.equals("/") ? "/" : realPath + "/");
    }

    /**
     * Keeps {@code o}'s fd for later calls on gfid {@code g} (objects that are not symlinks);
     * {@code o} keeps working and its close releases its share.
     */
    Obj remember(Obj o, Gfid g) {
        o.withGfid(g);
        if (cacheLimit == 0 || o.cached != null || o.fd == root || o.stat.isSymlink()) {
            return o;
        }
        if (cache.containsKey(g)) {
            return o; // cached already; o keeps owning its fd
        }
        Cached c = new Cached(g, o.fd, o.stat);
        c.retain(); // o's share
        c.used = false; // an arrival is not a use: only a second use keeps an entry past the clock
        if (o.stat.isDirectory()) {
            c.verifiedCtime = ctime(o.stat); // found from the root without following anything: inside
        }
        Cached before = cache.putIfAbsent(g, c);
        if (before != null) {
            return o; // another thread cached it first; o keeps owning its fd
        }
        o.cached = c;
        if (o.ownsParent) {
            // The parent was only needed to reach a symlink's xattrs.
            Sys.close(o.parent);
            o.ownsParent = false;
        }
        clock.offer(c);
        if (inClock.incrementAndGet() > 2 * cacheLimit + 64) {
            sweepForgotten();
        }
        if (cache.size() > cacheLimit) {
            evictOne();
        }
        return o;
    }

    /**
     * Over the limit: drops the first entry, from the clock's head, that was not used since the
     * clock last passed it (a forgotten object is only resolved again on its next use).
     */
    private void evictOne() {
        for (int n = 2 * inClock.get() + 1; n > 0; n--) {
            Cached c = clock.poll();
            if (c == null) {
                return;
            }
            inClock.decrementAndGet();
            if (cache.get(c.gfid) != c) {
                continue; // forgotten since it was cached
            }
            if (c.used) {
                c.used = false;
                clock.offer(c);
                inClock.incrementAndGet();
                continue;
            }
            if (cache.remove(c.gfid, c)) {
                c.release();
                return;
            }
        }
    }

    /** Drops entries forgotten since they were cached (removed objects), so the clock stays near the cache's size. */
    private void sweepForgotten() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            int kept = 0;
            for (java.util.Iterator<Cached> i = clock.iterator(); i.hasNext(); ) {
                Cached c = i.next();
                if (cache.get(c.gfid) != c) {
                    i.remove();
                } else {
                    kept++;
                }
            }
            inClock.set(kept); // recounted: a count kept alongside concurrent polls can drift
        } finally {
            sweeping.set(false);
        }
    }

    /** Entries in the clock, forgotten ones included. */
    int clockLength() {
        return clock.size();
    }

    /** True when the fd of {@code g} is cached. */
    boolean isCached(Gfid g) {
        return cache.containsKey(g);
    }

    /** Drops the cached fd of {@code g}, if any (its object was removed, or nobody uses it any more). */
    void forget(Gfid g) {
        Cached c = cache.remove(g);
        if (c != null) {
            c.release();
        }
    }

    /** Objects whose fds are cached. */
    int cached() {
        return cache.size();
    }

    private Brick(String directory, int root, int handles, boolean gfid2path, int cacheLimit) {
        this.directory = directory;
        this.root = root;
        this.handles = handles;
        this.gfid2path = gfid2path;
        this.cacheLimit = cacheLimit;
        this.realPath = Sys.readlink(Sys.AT_FDCWD, Sys.proc(root));
        Sys.Stat st = Sys.statx(root, "");
        this.rootDev = st.dev();
        this.rootIno = st.ino();
    }

    /**
     * Opens a brick, checking and preparing it as GlusterFS's posix does at init: the directory
     * must exist; its volume-id must match when one is given; its root gets the root gfid and
     * {@code .glusterfs} its 256 handle directories, {@code landfill} and {@code unlink}.
     *
     * @throws IllegalStateException naming the directory and what is wrong
     */
    static Brick open(String directory, @Nullable String volumeId, long brickUid, long brickGid, boolean gfid2path) {
        return open(directory, volumeId, brickUid, brickGid, gfid2path, 1024);
    }

    /**
     * As {@link #open(String, String, long, long, boolean)}, keeping up to {@code cacheLimit}
     * objects' fds open (0: none).
     */
    static Brick open(String directory, @Nullable String volumeId, long brickUid, long brickGid, boolean gfid2path,
            int cacheLimit) {
        int root = Sys.C.openat(Sys.AT_FDCWD, Sys.c(directory), Sys.O_PATH | Sys.O_DIRECTORY | Sys.O_CLOEXEC, 0);
        if (root < 0) {
            int e = Sys.errno();
            if (e == Errno.ENOENT.code()) {
                throw new IllegalStateException("directory '" + directory + "' doesn't exist");
            }
            throw new IllegalStateException("cannot open directory '" + directory + "': " + Errno.orEio(e).describe());
        }
        int handles = -1;
        try {
            String self = Sys.proc(root);
            Bytes vid = Sys.getxattr(self, VOLUME_ID_KEY, true);
            if (volumeId != null && !volumeId.isBlank()) {
                Gfid want = parseVolumeId(volumeId);
                if (vid == null) {
                    throw new IllegalStateException("extended attribute " + VOLUME_ID_KEY + " is absent on '" + directory
                            + "'; a brick with volume-id " + want + " must carry it (is the right file system mounted?)");
                }
                if (vid.length() != 16 || !Gfid.fromBytes(vid.toByteArray()).equals(want)) {
                    throw new IllegalStateException("mismatching volume-id on '" + directory + "': the brick has "
                            + (vid.length() == 16 ? Gfid.fromBytes(vid.toByteArray()) : vid) + ", the volfile says " + want);
                }
            }
            Bytes rootGfid = Sys.getxattr(self, GFID_KEY, true);
            if (rootGfid == null) {
                Sys.setxattr(self, GFID_KEY, Bytes.wrap(Gfid.ROOT.toBytes()), Sys.XATTR_CREATE, true);
            } else if (rootGfid.length() != 16 || !Gfid.fromBytes(rootGfid.toByteArray()).isRoot()) {
                throw new IllegalStateException("'" + directory + "' has " + GFID_KEY + " " + rootGfid
                        + ", not the root gfid: it is a directory of another brick, not a brick root");
            }
            // The modes GlusterFS 10.3 leaves: .glusterfs and its fan-out 0700, landfill 0755, unlink 0600.
            mkdirIfMissing(root, HIDDEN, 0700);
            handles = Sys.openat2(root, HIDDEN, Sys.O_PATH | Sys.O_DIRECTORY, 0, Sys.RESOLVE_SAFE);
            for (int i = 0; i < 256; i++) {
                mkdirIfMissing(handles, String.format("%02x", i), 0700);
            }
            mkdirIfMissing(handles, "landfill", 0755);
            mkdirIfMissing(handles, "unlink", 0600);
            mkdirIfMissing(handles, "00/00", 0700);
            int rootHandles = Sys.openat2(handles, "00/00", Sys.O_PATH | Sys.O_DIRECTORY, 0, Sys.RESOLVE_SAFE);
            try {
                int r = Sys.C.symlinkat(Sys.c("../../.."), rootHandles, Sys.c(Gfid.ROOT.toString()));
                if (r < 0 && Sys.errno() != Errno.EEXIST.code()) {
                    throw Sys.failure("symlink", "root handle");
                }
            } finally {
                Sys.close(rootHandles);
            }
            if (brickUid >= 0 || brickGid >= 0) {
                Sys.check(Sys.C.fchownat(root, Sys.EMPTY, (int) brickUid, (int) brickGid,
                        Sys.AT_EMPTY_PATH | Sys.AT_SYMLINK_NOFOLLOW), "chown", directory);
            }
            return new Brick(directory, root, handles, gfid2path, cacheLimit);
        } catch (RuntimeException e) {
            Sys.close(handles);
            Sys.close(root);
            if (e instanceof FopException f) {
                throw new IllegalStateException("cannot prepare brick '" + directory + "': " + f.getMessage(), f);
            }
            throw e;
        }
    }

    private static Gfid parseVolumeId(String text) {
        try {
            return Gfid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("volume-id '" + text + "' is not a UUID");
        }
    }

    /** Makes a directory with exactly {@code mode} (whatever the umask) unless it exists. */
    private static void mkdirIfMissing(int dirfd, String path, int mode) {
        int r = Sys.C.mkdirat(dirfd, Sys.c(path), mode);
        if (r < 0 && Sys.errno() != Errno.EEXIST.code()) {
            throw Sys.failure("mkdir", path);
        }
        if (r == 0) {
            Sys.check(Sys.C.fchmodat(dirfd, Sys.c(path), mode, 0), "chmod", path);
        }
    }

    @Override
    public void close() {
        for (Gfid g : java.util.List.copyOf(cache.keySet())) {
            forget(g);
        }
        clock.clear();
        Sys.close(handles);
        Sys.close(root);
    }

    // ---- handles ----

    static String handleDirName(Gfid g) {
        int a = g.byteAt(0);
        int b = g.byteAt(1);
        return new String(new char[] {hexDigit(a >>> 4), hexDigit(a & 0xF), '/', hexDigit(b >>> 4), hexDigit(b & 0xF)});
    }

    private static char hexDigit(int d) {
        return Character.forDigit(d, 16);
    }

    /** The directory holding {@code g}'s handle, created on demand. Close it. */
    int handleDir(Gfid g, boolean create) {
        String rel = handleDirName(g);
        int index = (g.byteAt(0) & 0xFF) << 8 | (g.byteAt(1) & 0xFF);
        if (create && !madeHandleDirs.get(index)) {
            mkdirIfMissing(handles, rel, 0700);
            madeHandleDirs.set(index);
        }
        try {
            return Sys.openat2(handles, rel, Sys.O_PATH | Sys.O_DIRECTORY, 0, Sys.RESOLVE_SAFE);
        } catch (FopException e) {
            if (!create || e.errno() != Errno.ENOENT) {
                throw e;
            }
            // Removed behind the brick's back since it was made: make it again.
            mkdirIfMissing(handles, rel, 0700);
            return Sys.openat2(handles, rel, Sys.O_PATH | Sys.O_DIRECTORY, 0, Sys.RESOLVE_SAFE);
        }
    }

    /** The relative target of a directory handle: {@code ../../<p0>/<p1>/<pargfid>/<name>}. */
    static String dirHandleTarget(Gfid parent, String name) {
        return "../../" + handleDirName(parent) + "/" + parent + "/" + name;
    }

    // ---- resolution ----

    /** The brick root as an object. */
    Obj rootObj() {
        return new Obj(root, Sys.statx(root, ""), -1, false, null).withGfid(Gfid.ROOT);
    }

    /**
     * The object an open fd (not {@code O_PATH}) is on, found through that fd, so a file whose
     * last name went while it was open is still reached. The caller keeps the fd open.
     */
    Obj openFile(int fd, Gfid g) {
        Obj o = new Obj(fd, Sys.statx(fd, ""), -1, false, null);
        o.borrowed = true;
        return g.isNull() ? o : o.withGfid(g);
    }

    /** The object called {@code name} in directory fd {@code parent}, which the object now owns. */
    Obj childOwningParent(int parent, String name) {
        return openChild(parent, name, true);
    }

    /** The object called {@code name} in directory fd {@code parent} (which the caller keeps open). */
    Obj child(int parent, String name) {
        return openChild(parent, name, false);
    }

    /**
     * The object called {@code name} in directory fd {@code parent}, which the caller expects
     * to be {@code expected} (a null gfid when it does not know). When that object's fd is
     * cached and the name is still it, the cached fd serves: one statx of the name instead of
     * an open, a statx, a read of its gfid and a close. Otherwise as {@link #child(int, String)}.
     */
    Obj child(int parent, String name, Gfid expected) {
        Cached c = expected.isNull() ? null : cache.get(expected);
        if (c == null || !c.retain()) {
            return child(parent, name);
        }
        Obj o = null;
        try {
            Sys.Stat st = Sys.statx(parent, name);
            if (st.ino() == c.ino && st.dev() == c.dev) {
                o = new Obj(c.fd, st, parent, false, name).withGfid(expected);
                o.cached = c;
                return o;
            }
        } finally {
            if (o == null) {
                c.release();
            }
        }
        return child(parent, name);
    }

    private Obj openChild(int parent, String name, boolean ownsParent) {
        int fd = Sys.openat2(parent, name, Sys.O_PATH | Sys.O_NOFOLLOW, 0, Sys.RESOLVE_SAFE);
        try {
            return new Obj(fd, Sys.statx(fd, ""), parent, ownsParent, name);
        } catch (RuntimeException e) {
            Sys.close(fd);
            throw e;
        }
    }

    /**
     * The object with gfid {@code g}. {@code pathHint} (relative to the brick root) is tried
     * first for directories and used only if the object there has that gfid.
     *
     * @throws FopException ENOENT when the brick has no such object
     */
    Obj byGfid(Gfid g, @Nullable String pathHint) {
        if (g.isRoot()) {
            return rootObj();
        }
        Obj cachedObj = fromCache(g);
        if (cachedObj != null) {
            return cachedObj;
        }
        return remember(resolve(g, pathHint), g);
    }

    private Obj resolve(Gfid g, @Nullable String pathHint) {
        if (pathHint != null && !pathHint.isEmpty()) {
            Obj o = tryPath(pathHint, g);
            if (o != null) {
                return o;
            }
        }
        int hd;
        try {
            hd = handleDir(g, false);
        } catch (FopException e) {
            throw missing(g, e);
        }
        String name = g.toString();
        int h;
        try {
            h = Sys.openat2(hd, name, Sys.O_PATH | Sys.O_NOFOLLOW, 0, Sys.RESOLVE_SAFE);
        } catch (FopException e) {
            Sys.close(hd);
            throw missing(g, e);
        }
        try {
            Sys.Stat st = Sys.statx(h, "");
            if (!st.isSymlink()) {
                // A hard link named by the gfid: trusted as GlusterFS trusts its handles.
                return new Obj(h, st, hd, true, name).withGfid(g);
            }
            Bytes own = Sys.getxattr(Sys.proc(hd) + "/" + name, GFID_KEY, false);
            if (own != null && own.length() == 16 && Gfid.fromBytes(own.toByteArray()).equals(g)) {
                return new Obj(h, st, hd, true, name).withGfid(g); // a symlink file's own handle
            }
        } catch (RuntimeException e) {
            Sys.close(h);
            Sys.close(hd);
            throw e;
        }
        // A directory handle: follow the chain of handle symlinks by hand, never through the kernel.
        Sys.close(h);
        Sys.close(hd);
        String path = dirPath(g, 0);
        Obj o = tryPath(path, g);
        if (o == null) {
            throw FopException.of(Errno.ENOENT, "directory with gfid " + g + " is not where its handle says (" + path + ")");
        }
        return o;
    }

    private static FopException missing(Gfid g, FopException cause) {
        if (cause.errno() == Errno.ENOENT) {
            return FopException.of(Errno.ENOENT, "no object with gfid " + g + " on the brick");
        }
        return cause;
    }

    private @Nullable Obj tryPath(String rel, Gfid expect) {
        int fd;
        try {
            fd = Sys.openat2(root, rel, Sys.O_PATH | Sys.O_NOFOLLOW, 0, Sys.RESOLVE_SAFE);
        } catch (FopException e) {
            return null;
        }
        try {
            Sys.Stat st = Sys.statx(fd, "");
            if (!st.isDirectory()) {
                Sys.close(fd);
                return null;
            }
            Gfid have = gfidOf(Sys.proc(fd), true);
            if (!expect.equals(have)) {
                Sys.close(fd);
                return null;
            }
            return new Obj(fd, st, -1, false, null).withGfid(have);
        } catch (RuntimeException e) {
            Sys.close(fd);
            throw e;
        }
    }

    /** The path of directory {@code g} relative to the brick root, read from the chain of handles. */
    String dirPath(Gfid g, int depth) {
        if (g.isRoot()) {
            return "";
        }
        if (depth > MAX_DEPTH) {
            throw FopException.of(Errno.ELOOP, "directory handles of " + g + " nest deeper than " + MAX_DEPTH);
        }
        int hd;
        try {
            hd = handleDir(g, false);
        } catch (FopException e) {
            throw missing(g, e);
        }
        String target;
        try {
            target = Sys.readlink(hd, g.toString());
        } catch (FopException e) {
            throw missing(g, e);
        } finally {
            Sys.close(hd);
        }
        // ../../p0/p1/<pargfid>/<name>
        String[] parts = target.split("/", 6);
        if (parts.length != 6 || !parts[0].equals("..") || !parts[1].equals("..") || parts[5].isEmpty()
                || parts[5].contains("/")) {
            throw FopException.of(Errno.EIO, "directory handle of " + g + " points to '" + target + "', not ../../xx/yy/<gfid>/<name>");
        }
        Gfid parent;
        try {
            parent = Gfid.parse(parts[4]);
        } catch (IllegalArgumentException e) {
            throw FopException.of(Errno.EIO, "directory handle of " + g + " points to '" + target + "'");
        }
        String up = dirPath(parent, depth + 1);
        return up.isEmpty() ? parts[5] : up + "/" + parts[5];
    }

    // ---- gfids ----

    /** The gfid an object carries, or null. */
    static @Nullable Gfid gfidOf(String xattrPath, boolean follow) {
        Bytes b = Sys.getxattr(xattrPath, GFID_KEY, follow);
        return b != null && b.length() == 16 ? Gfid.fromBytes(b.toByteArray()) : null;
    }

    static @Nullable Gfid gfidOf(Obj o) {
        return o.gfid();
    }

    /** The gfid of {@code name} in directory fd {@code parent}, or null. */
    static @Nullable Gfid gfidAt(int parent, String name) {
        return gfidOf(Sys.proc(parent) + "/" + name, false);
    }

    /**
     * Gives the new entry {@code name} in {@code parent} its gfid, its handle and (for files)
     * its gfid2path attribute. On failure, what was done is undone; the caller removes the entry.
     *
     * @throws FopException EEXIST when another object already has the gfid
     */
    void assign(int parent, String name, Gfid g, Gfid pargfid, boolean directory) {
        assign(parent, name, g, pargfid, directory, -1);
    }

    /**
     * As {@link #assign(int, String, Gfid, Gfid, boolean)}, with {@code open} an fd the caller
     * holds open (not {@code O_PATH}) on the new entry, or -1: its attributes are then set
     * through that fd, without resolving a path.
     */
    void assign(int parent, String name, Gfid g, Gfid pargfid, boolean directory, int open) {
        String at = Sys.proc(parent) + "/" + name;
        if (open >= 0) {
            Sys.fsetxattr(open, GFID_KEY, Bytes.wrap(g.toBytes()), Sys.XATTR_CREATE, at);
        } else {
            Sys.setxattr(at, GFID_KEY, Bytes.wrap(g.toBytes()), Sys.XATTR_CREATE, false);
        }
        int hd = handleDir(g, true);
        try {
            int r = directory
                    ? Sys.C.symlinkat(Sys.c(dirHandleTarget(pargfid, name)), hd, Sys.c(g.toString()))
                    : Sys.C.linkat(parent, Sys.c(name), hd, Sys.c(g.toString()), 0);
            if (r < 0) {
                FopException f = Sys.errno() == Errno.EEXIST.code()
                        ? FopException.of(Errno.EEXIST, "gfid " + g + " is already in use on the brick")
                        : Sys.failure("handle for", name);
                Sys.removexattr(at, GFID_KEY, false);
                throw f;
            }
        } finally {
            Sys.close(hd);
        }
        if (!directory) {
            addGfid2path(open, at, false, pargfid, name);
        }
    }

    /** Removes {@code g}'s handle, if it is there, and its cached fd (its last name went). */
    void dropHandle(Gfid g) {
        forget(g);
        int hd;
        try {
            hd = handleDir(g, false);
        } catch (FopException e) {
            return;
        }
        try {
            Sys.C.unlinkat(hd, Sys.c(g.toString()), 0);
        } finally {
            Sys.close(hd);
        }
    }

    /** Points directory {@code g}'s handle at its new parent and name. */
    void moveDirHandle(Gfid g, Gfid newParent, String newName) {
        int hd = handleDir(g, true);
        try {
            String tmp = g + ".rename";
            Sys.C.unlinkat(hd, Sys.c(tmp), 0);
            Sys.check(Sys.C.symlinkat(Sys.c(dirHandleTarget(newParent, newName)), hd, Sys.c(tmp)), "symlink", "handle " + g);
            Sys.check(Sys.C.renameat2(hd, Sys.c(tmp), hd, Sys.c(g.toString()), 0), "rename", "handle " + g);
        } finally {
            Sys.close(hd);
        }
    }

    /** {@code trusted.gfid2path.<xxh64>} = {@code <pargfid>/<name>}, one per link. */
    static String gfid2pathKey(Gfid pargfid, String name) {
        return GFID2PATH_PREFIX + XxHash64.hex((pargfid + "/" + name).getBytes(StandardCharsets.UTF_8));
    }

    void addGfid2path(String xattrPath, boolean follow, Gfid pargfid, String name) {
        addGfid2path(-1, xattrPath, follow, pargfid, name);
    }

    private void addGfid2path(int open, String xattrPath, boolean follow, Gfid pargfid, String name) {
        if (!gfid2path) {
            return;
        }
        Bytes value = Bytes.utf8(pargfid + "/" + name);
        String key = gfid2pathKey(pargfid, name);
        try {
            if (open >= 0) {
                Sys.fsetxattr(open, key, value, Sys.XATTR_CREATE, xattrPath);
            } else {
                Sys.setxattr(xattrPath, key, value, Sys.XATTR_CREATE, follow);
            }
        } catch (FopException e) {
            if (e.errno() != Errno.EEXIST) {
                throw e;
            }
        }
    }

    void removeGfid2path(String xattrPath, boolean follow, Gfid pargfid, String name) {
        if (gfid2path) {
            Sys.removexattr(xattrPath, gfid2pathKey(pargfid, name), follow);
        }
    }

    void addGfid2path(Obj o, Gfid pargfid, String name) {
        addGfid2path(o.xattrPath(), o.xattrFollow(), pargfid, name);
    }

    void removeGfid2path(Obj o, Gfid pargfid, String name) {
        removeGfid2path(o.xattrPath(), o.xattrFollow(), pargfid, name);
    }

    /** True for the brick's own housekeeping directory at its root. */
    static boolean isHidden(Gfid parent, String name) {
        return parent.isRoot() && HIDDEN.equals(name);
    }

    // ---- attributes ----

    /** An iatt as GlusterFS's posix reports it: the handle link is not counted in nlink. */
    static Iatt iatt(Sys.Stat st, @Nullable Gfid gfid) {
        int nlink = st.nlink();
        if (!st.isDirectory() && gfid != null && nlink > 0) {
            nlink--;
        }
        Iatt.Builder b = Iatt.builder()
                .flags(Iatt.VALID_BASIC | (st.hasBtime() ? Iatt.VALID_BTIME : 0))
                .gfid(gfid == null ? Gfid.NULL : gfid)
                .mode(st.mode())
                .dev(st.dev())
                .rdev(st.rdev())
                .size(st.size())
                .nlink(nlink)
                .uid(st.uid())
                .gid(st.gid())
                .blksize(st.blksize())
                .blocks(st.blocks())
                .atime(st.atimeSec(), st.atimeNsec())
                .mtime(st.mtimeSec(), st.mtimeNsec())
                .ctime(st.ctimeSec(), st.ctimeNsec());
        if (st.hasBtime()) {
            b.btime(st.btimeSec(), st.btimeNsec());
        }
        return b.build();
    }
}
