package io.rxlator.xlators.storage.posix;

import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.inode.ContextKey;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.internal.ByteArrays;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.option.PercentOrSize;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.runtime.xlator.Notifier;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import io.rxlator.xlators.storage.common.Checksums;
import io.rxlator.xlators.storage.common.StorageTranslator;
import io.rxlator.xlators.storage.common.Names;
import io.rxlator.xlators.storage.common.Permissions;
import io.rxlator.xlators.storage.common.XattropMath;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code storage/posix}: a brick on a local directory, in GlusterFS's on-disk format, so a
 * brick written by rxlator opens in GlusterFS and the other way round (same gfids, same
 * {@code .glusterfs} handles, same gfid2path attributes).
 *
 * <p>Blocking calls run on the thread that subscribed when it may block (a FUSE worker, as
 * GlusterFS's posix runs on its callers' threads), and on Reactor's bounded elastic scheduler
 * when it may not (an event loop, a parallel worker).
 *
 * <p>The brick process is root; permissions are checked here against the caller's identity
 * (uid, gid, groups), as the kernel would, so a non-root caller gets EACCES and EPERM where it
 * should whichever bridge or protocol it came through.
 */
public final class PosixTranslator extends StorageTranslator {

    public static final String TYPE = "storage/posix";

    static final Option<String> DIRECTORY = Option.path("directory").required()
            .description("The brick: the local directory that holds the volume's files.");
    static final Option<String> VOLUME_ID = Option.string("volume-id")
            .description("When set, the brick's trusted.glusterfs.volume-id must hold this UUID, or the brick does not start.");
    static final Option<Long> CREATE_MASK = Option.integer("create-mask").defaultValue("0777").range(0, 0777)
            .description("Permission bits a new file may keep.").reconfigurable();
    static final Option<Long> FORCE_CREATE_MODE = Option.integer("force-create-mode").defaultValue("0000").range(0, 0777)
            .description("Permission bits every new file gets.").reconfigurable();
    static final Option<Long> CREATE_DIRECTORY_MASK = Option.integer("create-directory-mask").defaultValue("0777")
            .range(0, 0777).description("Permission bits a new directory may keep.").reconfigurable();
    static final Option<Long> FORCE_DIRECTORY_MODE = Option.integer("force-directory-mode").defaultValue("0000")
            .range(0, 0777).description("Permission bits every new directory gets.").reconfigurable();
    static final Option<Boolean> GFID2PATH = Option.bool("gfid2path").defaultValue("on")
            .description("Keep a trusted.gfid2path.<hash> attribute per link, naming its parent and name.");
    static final Option<String> GFID2PATH_SEPARATOR = Option.string("gfid2path-separator").defaultValue(":")
            .description("Separator of the virtual gfid2path answer (accepted for GlusterFS volfiles).");
    static final Option<PercentOrSize> RESERVE = Option.percentOrSize("reserve").defaultValue("1")
            .description("Space kept free: writes and creates fail with ENOSPC below it (a percentage or a size).")
            .reconfigurable();
    static final Option<Long> MAX_HARDLINKS = Option.integer("max-hardlinks").defaultValue("100").range(0, 1 << 30)
            .description("Links a file may have (0 for no limit); a link past it fails with EMLINK.").reconfigurable();
    static final Option<Boolean> FIPS_MODE_RCHECKSUM = Option.bool("fips-mode-rchecksum").defaultValue("off")
            .description("Use SHA-256 instead of MD5 as rchecksum's strong checksum.").reconfigurable();
    static final Option<Boolean> O_DIRECT_OPTION = Option.bool("o-direct").defaultValue("off")
            .description("Honour O_DIRECT in opens (otherwise it is dropped).").reconfigurable();
    static final Option<Long> SHARED_BRICK_COUNT = Option.integer("shared-brick-count").defaultValue("1").range(1, 1 << 20)
            .description("How many bricks share this file system; statfs divides sizes by it.").reconfigurable();
    static final Option<Boolean> EXPORT_STATFS_SIZE = Option.bool("export-statfs-size").defaultValue("on")
            .description("Report the file system's sizes in statfs (off reports zero sizes).").reconfigurable();
    static final Option<Long> BRICK_UID = Option.integer("brick-uid").defaultValue("-1").range(-1, 1L << 32)
            .description("Owner given to the brick root at start (-1 leaves it).");
    static final Option<Long> BRICK_GID = Option.integer("brick-gid").defaultValue("-1").range(-1, 1L << 32)
            .description("Group given to the brick root at start (-1 leaves it).");
    static final Option<Long> OBJECT_CACHE_SIZE = Option.integer("object-cache-size").defaultValue("1024")
            .range(0, 1 << 20).description("Files and directories whose handles stay open after use, so later calls on "
                    + "them skip finding them again (0: none). rxlator's own option.");
    static final Option<Long> HEALTH_CHECK_INTERVAL = Option.integer("health-check-interval").defaultValue("30")
            .range(0, 1 << 20).description("Seconds between writes of .glusterfs/health_check (0 turns the check off); "
                    + "a failed check takes the brick down (CHILD_DOWN).").reconfigurable();
    static final Option<Long> HEALTH_CHECK_TIMEOUT = Option.integer("health-check-timeout").defaultValue("20")
            .range(0, 1 << 20).description("Seconds a health check may take.").reconfigurable();
    // Accepted so GlusterFS-generated volfiles load unchanged; they steer mechanisms rxlator does not have.
    static final List<Option<?>> ACCEPTED = List.of(
            Option.string("hostname").description("Accepted for GlusterFS volfiles."),
            Option.bool("mandate-attribute").description("Accepted for GlusterFS volfiles."),
            Option.bool("background-unlink").description("Accepted for GlusterFS volfiles."),
            Option.integer("janitor-sleep-duration").defaultValue("10").range(1, 1 << 20)
                    .description("Accepted for GlusterFS volfiles."),
            Option.string("glusterd-uuid").description("Accepted for GlusterFS volfiles."),
            Option.bool("linux-aio").defaultValue("off").description("Accepted for GlusterFS volfiles."),
            Option.bool("linux-io_uring").defaultValue("off").description("Accepted for GlusterFS volfiles."),
            Option.bool("node-uuid-pathinfo").defaultValue("off").description("Accepted for GlusterFS volfiles."),
            Option.oneOf("batch-fsync-mode", "none", "syncfs", "syncfs-single-fsync", "syncfs-reverse-fsync",
                    "reverse-fsync").defaultValue("reverse-fsync").description("Accepted for GlusterFS volfiles."),
            Option.integer("batch-fsync-delay-usec").defaultValue("0").range(0, 1_000_000)
                    .description("Accepted for GlusterFS volfiles."),
            Option.bool("update-link-count-parent").defaultValue("off").description("Accepted for GlusterFS volfiles."),
            Option.oneOf("xattr-user-namespace-mode", "none", "strip", "add").defaultValue("none")
                    .description("Accepted for GlusterFS volfiles."),
            Option.bool("disable-landfill-purge").defaultValue("off").description("Accepted for GlusterFS volfiles."),
            Option.bool("ctime").defaultValue("on")
                    .description("Accepted for GlusterFS volfiles; times come from the backend file system."));

    public static final TranslatorDescriptor DESCRIPTOR = TranslatorDescriptor.builder(TYPE)
            .arity(Arity.NONE)
            .options(DIRECTORY, VOLUME_ID, CREATE_MASK, FORCE_CREATE_MODE, CREATE_DIRECTORY_MASK, FORCE_DIRECTORY_MODE,
                    GFID2PATH, GFID2PATH_SEPARATOR, RESERVE, MAX_HARDLINKS, FIPS_MODE_RCHECKSUM, O_DIRECT_OPTION,
                    SHARED_BRICK_COUNT, EXPORT_STATFS_SIZE, BRICK_UID, BRICK_GID, HEALTH_CHECK_INTERVAL,
                    HEALTH_CHECK_TIMEOUT, OBJECT_CACHE_SIZE)
            .options(ACCEPTED)
            .description("Stores the volume in a local directory, in GlusterFS's on-disk format (gfids, .glusterfs handles).")
            .factory(PosixTranslator::new)
            .build();

    static final XdataKey<Integer> CHECK_ZERO_FILLED = XdataKey.of("check-zero-filled", XdataCodec.INT32);
    static final XdataKey<Integer> BUF_HAS_ZEROES = XdataKey.of("buf-has-zeroes", XdataCodec.INT32);
    static final XdataKey<Integer> FIPS_MODE = XdataKey.of("fips-mode-rchecksum", XdataCodec.INT32);

    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;
    private static final int FALLOC_FL_ZERO_RANGE = 0x10;

    /** An open fd of the backend. */
    private static final class PosixFd {
        final int fd;
        /** The flags the backend fd was opened with. */
        final int flags;
        final boolean directory;

        PosixFd(int fd, int flags, boolean directory) {
            this.fd = fd;
            this.flags = flags;
            this.directory = directory;
        }

        /** Whether reads may go straight into a Java array: O_DIRECT needs aligned buffers. */
        boolean mayPin() {
            return (flags & Sys.O_DIRECT) == 0;
        }
    }

    private final Brick brick;
    private final org.slf4j.Logger logger;
    private final TranslatorContext ctx;
    private final ContextKey<PosixFd> fdKey;
    private final InodeTable table;
    private final int umask;
    private final Object[] xattropLocks = new Object[64];
    private final AtomicLong freeCheckedAt = new AtomicLong();
    private volatile long freeBytes = Long.MAX_VALUE;
    private volatile Options opts;
    private volatile @Nullable String down;
    private @Nullable HealthCheck health;

    PosixTranslator(TranslatorContext ctx) {
        super(ctx);
        Options o = ctx.options();
        this.opts = o;
        this.brick = Brick.open(o.get(DIRECTORY), o.get(VOLUME_ID), o.get(BRICK_UID), o.get(BRICK_GID), o.get(GFID2PATH),
                (int) (long) o.get(OBJECT_CACHE_SIZE));
        this.fdKey = ctx.newContextKey(PosixFd.class);
        this.logger = ctx.logger();
        this.ctx = ctx;
        this.table = ctx.inodeTable();
        this.umask = processUmask();
        for (int i = 0; i < xattropLocks.length; i++) {
            xattropLocks[i] = new Object();
        }
        startHealthCheck(o);
    }

    private synchronized void startHealthCheck(Options o) {
        if (health != null) {
            health.stop();
        }
        health = down != null ? null : HealthCheck.start(brick, o.get(HEALTH_CHECK_INTERVAL), o.get(HEALTH_CHECK_TIMEOUT),
                this::goDown);
    }

    /** The brick failed its health check: every fop fails from now on, and the parents hear CHILD_DOWN. */
    private void goDown(String why) {
        down = "brick " + brick.directory + " is down: health check failed: " + why;
        logger.error("health-check failed, going down: {}", why);
        ctx.notifier().up(Event.of(EventType.CHILD_DOWN));
    }

    @Override
    public void notify(Event event, Notifier notifier) {
        if (event.type() == EventType.PARENT_UP && down != null) {
            notifier.up(Event.of(EventType.CHILD_DOWN));
        } else {
            notifier.forward(event);
        }
    }

    private static int processUmask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring(6).trim(), 8);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: assume the usual
        }
        return 022;
    }

    @Override
    public void reconfigure(Options options) {
        Options old = opts;
        opts = options;
        if (!old.get(HEALTH_CHECK_INTERVAL).equals(options.get(HEALTH_CHECK_INTERVAL))
                || !old.get(HEALTH_CHECK_TIMEOUT).equals(options.get(HEALTH_CHECK_TIMEOUT))) {
            startHealthCheck(options);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (health != null) {
                health.stop();
                health = null;
            }
        }
        brick.close();
    }

    // ---- running blocking work ----

    /**
     * Runs {@code body} here when this thread may block, on the bounded elastic scheduler
     * otherwise; fails with ENOTCONN once the brick is down.
     */
    private <R> Mono<R> io(Callable<R> body) {
        return Mono.defer(() -> {
            String why = down;
            if (why != null) {
                return Mono.error(FopException.of(Errno.ENOTCONN, why));
            }
            if (Schedulers.isInNonBlockingThread()) {
                return Mono.fromCallable(body).subscribeOn(Schedulers.boundedElastic());
            }
            try {
                return Mono.just(body.call());
            } catch (FopException e) {
                return Mono.error(e);
            } catch (Exception e) {
                return Mono.error(FopException.of(Errno.EIO, e.toString(), e));
            }
        });
    }

    // ---- resolution ----

    private static @Nullable String hint(@Nullable String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        return path.length() == 1 ? "" : path.substring(1);
    }

    private static @Nullable String parentHint(Loc loc) {
        String p = loc.path();
        if (p == null || !p.startsWith("/")) {
            return null;
        }
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "" : p.substring(1, slash);
    }

    private static String nameOf(Loc loc) {
        String n = loc.name();
        if (n == null) {
            throw FopException.of(Errno.EINVAL, loc + ": no name");
        }
        Names.checkComponent(n);
        return n;
    }

    /** The parent directory of an entry loc. */
    private Brick.Obj parentOf(Loc loc) {
        Gfid pg = loc.effectiveParentGfid();
        if (pg.isNull()) {
            throw FopException.of(Errno.EINVAL, loc + ": no parent");
        }
        Brick.Obj p = brick.byGfid(pg, parentHint(loc));
        if (!p.stat.isDirectory()) {
            p.close();
            throw FopException.of(Errno.ENOTDIR, loc + ": the parent is not a directory");
        }
        return p;
    }

    /** Runs {@code f} on the object a loc names. */
    private <T> T onObject(Loc loc, Function<Brick.Obj, T> f) {
        Gfid g = loc.effectiveGfid();
        if (!g.isNull()) {
            Inode in = loc.inode();
            String hint = in == null || in.isDirectory() ? hint(loc.path()) : null;
            try (Brick.Obj o = brick.byGfid(g, hint)) {
                return f.apply(o);
            }
        }
        if (loc.name() == null && "/".equals(loc.path())) {
            try (Brick.Obj o = brick.rootObj()) {
                return f.apply(o);
            }
        }
        String name = nameOf(loc);
        try (Brick.Obj parent = parentOf(loc)) {
            hiddenCheck(parent, loc, name);
            try (Brick.Obj o = brick.child(parent.fd, name)) {
                return f.apply(o);
            }
        }
    }

    private static void hiddenCheck(Brick.Obj parent, Loc loc, String name) {
        if (Brick.isHidden(loc.effectiveParentGfid(), name)) {
            throw FopException.of(Errno.EPERM, loc + ": " + Brick.HIDDEN + " is the brick's own housekeeping directory");
        }
    }

    private Gfid gfidOrStale(Brick.Obj o, Object what) {
        Gfid g = Brick.gfidOf(o);
        if (g == null) {
            throw FopException.of(Errno.ESTALE, what + " has no gfid on the brick");
        }
        return g;
    }

    private Iatt iatt(Brick.Obj o) {
        return Brick.iatt(o.stat, o.gfid());
    }

    private Iatt iattOf(Brick.Obj o, Gfid g) {
        return Brick.iatt(o.restat(), g);
    }

    private Inode inodeOf(Loc loc, Gfid g) {
        if (loc.inode() != null) {
            return loc.inode();
        }
        Inode known = table.find(g);
        return known != null ? known : table.newInode();
    }

    private static void check(CallContext c, Sys.Stat st, int mask, Object what) {
        Permissions.check(c, st.prot(), st.uid(), st.gid(), st.isDirectory(), mask, what.toString());
    }

    private static void writableDir(CallContext c, Brick.Obj dir, Object what) {
        check(c, dir.stat, Permissions.W_OK | Permissions.X_OK, what);
    }

    // ---- space ----

    /** Fails with ENOSPC when the file system's free space is below the reserve (checked every 5 s). */
    private void checkReserve() {
        long now = System.nanoTime();
        long last = freeCheckedAt.get();
        if (now - last > 5_000_000_000L && freeCheckedAt.compareAndSet(last, now)) {
            Statvfs s = statvfs();
            long total = s.blocks() * s.frsize();
            long free = s.bavail() * s.frsize();
            long reserve = opts.get(RESERVE).of(total);
            freeBytes = free - reserve;
        }
        if (freeBytes <= 0) {
            throw FopException.of(Errno.ENOSPC, "brick '" + brick.directory + "' is at its reserve of " + opts.get(RESERVE));
        }
    }

    private Statvfs statvfs() {
        ByteBuffer b = ByteBuffer.allocateDirect(112).order(java.nio.ByteOrder.nativeOrder());
        Sys.check(Sys.C.fstatvfs(brick.root, b), "statvfs", brick.directory);
        return new Statvfs(b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24), b.getLong(32), b.getLong(40),
                b.getLong(48), b.getLong(56), b.getLong(64), b.getLong(72), b.getLong(80));
    }

    // ---- lookup and attributes ----

    @Override
    protected Mono<LookupReply> lookup(Lookup req) {
        return io(() -> {
            Loc loc = req.loc();
            Gfid known = loc.effectiveGfid();
            if (loc.name() == null || (loc.effectiveParentGfid().isNull() && !known.isNull())) {
                // Nameless: by gfid (or the root).
                return onObject(loc, o -> {
                    Gfid g = gfidOrStale(o, loc);
                    return new LookupReply(inodeOf(loc, g), Brick.iatt(o.stat, g), Iatt.EMPTY, linkCount(req, o));
                });
            }
            String name = nameOf(loc);
            try (Brick.Obj parent = parentOf(loc)) {
                hiddenCheck(parent, loc, name);
                check(req.caller(), parent.stat, Permissions.X_OK, loc);
                Iatt postparent = iatt(parent);
                try (Brick.Obj o = brick.child(parent.fd, name, known)) {
                    Gfid g = Brick.gfidOf(o);
                    boolean assigned = g == null;
                    if (g == null) {
                        // Made behind the brick's back: give it the gfid the client asked for, or a new one.
                        Gfid want = req.xdata().get(XdataKeys.GFID_REQ);
                        g = want == null || want.isNull() ? Gfid.random() : want;
                        brick.assign(parent.fd, name, g, postparent.gfid(), o.stat.isDirectory());
                        logger.info("gave gfid {} to {}, found on the brick without one", g, loc);
                    } else if (!known.isNull() && !known.equals(g)) {
                        throw FopException.of(Errno.ESTALE, loc + " now names another file (gfid " + g + ", was " + known + ")");
                    }
                    if (!assigned) {
                        brick.remember(o, g);
                    }
                    // A gfid just given changed the object (its handle link, its ctime): stat it again.
                    return new LookupReply(inodeOf(loc, g), assigned ? iattOf(o, g) : Brick.iatt(o.stat, g), postparent,
                            linkCount(req, o));
                }
            }
        });
    }

    private static Xdata linkCount(Lookup req, Brick.Obj o) {
        if (!req.xdata().contains(XdataKeys.GET_LINK_COUNT)) {
            return Xdata.EMPTY;
        }
        return Xdata.of(XdataKeys.GET_LINK_COUNT, Brick.iatt(o.stat, Gfid.ROOT).nlink());
    }

    @Override
    protected Mono<StatReply> stat(Stat req) {
        return io(() -> onObject(req.loc(), o -> new StatReply(iatt(o), Xdata.EMPTY)));
    }

    @Override
    protected Mono<FstatReply> fstat(Fstat req) {
        return io(() -> withFd(req.fd(), pfd -> new FstatReply(fdIatt(req.fd(), pfd), Xdata.EMPTY)));
    }

    private Iatt fdIatt(Fd fd, PosixFd pfd) {
        Gfid g = fd.inode().gfid();
        Sys.Stat st = Sys.statx(pfd.fd, "");
        return Brick.iatt(st, g.isNull() ? null : g);
    }

    @Override
    protected Mono<AccessReply> access(Access req) {
        return io(() -> onObject(req.loc(), o -> {
            check(req.caller(), o.stat, req.mask(), req.loc());
            return AccessReply.EMPTY;
        }));
    }

    @Override
    protected Mono<ReadlinkReply> readlink(Readlink req) {
        return io(() -> onObject(req.loc(), o -> {
            if (!o.stat.isSymlink()) {
                throw FopException.of(Errno.EINVAL, req.loc() + " is not a symlink");
            }
            return new ReadlinkReply(Sys.readlink(o.fd, ""), iatt(o), Xdata.EMPTY);
        }));
    }

    @Override
    protected Mono<SetattrReply> setattr(Setattr req) {
        return io(() -> onObject(req.loc(), o -> {
            Iatt[] prePost = applySetattr(req.caller(), o, req.stbuf(), req.valid());
            return new SetattrReply(prePost[0], prePost[1], Xdata.EMPTY);
        }));
    }

    @Override
    protected Mono<FsetattrReply> fsetattr(Fsetattr req) {
        return io(() -> {
            Gfid g = req.fd().inode().gfid();
            try (Brick.Obj o = brick.byGfid(g, null)) {
                Iatt[] prePost = applySetattr(req.caller(), o, req.stbuf(), req.valid());
                return new FsetattrReply(prePost[0], prePost[1], Xdata.EMPTY);
            }
        });
    }

    private Iatt[] applySetattr(CallContext c, Brick.Obj o, Iatt to, int valid) {
        Sys.Stat st = o.stat;
        Gfid g = Brick.gfidOf(o);
        Iatt pre = Brick.iatt(st, g);
        if ((valid & (SetattrValid.UID | SetattrValid.GID)) != 0) {
            boolean uidChange = (valid & SetattrValid.UID) != 0 && to.uid() != st.uid();
            boolean gidOk = (valid & SetattrValid.GID) == 0 || to.gid() == st.gid()
                    || (c.uid() == st.uid() && c.inGroup(to.gid()));
            if (!c.isRoot() && (uidChange || !gidOk)) {
                throw FopException.of(Errno.EPERM, "chown: only root may give a file away or to another group");
            }
            int uid = (valid & SetattrValid.UID) != 0 ? to.uid() : -1;
            int gid = (valid & SetattrValid.GID) != 0 ? to.gid() : -1;
            Sys.check(Sys.C.fchownat(o.fd, Sys.EMPTY, uid, gid, Sys.AT_EMPTY_PATH | Sys.AT_SYMLINK_NOFOLLOW), "chown",
                    g);
        }
        if ((valid & SetattrValid.MODE) != 0 && !st.isSymlink()) {
            if (!Permissions.ownerOrRoot(c, st.uid())) {
                throw FopException.of(Errno.EPERM, "chmod: not the owner");
            }
            int prot = to.prot();
            if (!c.isRoot() && !c.inGroup(st.gid())) {
                prot &= ~Permissions.S_ISGID;
            }
            Sys.check(Sys.C.chmod(Sys.c(Sys.proc(o.fd)), prot), "chmod", g);
        }
        if ((valid & SetattrValid.SIZE) != 0) {
            truncate(c, o, to.size(), true);
        }
        int times = SetattrValid.ATIME | SetattrValid.MTIME | SetattrValid.ATIME_NOW | SetattrValid.MTIME_NOW;
        if ((valid & times) != 0) {
            boolean explicit = (valid & (SetattrValid.ATIME | SetattrValid.MTIME)) != 0
                    && (valid & (SetattrValid.ATIME_NOW | SetattrValid.MTIME_NOW)) == 0;
            if (!Permissions.ownerOrRoot(c, st.uid())
                    && (explicit || !Permissions.allowed(c, st.prot(), st.uid(), st.gid(), st.isDirectory(), Permissions.W_OK))) {
                throw FopException.of(explicit ? Errno.EPERM : Errno.EACCES, "utimens: not the owner");
            }
            long[] ts = {0, Sys.UTIME_OMIT, 0, Sys.UTIME_OMIT};
            if ((valid & SetattrValid.ATIME_NOW) != 0) {
                ts[1] = Sys.UTIME_NOW;
            } else if ((valid & SetattrValid.ATIME) != 0) {
                ts[0] = to.atimeSec();
                ts[1] = to.atimeNsec();
            }
            if ((valid & SetattrValid.MTIME_NOW) != 0) {
                ts[3] = Sys.UTIME_NOW;
            } else if ((valid & SetattrValid.MTIME) != 0) {
                ts[2] = to.mtimeSec();
                ts[3] = to.mtimeNsec();
            }
            if (st.isSymlink()) {
                Sys.check(Sys.C.utimensat(Sys.AT_FDCWD, Sys.c(o.xattrPath()), ts, Sys.AT_SYMLINK_NOFOLLOW), "utimens", g);
            } else {
                Sys.check(Sys.C.utimensat(Sys.AT_FDCWD, Sys.c(Sys.proc(o.fd)), ts, 0), "utimens", g);
            }
        }
        return new Iatt[] {pre, Brick.iatt(o.restat(), g)};
    }

    // ---- data ----

    private void truncate(CallContext c, Brick.Obj o, long size, boolean checkAccess) {
        if (o.stat.isDirectory()) {
            throw FopException.of(Errno.EISDIR, "truncate of a directory");
        }
        if (!o.stat.isRegular()) {
            throw FopException.of(Errno.EINVAL, "truncate of a " + o.stat.type());
        }
        if (size < 0) {
            throw FopException.of(Errno.EINVAL, "negative size " + size);
        }
        if (checkAccess) {
            check(c, o.stat, Permissions.W_OK, "truncate");
        }
        int fd = Sys.check(Sys.C.openat(Sys.AT_FDCWD, Sys.c(Sys.proc(o.fd)), Sys.O_WRONLY | Sys.O_CLOEXEC, 0), "open",
                "for truncate");
        try {
            Sys.check(Sys.C.ftruncate(fd, size), "truncate", "file");
        } finally {
            Sys.close(fd);
        }
    }

    @Override
    protected Mono<TruncateReply> truncate(Truncate req) {
        return io(() -> onObject(req.loc(), o -> {
            Gfid g = Brick.gfidOf(o);
            Iatt pre = Brick.iatt(o.stat, g);
            truncate(req.caller(), o, req.offset(), true);
            return new TruncateReply(pre, Brick.iatt(o.restat(), g), Xdata.EMPTY);
        }));
    }

    @Override
    protected Mono<FtruncateReply> ftruncate(Ftruncate req) {
        return io(() -> withFd(req.fd(), pfd -> {
            if ((pfd.flags & Sys.O_ACCMODE) == Sys.O_RDONLY) {
                throw FopException.of(Errno.EBADF, "ftruncate on an fd not open for writing");
            }
            if (req.offset() < 0) {
                throw FopException.of(Errno.EINVAL, "negative size " + req.offset());
            }
            Iatt pre = fdIatt(req.fd(), pfd);
            Sys.check(Sys.C.ftruncate(pfd.fd, req.offset()), "ftruncate", req.fd().inode().gfid());
            return new FtruncateReply(pre, fdIatt(req.fd(), pfd), Xdata.EMPTY);
        }));
    }

    @Override
    protected Mono<OpenReply> open(Open req) {
        return io(() -> onObject(req.loc(), o -> {
            if (o.stat.isSymlink()) {
                throw FopException.of(Errno.ELOOP, "open of a symlink");
            }
            if (o.stat.isDirectory() && (req.flags() & Sys.O_ACCMODE) != Sys.O_RDONLY) {
                throw FopException.of(Errno.EISDIR, "open of a directory for writing");
            }
            check(req.caller(), o.stat, Permissions.forOpenFlags(req.flags()), req.loc());
            int flags = backendFlags(req.flags());
            int fd = reopen(o, flags);
            req.fd().put(fdKey, new PosixFd(fd, flags, o.stat.isDirectory()));
            return new OpenReply(req.fd(), Xdata.EMPTY);
        }));
    }

    /** A caller's open flags as the backend gets them: O_DIRECT only while o-direct is on. */
    private int backendFlags(int flags) {
        return opts.get(O_DIRECT_OPTION) ? flags : flags & ~Sys.O_DIRECT;
    }

    /** A real fd on the object, with open flags cleaned of what must not reach the backend. */
    private int reopen(Brick.Obj o, int flags) {
        // The object is resolved already (never through a symlink); O_NOFOLLOW on the /proc
        // magic link would refuse every open.
        int f = flags & ~(Sys.O_CREAT | Sys.O_EXCL | 0400 /* O_NOCTTY */ | Sys.O_PATH | Sys.O_NOFOLLOW);
        f |= Sys.O_CLOEXEC;
        int fd = Sys.C.openat(Sys.AT_FDCWD, Sys.c(Sys.proc(o.fd)), f, 0);
        if (fd < 0) {
            int e = Sys.errno(); // naming the object may read its xattr, a call of its own
            throw Sys.failure(e, "open", "gfid " + Brick.gfidOf(o));
        }
        return fd;
    }

    /** Runs {@code f} on the backend fd behind {@code fd}: its own, or a temporary one for an anonymous fd. */
    private <T> T withFd(Fd fd, Function<PosixFd, T> f) {
        PosixFd p = fd.get(fdKey);
        if (p != null) {
            return f.apply(p);
        }
        Gfid g = fd.inode().gfid();
        try (Brick.Obj o = brick.byGfid(g, null)) {
            int flags = o.stat.isDirectory() ? Sys.O_RDONLY | Sys.O_DIRECTORY : Sys.O_RDWR;
            int raw = reopen(o, flags);
            try {
                return f.apply(new PosixFd(raw, flags, o.stat.isDirectory()));
            } finally {
                Sys.close(raw);
            }
        }
    }

    @Override
    public void release(Fd fd) {
        PosixFd p = fd.get(fdKey);
        if (p != null) {
            // close(2) can block (it flushes on some file systems): not on an event loop.
            if (Schedulers.isInNonBlockingThread()) {
                Schedulers.boundedElastic().schedule(() -> Sys.close(p.fd));
            } else {
                Sys.close(p.fd);
            }
        }
    }

    @Override
    public void releasedir(Fd fd) {
        release(fd);
    }

    @Override
    protected Mono<ReadvReply> readv(Readv req) {
        return io(() -> withFd(req.fd(), pfd -> {
            if (pfd.directory) {
                throw FopException.of(Errno.EISDIR, "readv of a directory");
            }
            if ((pfd.flags & Sys.O_ACCMODE) == Sys.O_WRONLY) {
                throw FopException.of(Errno.EBADF, "readv on an fd open for writing only");
            }
            if (req.offset() < 0 || req.size() < 0) {
                throw FopException.of(Errno.EINVAL, "readv at offset " + req.offset() + " size " + req.size());
            }
            // Lent: the consumer gives the array back, and the next read on this thread reuses it.
            byte[] data = Iovec.borrow(req.size());
            int n = pread(pfd.fd, req.offset(), data, pfd.mayPin());
            return new ReadvReply(Iovec.lend(data, n), wantedIatt(req.xdata(), req.fd(), pfd), Xdata.EMPTY);
        }));
    }

    /** Reads of this size and more may go straight into the reply's array; smaller ones copy for less. */
    static final int PIN_MIN = 64 << 10;

    /**
     * Whether pinning an array for the length of a read never holds off garbage collection: G1
     * pins regions from Java 22 (JEP 423). Elsewhere a pinned array holds off every collection
     * until the read returns, so it is only pinned for data already in memory.
     */
    static final boolean PIN_ANY_READ = Runtime.version().feature() >= 22
            && ManagementFactory.getGarbageCollectorMXBeans().stream().anyMatch(gc -> gc.getName().startsWith("G1"));

    /**
     * Reads into all of {@code out}, less only at the end of the file; answers how much was read.
     * With {@code mayPin} (the fd is not O_DIRECT, whose buffers must be aligned) a large read
     * goes straight into {@code out} when that cannot stall the JVM, through a native buffer
     * and a copy otherwise.
     */
    static int pread(int fd, long offset, byte[] out, boolean mayPin) {
        int size = out.length;
        int done = 0;
        if (mayPin && size >= PIN_MIN && (PIN_ANY_READ || Sys.cached(fd, offset, size))) {
            done = (int) Sys.check(Sys.C.pread(fd, out, size, offset), "pread", "fd");
            if (done == 0) {
                return 0;
            }
        }
        while (done < size) {
            int chunk = Math.min(size - done, Sys.MAX_IO);
            ByteBuffer b = Sys.ioBuffer(chunk);
            long n = Sys.check(Sys.C.pread(fd, b, chunk, offset + done), "pread", "fd");
            if (n == 0) {
                break;
            }
            b.get(0, out, done, (int) n);
            done += (int) n;
        }
        return done;
    }

    @Override
    protected Mono<WritevReply> writev(Writev req) {
        return io(() -> withFd(req.fd(), pfd -> {
            if (pfd.directory) {
                throw FopException.of(Errno.EISDIR, "writev of a directory");
            }
            if ((pfd.flags & Sys.O_ACCMODE) == Sys.O_RDONLY) {
                throw FopException.of(Errno.EBADF, "writev on an fd open for reading only");
            }
            if (req.offset() < 0) {
                throw FopException.of(Errno.EINVAL, "writev at negative offset " + req.offset());
            }
            checkReserve();
            Iatt pre = wantedIatt(req.xdata(), req.fd(), pfd);
            int written = pwrite(pfd.fd, req.vector(), req.offset());
            return new WritevReply(written, pre, wantedIatt(req.xdata(), req.fd(), pfd), Xdata.EMPTY);
        }));
    }

    /** The fd's attributes, or {@link Iatt#EMPTY} when the call asked for none ({@link XdataKeys#NO_ATTRIBUTES}). */
    private Iatt wantedIatt(Xdata xdata, Fd fd, PosixFd pfd) {
        return xdata.contains(XdataKeys.NO_ATTRIBUTES) ? Iatt.EMPTY : fdIatt(fd, pfd);
    }

    private static int pwrite(int fd, Iovec data, long offset) {
        int len = data.length();
        int done = 0;
        while (done < len) {
            int chunk = Math.min(len - done, Sys.MAX_IO);
            ByteBuffer b = Sys.ioBuffer(chunk);
            Iovec part = data.slice(done, chunk);
            part.copyTo(b);
            b.flip();
            long n = Sys.check(Sys.C.pwrite(fd, b, chunk, offset + done), "pwrite", "fd");
            if (n == 0) {
                throw FopException.of(Errno.EIO, "pwrite wrote nothing");
            }
            done += (int) n;
        }
        return done;
    }

    @Override
    protected Mono<FlushReply> flush(Flush req) {
        return Mono.just(FlushReply.EMPTY);
    }

    @Override
    protected Mono<FsyncReply> fsync(Fsync req) {
        return io(() -> withFd(req.fd(), pfd -> {
            Iatt pre = fdIatt(req.fd(), pfd);
            Sys.check(req.datasync() ? Sys.C.fdatasync(pfd.fd) : Sys.C.fsync(pfd.fd), "fsync", req.fd().inode().gfid());
            return new FsyncReply(pre, fdIatt(req.fd(), pfd), Xdata.EMPTY);
        }));
    }

    @Override
    protected Mono<FsyncdirReply> fsyncdir(Fsyncdir req) {
        return io(() -> withFd(req.fd(), pfd -> {
            Sys.check(Sys.C.fsync(pfd.fd), "fsync", "directory " + req.fd().inode().gfid());
            return FsyncdirReply.EMPTY;
        }));
    }

    private <R> R fallocateLike(Fd fd, int mode, long offset, long len, String fop, java.util.function.BiFunction<Iatt, Iatt, R> reply) {
        return withFd(fd, pfd -> {
            if (pfd.directory) {
                throw FopException.of(Errno.EISDIR, fop + " of a directory");
            }
            if (offset < 0 || len <= 0) {
                throw FopException.of(Errno.EINVAL, fop + " of offset " + offset + " length " + len);
            }
            if ((mode & FALLOC_FL_PUNCH_HOLE) == 0) {
                checkReserve();
            }
            Iatt pre = fdIatt(fd, pfd);
            Sys.check(Sys.C.fallocate(pfd.fd, mode, offset, len), fop, fd.inode().gfid());
            return reply.apply(pre, fdIatt(fd, pfd));
        });
    }

    @Override
    protected Mono<FallocateReply> fallocate(Fallocate req) {
        return io(() -> fallocateLike(req.fd(), req.mode(), req.offset(), req.len(), "fallocate",
                (pre, post) -> new FallocateReply(pre, post, Xdata.EMPTY)));
    }

    @Override
    protected Mono<DiscardReply> discard(Discard req) {
        return io(() -> fallocateLike(req.fd(), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, req.offset(), req.len(),
                "discard", (pre, post) -> new DiscardReply(pre, post, Xdata.EMPTY)));
    }

    @Override
    protected Mono<ZerofillReply> zerofill(Zerofill req) {
        return io(() -> {
            try {
                return fallocateLike(req.fd(), FALLOC_FL_ZERO_RANGE, req.offset(), req.len(), "zerofill",
                        (pre, post) -> new ZerofillReply(pre, post, Xdata.EMPTY));
            } catch (FopException e) {
                if (e.errno() != Errno.EOPNOTSUPP) {
                    throw e;
                }
                // The file system cannot zero a range: write the zeros.
                return withFd(req.fd(), pfd -> {
                    Iatt pre = fdIatt(req.fd(), pfd);
                    long done = 0;
                    while (done < req.len()) {
                        int chunk = (int) Math.min(req.len() - done, 1 << 20);
                        pwrite(pfd.fd, Iovec.wrap(new byte[chunk]), req.offset() + done);
                        done += chunk;
                    }
                    return new ZerofillReply(pre, fdIatt(req.fd(), pfd), Xdata.EMPTY);
                });
            }
        });
    }

    @Override
    protected Mono<SeekReply> seek(Seek req) {
        return io(() -> withFd(req.fd(), pfd -> {
            int whence = req.what() == SeekWhat.DATA ? Sys.SEEK_DATA : Sys.SEEK_HOLE;
            long at = Sys.check(Sys.C.lseek(pfd.fd, req.offset(), whence), "seek", req.fd().inode().gfid());
            return new SeekReply(at, Xdata.EMPTY);
        }));
    }

    @Override
    protected Mono<CopyFileRangeReply> copyFileRange(CopyFileRange req) {
        return io(() -> withFd(req.fdIn(), in -> withFd(req.fdOut(), out -> {
            checkReserve();
            Iatt pre = fdIatt(req.fdOut(), out);
            long[] offIn = {req.offIn()};
            long[] offOut = {req.offOut()};
            long copied = 0;
            while (copied < req.len()) {
                long n = Sys.check(Sys.C.copy_file_range(in.fd, offIn, out.fd, offOut, req.len() - copied, req.flags()),
                        "copy_file_range", req.fdIn().inode().gfid());
                if (n == 0) {
                    break;
                }
                copied += n;
            }
            return new CopyFileRangeReply(copied, fdIatt(req.fdIn(), in), pre, fdIatt(req.fdOut(), out), Xdata.EMPTY);
        })));
    }

    @Override
    protected Mono<RchecksumReply> rchecksum(Rchecksum req) {
        return io(() -> withFd(req.fd(), pfd -> {
            if (req.offset() < 0 || req.len() < 0) {
                throw FopException.of(Errno.EINVAL, "rchecksum of offset " + req.offset() + " length " + req.len());
            }
            byte[] data = ByteArrays.forOverwrite(req.len());
            int n = pread(pfd.fd, req.offset(), data, pfd.mayPin());
            boolean fips = opts.get(FIPS_MODE_RCHECKSUM);
            Xdata x = fips ? Xdata.of(FIPS_MODE, 1) : Xdata.EMPTY;
            if (req.xdata().contains(CHECK_ZERO_FILLED)) {
                x = x.with(BUF_HAS_ZEROES, Checksums.allZero(data, 0, n) ? 1 : 0);
            }
            return new RchecksumReply(Checksums.weak(data, 0, n), Checksums.strong(data, 0, n, fips), x);
        }));
    }

    @Override
    protected Mono<StatfsReply> statfs(Statfs req) {
        return io(() -> {
            Statvfs s = statvfs();
            long share = Math.max(1, opts.get(SHARED_BRICK_COUNT));
            if (!opts.get(EXPORT_STATFS_SIZE)) {
                s = new Statvfs(s.bsize(), s.frsize(), 0, 0, 0, s.files(), s.ffree(), s.favail(), s.fsid(), s.flag(),
                        s.namemax());
            } else if (share > 1) {
                s = new Statvfs(s.bsize(), s.frsize(), s.blocks() / share, s.bfree() / share, s.bavail() / share, s.files(),
                        s.ffree(), s.favail(), s.fsid(), s.flag(), s.namemax());
            }
            return new StatfsReply(s, Xdata.EMPTY);
        });
    }

    // ---- namespace ----

    private static Gfid newGfid(Xdata xdata) {
        Gfid g = xdata.get(XdataKeys.GFID_REQ);
        return g == null || g.isNull() ? Gfid.random() : g;
    }

    /**
     * Gives a new entry its owner, its exact mode and its gfid; removes it again if that fails.
     * {@code open} is an fd the caller holds open on the entry (a created file's), or -1.
     */
    private Iatt finish(CallContext c, Brick.Obj parent, String name, Gfid g, Gfid pargfid, boolean directory,
            int mode, boolean symlink, int open) {
        try (Brick.Obj made = brick.child(parent.fd, name)) {
            int uid = c.uid();
            int gid = (parent.stat.mode() & Permissions.S_ISGID) != 0 ? parent.stat.gid() : c.gid();
            Sys.Stat st = made.stat;
            if (st.uid() != uid || st.gid() != gid) {
                Sys.check(Sys.C.fchownat(made.fd, Sys.EMPTY, uid, gid, Sys.AT_EMPTY_PATH | Sys.AT_SYMLINK_NOFOLLOW),
                        "chown", name);
                st = made.restat(); // chown may clear set-id bits
            }
            if (!symlink) {
                int prot = mode;
                if (directory && (parent.stat.mode() & Permissions.S_ISGID) != 0) {
                    prot |= Permissions.S_ISGID;
                }
                if (!c.isRoot() && !c.inGroup(gid) && !directory) {
                    prot &= ~Permissions.S_ISGID;
                }
                if (st.prot() != prot) {
                    Sys.check(Sys.C.chmod(Sys.c(Sys.proc(made.fd)), prot), "chmod", name);
                }
            }
            brick.assign(parent.fd, name, g, pargfid, directory, open);
            Iatt buf = Brick.iatt(made.restat(), g);
            brick.remember(made, g);
            return buf;
        } catch (RuntimeException e) {
            Sys.C.unlinkat(parent.fd, Sys.c(name), directory ? Sys.AT_REMOVEDIR : 0);
            throw e;
        }
    }

    private int fileMode(int mode) {
        return (mode & 07777 & (int) (long) opts.get(CREATE_MASK)) | (int) (long) opts.get(FORCE_CREATE_MODE);
    }

    private int dirMode(int mode) {
        return (mode & 07777 & (int) (long) opts.get(CREATE_DIRECTORY_MASK)) | (int) (long) opts.get(FORCE_DIRECTORY_MODE);
    }

    /** Checks shared by every fop that adds a name. */
    private String entryChecks(CallContext c, Brick.Obj parent, Loc loc) {
        String name = nameOf(loc);
        hiddenCheck(parent, loc, name);
        writableDir(c, parent, loc);
        checkReserve();
        return name;
    }

    /** A new entry: its inode and iatt, and its parent's iatt before and after. */
    private record Made(Inode inode, Iatt buf, Iatt preparent, Iatt postparent) {
    }

    /** The system call that makes an entry called {@code name} in directory fd {@code parent}. */
    @FunctionalInterface
    private interface MakeCall {
        int make(int parent, byte[] name);
    }

    /**
     * Makes the entry {@code loc} names with {@code call} ({@code what} names it in errors) and
     * gives it its gfid, owner, mode, handle and gfid2path.
     */
    private Made makeEntry(CallContext c, Loc loc, Xdata xdata, String what, int mode, boolean directory, boolean symlink,
            MakeCall call) {
        try (Brick.Obj parent = parentOf(loc)) {
            String name = entryChecks(c, parent, loc);
            Iatt pre = iatt(parent);
            Sys.check(call.make(parent.fd, Sys.c(name)), what, loc);
            Gfid g = newGfid(xdata);
            Iatt buf = finish(c, parent, name, g, pre.gfid(), directory, mode, symlink, -1);
            return new Made(inodeOf(loc, g), buf, pre, iattOf(parent, pre.gfid()));
        }
    }

    @Override
    protected Mono<MkdirReply> mkdir(Mkdir req) {
        return io(() -> {
            int mode = dirMode(req.mode());
            Made m = makeEntry(req.caller(), req.loc(), req.xdata(), "mkdir", mode, true, false,
                    (parent, name) -> Sys.C.mkdirat(parent, name, mode));
            return new MkdirReply(m.inode(), m.buf(), m.preparent(), m.postparent(), Xdata.EMPTY);
        });
    }

    @Override
    protected Mono<MknodReply> mknod(Mknod req) {
        return io(() -> {
            IaType t = IaType.ofMode(req.mode());
            IaType type = t == IaType.INVAL ? IaType.REGULAR : t;
            if (type == IaType.DIRECTORY || type == IaType.SYMLINK) {
                throw FopException.of(Errno.EINVAL, "mknod cannot make a " + type);
            }
            if ((type == IaType.BLOCK_DEVICE || type == IaType.CHAR_DEVICE) && !req.caller().isRoot()) {
                throw FopException.of(Errno.EPERM, "only root may make device nodes");
            }
            int mode = fileMode(req.mode());
            Made m = makeEntry(req.caller(), req.loc(), req.xdata(), "mknod", mode, false, false,
                    (parent, name) -> Sys.C.mknodat(parent, name, type.modeBits() | mode, req.rdev()));
            return new MknodReply(m.inode(), m.buf(), m.preparent(), m.postparent(), Xdata.EMPTY);
        });
    }

    @Override
    protected Mono<SymlinkReply> symlink(Symlink req) {
        return io(() -> {
            Names.checkSymlinkTarget(req.linkname());
            Made m = makeEntry(req.caller(), req.loc(), req.xdata(), "symlink", 0777, false, true,
                    (parent, name) -> Sys.C.symlinkat(Sys.c(req.linkname()), parent, name));
            return new SymlinkReply(m.inode(), m.buf(), m.preparent(), m.postparent(), Xdata.EMPTY);
        });
    }

    @Override
    protected Mono<CreateReply> create(Create req) {
        return io(() -> {
            Loc loc = req.loc();
            try (Brick.Obj parent = parentOf(loc)) {
                String name = nameOf(loc);
                hiddenCheck(parent, loc, name);
                Iatt pre = iatt(parent);
                int flags = backendFlags(req.flags() & ~(Sys.O_CREAT | Sys.O_EXCL | Sys.O_PATH | Sys.O_DIRECTORY))
                        | Sys.O_NOFOLLOW;
                int mode = fileMode(req.mode());
                int fd;
                Gfid g;
                Iatt buf;
                try {
                    writableDir(req.caller(), parent, loc);
                    checkReserve();
                    fd = Sys.openat2(parent.fd, name, flags | Sys.O_CREAT | Sys.O_EXCL, mode, Sys.RESOLVE_SAFE);
                } catch (FopException e) {
                    if (e.errno() != Errno.EEXIST || (req.flags() & Sys.O_EXCL) != 0) {
                        throw e;
                    }
                    // It exists and the caller did not ask for O_EXCL: open it, as open(2) with O_CREAT does.
                    try (Brick.Obj o = brick.child(parent.fd, name)) {
                        if (o.stat.isDirectory()) {
                            throw FopException.of(Errno.EISDIR, loc + " is a directory");
                        }
                        if (o.stat.isSymlink()) {
                            throw FopException.of(Errno.ELOOP, loc + " is a symlink");
                        }
                        check(req.caller(), o.stat, Permissions.forOpenFlags(req.flags()), loc);
                        g = gfidOrStale(o, loc);
                        fd = reopen(o, flags);
                        buf = Brick.iatt(o.restat(), g);
                    }
                    req.fd().put(fdKey, new PosixFd(fd, flags, false));
                    return new CreateReply(req.fd(), inodeOf(loc, g), buf, pre, iattOf(parent, pre.gfid()), Xdata.EMPTY);
                }
                try {
                    g = newGfid(req.xdata());
                    buf = finish(req.caller(), parent, name, g, pre.gfid(), false, mode, false, fd);
                } catch (RuntimeException e) {
                    Sys.close(fd);
                    throw e;
                }
                req.fd().put(fdKey, new PosixFd(fd, flags, false));
                return new CreateReply(req.fd(), inodeOf(loc, g), buf, pre, iattOf(parent, pre.gfid()), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<UnlinkReply> unlink(Unlink req) {
        return io(() -> {
            Loc loc = req.loc();
            try (Brick.Obj parent = parentOf(loc)) {
                String name = nameOf(loc);
                hiddenCheck(parent, loc, name);
                writableDir(req.caller(), parent, loc);
                Iatt pre = iatt(parent);
                try (Brick.Obj o = brick.child(parent.fd, name, loc.effectiveGfid())) {
                    if (o.stat.isDirectory()) {
                        throw FopException.of(Errno.EISDIR, loc + " is a directory");
                    }
                    Permissions.checkSticky(req.caller(), parent.stat.prot(), parent.stat.uid(), o.stat.uid(), loc.toString());
                    Gfid g = Brick.gfidOf(o);
                    boolean lastName = g != null && o.stat.nlink() <= 2;
                    if (g != null && !lastName) {
                        brick.removeGfid2path(o, pre.gfid(), name);
                    }
                    Sys.check(Sys.C.unlinkat(parent.fd, Sys.c(name), 0), "unlink", loc);
                    if (lastName) {
                        brick.dropHandle(g);
                    }
                }
                return new UnlinkReply(pre, iattOf(parent, pre.gfid()), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<RmdirReply> rmdir(Rmdir req) {
        return io(() -> {
            Loc loc = req.loc();
            if (loc.name() == null && loc.effectiveGfid().isRoot()) {
                throw FopException.of(Errno.EBUSY, "rmdir of the brick root");
            }
            try (Brick.Obj parent = parentOf(loc)) {
                String name = nameOf(loc);
                hiddenCheck(parent, loc, name);
                writableDir(req.caller(), parent, loc);
                Iatt pre = iatt(parent);
                try (Brick.Obj o = brick.child(parent.fd, name, loc.effectiveGfid())) {
                    if (!o.stat.isDirectory()) {
                        throw FopException.of(Errno.ENOTDIR, loc + " is not a directory");
                    }
                    Permissions.checkSticky(req.caller(), parent.stat.prot(), parent.stat.uid(), o.stat.uid(), loc.toString());
                    Gfid g = Brick.gfidOf(o);
                    Sys.check(Sys.C.unlinkat(parent.fd, Sys.c(name), Sys.AT_REMOVEDIR), "rmdir", loc);
                    if (g != null) {
                        brick.dropHandle(g);
                    }
                }
                return new RmdirReply(pre, iattOf(parent, pre.gfid()), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<LinkReply> link(Link req) {
        return io(() -> {
            Gfid g = req.oldloc().effectiveGfid();
            try (Brick.Obj o = g.isNull() ? brickChildOwning(req.oldloc()) : brick.byGfid(g, null);
                    Brick.Obj parent = parentOf(req.newloc())) {
                if (o.stat.isDirectory()) {
                    throw FopException.of(Errno.EPERM, "hard link to a directory");
                }
                Gfid gfid = gfidOrStale(o, req.oldloc());
                String name = entryChecks(req.caller(), parent, req.newloc());
                long max = opts.get(MAX_HARDLINKS);
                if (max > 0 && o.stat.nlink() - 1 >= max) {
                    throw FopException.of(Errno.EMLINK, req.oldloc() + " has the most links max-hardlinks allows (" + max + ")");
                }
                Iatt pre = iatt(parent);
                Sys.check(Sys.C.linkat(o.fd, Sys.EMPTY, parent.fd, Sys.c(name), Sys.AT_EMPTY_PATH), "link", req.newloc());
                try (Brick.Obj made = brick.child(parent.fd, name)) {
                    brick.addGfid2path(made, pre.gfid(), name);
                    Inode inode = req.oldloc().inode() != null ? req.oldloc().inode() : inodeOf(req.newloc(), gfid);
                    return new LinkReply(inode, Brick.iatt(made.stat, gfid), pre, iattOf(parent, pre.gfid()), Xdata.EMPTY);
                }
            }
        });
    }

    /** The object a named loc points at, owning its parent fd. */
    private Brick.Obj brickChildOwning(Loc loc) {
        String name = nameOf(loc);
        Brick.Obj parent = parentOf(loc);
        try {
            int dup = Sys.openat2(parent.fd, ".", Sys.O_PATH | Sys.O_DIRECTORY, 0, Sys.RESOLVE_SAFE);
            return brick.childOwningParent(dup, name);
        } finally {
            parent.close();
        }
    }

    @Override
    protected Mono<RenameReply> rename(Rename req) {
        return io(() -> {
            Loc from = req.oldloc();
            Loc to = req.newloc();
            try (Brick.Obj srcDir = parentOf(from); Brick.Obj dstDir = parentOf(to)) {
                String srcName = nameOf(from);
                String dstName = nameOf(to);
                hiddenCheck(srcDir, from, srcName);
                hiddenCheck(dstDir, to, dstName);
                writableDir(req.caller(), srcDir, from);
                writableDir(req.caller(), dstDir, to);
                Iatt preOld = iatt(srcDir);
                Iatt preNew = iatt(dstDir);
                try (Brick.Obj src = brick.child(srcDir.fd, srcName, from.effectiveGfid())) {
                    Permissions.checkSticky(req.caller(), srcDir.stat.prot(), srcDir.stat.uid(), src.stat.uid(), from.toString());
                    Gfid g = gfidOrStale(src, from);
                    Brick.Obj victim = null;
                    try {
                        try {
                            victim = brick.child(dstDir.fd, dstName, to.effectiveGfid());
                        } catch (FopException e) {
                            if (e.errno() != Errno.ENOENT) {
                                throw e;
                            }
                        }
                        Gfid victimGfid = null;
                        boolean victimLastName = false;
                        if (victim != null) {
                            if (victim.stat.ino() == src.stat.ino() && victim.stat.dev() == src.stat.dev()) {
                                // Two names of one file: rename(2) does nothing.
                                Iatt same = Brick.iatt(src.stat, g);
                                return new RenameReply(same, preOld, preOld, preNew, preNew, Xdata.EMPTY);
                            }
                            Permissions.checkSticky(req.caller(), dstDir.stat.prot(), dstDir.stat.uid(), victim.stat.uid(),
                                    to.toString());
                            victimGfid = Brick.gfidOf(victim);
                            victimLastName = victim.stat.isDirectory() || victim.stat.nlink() <= 2;
                            if (victimGfid != null && !victimLastName) {
                                brick.removeGfid2path(victim, preNew.gfid(), dstName);
                            }
                        }
                        if (src.stat.isDirectory() && srcDir.stat.ino() != dstDir.stat.ino()) {
                            check(req.caller(), src.stat, Permissions.W_OK, from);
                        }
                        Sys.check(Sys.C.renameat2(srcDir.fd, Sys.c(srcName), dstDir.fd, Sys.c(dstName), 0), "rename",
                                from + " to " + to);
                        if (victimGfid != null && victimLastName) {
                            brick.dropHandle(victimGfid);
                        }
                    } finally {
                        if (victim != null) {
                            victim.close();
                        }
                    }
                    Iatt buf;
                    try (Brick.Obj moved = brick.child(dstDir.fd, dstName, g)) {
                        if (moved.stat.isDirectory()) {
                            brick.moveDirHandle(g, preNew.gfid(), dstName);
                        } else {
                            brick.removeGfid2path(moved, preOld.gfid(), srcName);
                            brick.addGfid2path(moved, preNew.gfid(), dstName);
                        }
                        buf = Brick.iatt(moved.stat, g);
                    }
                    return new RenameReply(buf, preOld, iattOf(srcDir, preOld.gfid()), preNew, iattOf(dstDir, preNew.gfid()),
                            Xdata.EMPTY);
                }
            }
        });
    }

    // ---- directories ----

    @Override
    protected Mono<OpendirReply> opendir(Opendir req) {
        return io(() -> onObject(req.loc(), o -> {
            if (!o.stat.isDirectory()) {
                throw FopException.of(Errno.ENOTDIR, req.loc() + " is not a directory");
            }
            check(req.caller(), o.stat, Permissions.R_OK, req.loc());
            int fd = reopen(o, Sys.O_RDONLY | Sys.O_DIRECTORY);
            req.fd().put(fdKey, new PosixFd(fd, Sys.O_RDONLY | Sys.O_DIRECTORY, true));
            return new OpendirReply(req.fd(), Xdata.EMPTY);
        }));
    }

    @Override
    protected Mono<ReaddirReply> readdir(Readdir req) {
        return io(() -> new ReaddirReply(list(req.fd(), req.size(), req.offset(), false), Xdata.EMPTY));
    }

    @Override
    protected Mono<ReaddirpReply> readdirp(Readdirp req) {
        return io(() -> new ReaddirpReply(list(req.fd(), req.size(), req.offset(), true), Xdata.EMPTY));
    }

    /** Entries after cookie {@code offset} (the backend's own d_off values), about {@code size} bytes of them. */
    private List<Dirent> list(Fd fd, int size, long offset, boolean plus) {
        return withFd(fd, pfd -> {
            if (!pfd.directory) {
                throw FopException.of(Errno.ENOTDIR, "readdir of a non-directory");
            }
            boolean root = fd.inode().isRoot();
            int budget = Math.max(size, 1);
            List<Dirent> out = new ArrayList<>();
            synchronized (pfd) {
                Sys.check(Sys.C.lseek(pfd.fd, offset, Sys.SEEK_SET), "seekdir", fd.inode().gfid());
                ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(budget * 2, 8192)).order(java.nio.ByteOrder.nativeOrder());
                int used = 0;
                outer:
                while (true) {
                    buf.clear();
                    long n = Sys.check(Sys.C.getdents64(pfd.fd, buf, buf.capacity()), "getdents", fd.inode().gfid());
                    if (n == 0) {
                        break;
                    }
                    int pos = 0;
                    while (pos < n) {
                        long ino = buf.getLong(pos);
                        long off = buf.getLong(pos + 8);
                        int reclen = buf.getShort(pos + 16) & 0xFFFF;
                        int dtype = buf.get(pos + 18) & 0xFF;
                        int nameEnd = pos + 19;
                        while (nameEnd < pos + reclen && buf.get(nameEnd) != 0) {
                            nameEnd++;
                        }
                        byte[] nb = new byte[nameEnd - pos - 19];
                        buf.get(pos + 19, nb);
                        String name = new String(nb, StandardCharsets.UTF_8);
                        pos += reclen;
                        if (root && (name.equals(Brick.HIDDEN))) {
                            continue;
                        }
                        int cost = (24 + nb.length + 7) & ~7;
                        if (!out.isEmpty() && used + cost > budget) {
                            break outer;
                        }
                        used += cost;
                        Dirent d = Dirent.of(name, ino, off, IaType.ofDirentType(dtype));
                        if (plus) {
                            d = withStat(pfd, fd, d, root);
                        }
                        out.add(d);
                    }
                }
            }
            return out;
        });
    }

    private Dirent withStat(PosixFd dir, Fd fd, Dirent d, boolean root) {
        try {
            String name = d.name();
            Sys.Stat st;
            Gfid g;
            if (name.equals(".") || (name.equals("..") && root)) {
                st = Sys.statx(dir.fd, "");
                g = fd.inode().gfid();
            } else if (name.equals("..")) {
                st = Sys.statx(dir.fd, "..");
                g = null;
            } else {
                st = Sys.statx(dir.fd, name);
                g = Brick.gfidAt(dir.fd, name);
            }
            Iatt a = Brick.iatt(st, g);
            return new Dirent(d.name(), g == null ? d.ino() : a.ino(), d.off(), a.type(), a, g == null ? null : table.find(g),
                    Xdata.EMPTY);
        } catch (FopException e) {
            return d; // removed since getdents: leave it without attributes
        }
    }

    // ---- extended attributes ----

    /** Attributes the brick keeps for itself: clients may read some, change none. */
    static boolean internal(String name) {
        return name.equals(Brick.GFID_KEY) || name.startsWith(Brick.GFID2PATH_PREFIX)
                || name.startsWith("trusted.glusterfs.") || name.startsWith("trusted.pgfid.");
    }

    private static void checkXattrAccess(CallContext c, Sys.Stat st, String name, int mask) {
        if (name.startsWith("trusted.") || name.startsWith("security.")) {
            if (!c.isRoot() && name.startsWith("trusted.")) {
                throw FopException.of(mask == Permissions.R_OK ? Errno.ENODATA : Errno.EPERM,
                        "only root may use trusted.* attributes");
            }
            if (!c.isRoot() && mask == Permissions.W_OK) {
                throw FopException.of(Errno.EPERM, "only root may set security.* attributes");
            }
            return;
        }
        if (!st.isRegular() && !st.isDirectory() && name.startsWith("user.")) {
            throw FopException.of(mask == Permissions.R_OK ? Errno.ENODATA : Errno.EPERM,
                    "user.* attributes exist only on files and directories");
        }
        Permissions.check(c, st.prot(), st.uid(), st.gid(), st.isDirectory(), mask, "xattr '" + name + "'");
    }

    private Xattrs getXattrs(CallContext c, Brick.Obj o, @Nullable String name) {
        if (name == null) {
            Xattrs.Builder b = Xattrs.builder();
            for (String k : Sys.listxattr(o.xattrPath(), o.xattrFollow())) {
                if (internal(k) || (!c.isRoot() && k.startsWith("trusted."))) {
                    continue;
                }
                Bytes v = Sys.getxattr(o.xattrPath(), k, o.xattrFollow());
                if (v != null) {
                    b.put(k, v);
                }
            }
            return b.build();
        }
        if (name.equals("glusterfs.gfid.string")) {
            return Xattrs.of(name, Bytes.utf8(gfidOrStale(o, "object").toString()));
        }
        Names.checkXattr(name, 0);
        checkXattrAccess(c, o.stat, name, Permissions.R_OK);
        Bytes v = Sys.getxattr(o.xattrPath(), name, o.xattrFollow());
        if (v == null) {
            throw FopException.of(Errno.ENODATA, "no xattr '" + name + "'");
        }
        return Xattrs.of(name, v);
    }

    private void setXattrs(CallContext c, Brick.Obj o, Xattrs dict, int flags) {
        for (var e : dict.asMap().entrySet()) {
            String k = e.getKey();
            Names.checkXattr(k, e.getValue().length());
            if (internal(k)) {
                throw FopException.of(Errno.EPERM, "'" + k + "' belongs to the brick and cannot be set");
            }
            checkXattrAccess(c, o.stat, k, Permissions.W_OK);
        }
        for (var e : dict.asMap().entrySet()) {
            Sys.setxattr(o.xattrPath(), e.getKey(), e.getValue(), flags & 3, o.xattrFollow());
        }
    }

    private void removeXattr(CallContext c, Brick.Obj o, String name) {
        Names.checkXattr(name, 0);
        if (internal(name)) {
            throw FopException.of(Errno.EPERM, "'" + name + "' belongs to the brick and cannot be removed");
        }
        checkXattrAccess(c, o.stat, name, Permissions.W_OK);
        if (!Sys.removexattr(o.xattrPath(), name, o.xattrFollow())) {
            throw FopException.of(Errno.ENODATA, "no xattr '" + name + "'");
        }
    }

    private Xattrs xattrop(CallContext c, Brick.Obj o, XattropType type, Xattrs dict) {
        Gfid g = gfidOrStale(o, "xattrop target");
        synchronized (xattropLocks[Math.floorMod(g.hashCode(), xattropLocks.length)]) {
            Xattrs.Builder reply = Xattrs.builder();
            for (var e : dict.asMap().entrySet()) {
                String k = e.getKey();
                Names.checkXattr(k, e.getValue().length());
                if (internal(k)) {
                    throw FopException.of(Errno.EPERM, "'" + k + "' belongs to the brick");
                }
                checkXattrAccess(c, o.stat, k, Permissions.W_OK);
                XattropMath.Outcome out = XattropMath.apply(type, k, Sys.getxattr(o.xattrPath(), k, o.xattrFollow()),
                        e.getValue());
                if (out.store() != null) {
                    Sys.setxattr(o.xattrPath(), k, out.store(), 0, o.xattrFollow());
                }
                if (out.reply() != null) {
                    reply.put(k, out.reply());
                }
            }
            return reply.build();
        }
    }

    /** {@code f} on the object {@code fd} is open on: through the fd itself, by gfid for an fd posix never opened. */
    private <T> T onFdObject(Fd fd, Function<Brick.Obj, T> f) {
        PosixFd p = fd.get(fdKey);
        Gfid g = fd.inode().gfid();
        try (Brick.Obj o = p != null ? brick.openFile(p.fd, g) : brick.byGfid(g, null)) {
            return f.apply(o);
        }
    }

    @Override
    protected Mono<GetxattrReply> getxattr(Getxattr req) {
        return io(() -> onObject(req.loc(), o -> new GetxattrReply(getXattrs(req.caller(), o, req.name()), Xdata.EMPTY)));
    }

    @Override
    protected Mono<FgetxattrReply> fgetxattr(Fgetxattr req) {
        return io(() -> onFdObject(req.fd(), o -> new FgetxattrReply(getXattrs(req.caller(), o, req.name()), Xdata.EMPTY)));
    }

    @Override
    protected Mono<SetxattrReply> setxattr(Setxattr req) {
        Xattrs dict = withoutStatsDumpRequests(req.dict());
        if (dict.isEmpty() && !req.dict().isEmpty()) {
            return Mono.just(SetxattrReply.EMPTY);
        }
        return io(() -> onObject(req.loc(), o -> {
            setXattrs(req.caller(), o, dict, req.flags());
            return SetxattrReply.EMPTY;
        }));
    }

    @Override
    protected Mono<FsetxattrReply> fsetxattr(Fsetxattr req) {
        return io(() -> onFdObject(req.fd(), o -> {
            setXattrs(req.caller(), o, req.dict(), req.flags());
            return FsetxattrReply.EMPTY;
        }));
    }

    @Override
    protected Mono<RemovexattrReply> removexattr(Removexattr req) {
        return io(() -> onObject(req.loc(), o -> {
            removeXattr(req.caller(), o, req.name());
            return RemovexattrReply.EMPTY;
        }));
    }

    @Override
    protected Mono<FremovexattrReply> fremovexattr(Fremovexattr req) {
        return io(() -> onFdObject(req.fd(), o -> {
            removeXattr(req.caller(), o, req.name());
            return FremovexattrReply.EMPTY;
        }));
    }

    @Override
    protected Mono<XattropReply> xattrop(Xattrop req) {
        return io(() -> onObject(req.loc(), o -> new XattropReply(xattrop(req.caller(), o, req.optype(), req.dict()),
                Xdata.EMPTY)));
    }

    @Override
    protected Mono<FxattropReply> fxattrop(Fxattrop req) {
        return io(() -> onFdObject(req.fd(), o -> new FxattropReply(xattrop(req.caller(), o, req.optype(), req.dict()),
                Xdata.EMPTY)));
    }

    // ---- create-and-write, inodes without names ----

    @Override
    protected Mono<PutReply> put(Put req) {
        Fd fd = table.newFd(req.loc().inode() != null ? req.loc().inode() : table.newInode(), req.flags() | Sys.O_RDWR,
                req.caller().pid());
        Create create = new Create(req.caller(), req.loc(), (req.flags() & ~Sys.O_ACCMODE) | Sys.O_RDWR, req.mode(),
                req.umask(), fd, req.xdata());
        return create(create).flatMap(made -> io(() -> {
            PosixFd pfd = fd.get(fdKey);
            if (req.offset() < 0) {
                throw FopException.of(Errno.EINVAL, "put at negative offset");
            }
            pwrite(pfd.fd, req.vector(), req.offset());
            try (Brick.Obj o = brick.byGfid(made.buf().gfid(), null)) {
                setXattrs(req.caller(), o, req.xattrs(), 0);
                return new PutReply(made.inode(), Brick.iatt(o.restat(), made.buf().gfid()), made.preparent(),
                        made.postparent(), Xdata.EMPTY);
            }
        })).doFinally(s -> fd.release());
    }

    @Override
    protected Mono<IcreateReply> icreate(Icreate req) {
        return io(() -> {
            Gfid g = req.loc().effectiveGfid().isNull() ? newGfid(req.xdata()) : req.loc().effectiveGfid();
            IaType type = IaType.ofMode(req.mode());
            if (type != IaType.REGULAR && type != IaType.INVAL) {
                throw FopException.of(Errno.EINVAL, "icreate makes regular files only, not a " + type);
            }
            int hd = brick.handleDir(g, true);
            try {
                int fd = Sys.openat2(hd, g.toString(), Sys.O_CREAT | Sys.O_EXCL | Sys.O_WRONLY, fileMode(req.mode()),
                        Sys.RESOLVE_SAFE);
                Sys.close(fd);
                String at = Sys.proc(hd) + "/" + g;
                Sys.setxattr(at, Brick.GFID_KEY, Bytes.wrap(g.toBytes()), Sys.XATTR_CREATE, false);
                Sys.check(Sys.C.fchownat(hd, Sys.c(g.toString()), req.caller().uid(), req.caller().gid(),
                        Sys.AT_SYMLINK_NOFOLLOW), "chown", g);
                Sys.Stat st = Sys.statx(hd, g.toString());
                return new IcreateReply(inodeOf(req.loc(), g), Brick.iatt(st, g), Xdata.EMPTY);
            } finally {
                Sys.close(hd);
            }
        });
    }

    @Override
    protected Mono<NamelinkReply> namelink(Namelink req) {
        return io(() -> {
            Loc loc = req.loc();
            Gfid g = loc.effectiveGfid().isNull() ? req.xdata().get(XdataKeys.GFID_REQ) : loc.effectiveGfid();
            if (g == null || g.isNull()) {
                throw FopException.of(Errno.EINVAL, "namelink needs the gfid of the inode to name");
            }
            try (Brick.Obj o = brick.byGfid(g, null); Brick.Obj parent = parentOf(loc)) {
                if (o.stat.isDirectory()) {
                    throw FopException.of(Errno.EINVAL, "namelink of a directory");
                }
                String name = entryChecks(req.caller(), parent, loc);
                Iatt pre = iatt(parent);
                Sys.check(Sys.C.linkat(o.fd, Sys.EMPTY, parent.fd, Sys.c(name), Sys.AT_EMPTY_PATH), "link", loc);
                brick.addGfid2path(o, pre.gfid(), name);
                return new NamelinkReply(pre, iattOf(parent, pre.gfid()), Xdata.EMPTY);
            }
        });
    }

    // ---- state ----

    @Override
    public void forget(Inode inode) {
        Gfid g = inode.gfid();
        if (!g.isNull()) {
            brick.forget(g);
        }
    }

    @Override
    public void dump(DumpWriter out) {
        out.section("storage/posix.priv")
                .put("directory", brick.directory)
                .put("cached_objects", brick.cached())
                .put("health", down == null ? "up" : down)
                .put("free_above_reserve", freeBytes == Long.MAX_VALUE ? "not checked yet" : freeBytes)
                .put("gfid2path", opts.get(GFID2PATH))
                .put("reserve", opts.get(RESERVE));
    }
}
