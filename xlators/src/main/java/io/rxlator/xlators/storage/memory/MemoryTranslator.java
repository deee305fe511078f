package io.rxlator.xlators.storage.memory;

import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.inode.ContextKey;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import io.rxlator.xlators.storage.common.Permissions;
import io.rxlator.xlators.storage.common.Checksums;
import io.rxlator.xlators.storage.common.StorageTranslator;
import io.rxlator.xlators.storage.common.Names;
import io.rxlator.xlators.storage.common.XattropMath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@code storage/memory}: a complete file system in the JVM's heap, with the semantics of
 * storage/posix over a local file system: every fop, POSIX permissions, sparse files, hard
 * links, symlinks, device nodes, extended attributes, xattrop arithmetic, rchecksum, seek
 * DATA/HOLE. For tests, benchmarks, and anybody who wants a scratch volume. Its contents go
 * with the process.
 *
 * <p>Locking: the store's namespace lock guards directory entries (and is taken first);
 * each inode's monitor guards its attributes and data. Nothing blocks.
 */
public final class MemoryTranslator extends StorageTranslator {

    public static final String TYPE = "storage/memory";

    static final Option<Long> SIZE = Option.size("size").defaultValue("1GB").range(1 << 20, 1L << 50)
            .description("How much data the volume holds before writes fail with ENOSPC.").reconfigurable();
    static final Option<Long> MAX_INODES = Option.integer("max-inodes").defaultValue("1048576").range(16, 1L << 40)
            .description("How many files, directories and links the volume holds before creates fail with ENOSPC.")
            .reconfigurable();

    public static final TranslatorDescriptor DESCRIPTOR = TranslatorDescriptor.builder(TYPE)
            .arity(Arity.NONE)
            .options(SIZE, MAX_INODES)
            .description("A complete file system in memory, with storage/posix semantics. Lost when the process ends.")
            .factory(MemoryTranslator::new)
            .build();

    /** What an open fd holds. */
    private record OpenFile(MemInode inode, int flags) {
    }

    private static final int O_APPEND = 02000;
    private static final int O_TRUNC = 01000;
    private static final int O_EXCL = 0200;
    private static final int XATTR_CREATE = 1;
    private static final int XATTR_REPLACE = 2;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;

    private final ConcurrentHashMap<Gfid, MemInode> inodes = new ConcurrentHashMap<>();
    private final Object namespace = new Object();
    private final AtomicLong usedBytes = new AtomicLong();
    private final ContextKey<OpenFile> openKey;
    private final InodeTable table;
    private final long dev;
    private volatile long capacity;
    private volatile long maxInodes;

    MemoryTranslator(TranslatorContext ctx) {
        super(ctx);
        this.openKey = ctx.newContextKey(OpenFile.class);
        this.table = ctx.inodeTable();
        this.dev = Integer.toUnsignedLong(ctx.name().hashCode());
        this.capacity = ctx.options().get(SIZE);
        this.maxInodes = ctx.options().get(MAX_INODES);
        MemInode root = new MemInode(Gfid.ROOT, IaType.DIRECTORY, 0755, 0, 0, Instant.now());
        inodes.put(Gfid.ROOT, root);
    }

    @Override
    public void reconfigure(io.rxlator.runtime.option.Options options) {
        capacity = options.get(SIZE);
        maxInodes = options.get(MAX_INODES);
    }

    private static <R> Mono<R> reply(Supplier<R> body) {
        try {
            return Mono.just(body.get());
        } catch (FopException e) {
            return Mono.error(e);
        }
    }

    // ---- resolution ----

    private MemInode byGfid(Gfid g, Object what) {
        MemInode m = inodes.get(g);
        if (m == null) {
            throw FopException.of(Errno.ENOENT, what + ": no such file (gfid " + g + ")");
        }
        return m;
    }

    /** The file a loc names: by gfid when known, else by parent and name. */
    private MemInode resolve(Loc loc) {
        Gfid g = loc.effectiveGfid();
        if (!g.isNull()) {
            return byGfid(g, loc);
        }
        if ("/".equals(loc.path()) && loc.name() == null) {
            return byGfid(Gfid.ROOT, loc);
        }
        MemInode dir = parentOf(loc);
        String name = loc.name();
        if (name == null) {
            throw FopException.of(Errno.EINVAL, loc + ": neither a gfid nor a name");
        }
        MemInode.Entry e;
        synchronized (dir) {
            e = dir.byName.get(name);
        }
        if (e == null) {
            throw FopException.of(Errno.ENOENT, loc + ": no such file");
        }
        return byGfid(e.gfid(), loc);
    }

    private MemInode parentOf(Loc loc) {
        Gfid pg = loc.effectiveParentGfid();
        if (pg.isNull()) {
            throw FopException.of(Errno.EINVAL, loc + ": no parent given");
        }
        MemInode dir = byGfid(pg, loc);
        if (!dir.isDirectory()) {
            throw FopException.of(Errno.ENOTDIR, loc + ": parent is not a directory");
        }
        return dir;
    }

    private MemInode of(Fd fd) {
        OpenFile o = fd.get(openKey);
        return o != null ? o.inode() : byGfid(fd.inode().gfid(), "fd");
    }

    private int flagsOf(Fd fd) {
        OpenFile o = fd.get(openKey);
        return o == null ? 2 : o.flags();
    }

    private Inode inodeOf(Loc loc, MemInode m) {
        if (loc.inode() != null) {
            return loc.inode();
        }
        Inode known = table.find(m.gfid);
        return known != null ? known : table.newInode();
    }

    private Gfid newGfid(Xdata xdata) {
        Gfid g = xdata.get(XdataKeys.GFID_REQ);
        if (g == null || g.isNull()) {
            return Gfid.random();
        }
        if (inodes.containsKey(g)) {
            throw FopException.of(Errno.EEXIST, "gfid " + g + " asked for in gfid-req is in use");
        }
        return g;
    }

    private void searchable(CallContext c, MemInode dir, Object what) {
        synchronized (dir) {
            Permissions.check(c, dir.prot, dir.uid, dir.gid, true, Permissions.X_OK, what.toString());
        }
    }

    private void writableDir(CallContext c, MemInode dir, Object what) {
        synchronized (dir) {
            Permissions.check(c, dir.prot, dir.uid, dir.gid, true, Permissions.W_OK | Permissions.X_OK, what.toString());
        }
    }

    // ---- lookup and attributes ----

    @Override
    protected Mono<LookupReply> lookup(Lookup req) {
        return reply(() -> {
            Loc loc = req.loc();
            MemInode m;
            Iatt postparent = Iatt.EMPTY;
            if (loc.effectiveGfid().isNull() && loc.name() != null) {
                MemInode dir = parentOf(loc);
                searchable(req.caller(), dir, loc);
                m = resolve(loc);
                postparent = dir.iatt(dev);
            } else {
                m = resolve(loc);
                if (!loc.effectiveParentGfid().isNull()) {
                    MemInode dir = inodes.get(loc.effectiveParentGfid());
                    if (dir != null) {
                        postparent = dir.iatt(dev);
                    }
                }
            }
            Iatt buf = m.iatt(dev);
            Xdata x = Xdata.EMPTY;
            if (req.xdata().contains(XdataKeys.GET_LINK_COUNT)) {
                x = x.with(XdataKeys.GET_LINK_COUNT, buf.nlink());
            }
            return new LookupReply(inodeOf(loc, m), buf, postparent, x);
        });
    }

    @Override
    protected Mono<StatReply> stat(Stat req) {
        return reply(() -> new StatReply(resolve(req.loc()).iatt(dev), Xdata.EMPTY));
    }

    @Override
    protected Mono<FstatReply> fstat(Fstat req) {
        return reply(() -> new FstatReply(of(req.fd()).iatt(dev), Xdata.EMPTY));
    }

    @Override
    protected Mono<AccessReply> access(Access req) {
        return reply(() -> {
            MemInode m = resolve(req.loc());
            synchronized (m) {
                Permissions.check(req.caller(), m.prot, m.uid, m.gid, m.isDirectory(), req.mask(), req.loc().toString());
            }
            return AccessReply.EMPTY;
        });
    }

    @Override
    protected Mono<SetattrReply> setattr(Setattr req) {
        return reply(() -> {
            MemInode m = resolve(req.loc());
            Iatt[] prePost = applySetattr(req.caller(), m, req.stbuf(), req.valid());
            return new SetattrReply(prePost[0], prePost[1], Xdata.EMPTY);
        });
    }

    @Override
    protected Mono<FsetattrReply> fsetattr(Fsetattr req) {
        return reply(() -> {
            Iatt[] prePost = applySetattr(req.caller(), of(req.fd()), req.stbuf(), req.valid());
            return new FsetattrReply(prePost[0], prePost[1], Xdata.EMPTY);
        });
    }

    private Iatt[] applySetattr(CallContext c, MemInode m, Iatt to, int valid) {
        Instant now = Instant.now();
        synchronized (m) {
            Iatt pre = m.iatt(dev);
            if ((valid & (SetattrValid.UID | SetattrValid.GID)) != 0) {
                boolean uidChange = (valid & SetattrValid.UID) != 0 && to.uid() != m.uid;
                boolean gidOk = (valid & SetattrValid.GID) == 0 || to.gid() == m.gid
                        || (c.uid() == m.uid && c.inGroup(to.gid()));
                if (!c.isRoot() && (uidChange || !gidOk)) {
                    throw FopException.of(Errno.EPERM, "chown: only root may give a file away or to another group");
                }
                if ((valid & SetattrValid.UID) != 0) {
                    m.uid = to.uid();
                }
                if ((valid & SetattrValid.GID) != 0) {
                    m.gid = to.gid();
                }
                if (m.type != IaType.DIRECTORY) {
                    m.prot &= ~(Permissions.S_ISUID | Permissions.S_ISGID);
                }
                m.touchChanged(now);
            }
            if ((valid & SetattrValid.MODE) != 0) {
                if (!Permissions.ownerOrRoot(c, m.uid)) {
                    throw FopException.of(Errno.EPERM, "chmod: not the owner");
                }
                int prot = to.prot();
                if (!c.isRoot() && !c.inGroup(m.gid)) {
                    prot &= ~Permissions.S_ISGID;
                }
                m.prot = prot;
                m.touchChanged(now);
            }
            if ((valid & SetattrValid.SIZE) != 0) {
                truncate(c, m, to.size(), true);
                m.touchModified(now);
            }
            int times = SetattrValid.ATIME | SetattrValid.MTIME | SetattrValid.ATIME_NOW | SetattrValid.MTIME_NOW;
            if ((valid & times) != 0) {
                boolean explicit = (valid & (SetattrValid.ATIME | SetattrValid.MTIME)) != 0
                        && (valid & (SetattrValid.ATIME_NOW | SetattrValid.MTIME_NOW)) == 0;
                if (!Permissions.ownerOrRoot(c, m.uid)
                        && (explicit || !Permissions.allowed(c, m.prot, m.uid, m.gid, m.isDirectory(), Permissions.W_OK))) {
                    throw FopException.of(explicit ? Errno.EPERM : Errno.EACCES, "utimens: not the owner");
                }
                if ((valid & SetattrValid.ATIME_NOW) != 0) {
                    m.atimeSec = now.getEpochSecond();
                    m.atimeNsec = now.getNano();
                } else if ((valid & SetattrValid.ATIME) != 0) {
                    m.atimeSec = to.atimeSec();
                    m.atimeNsec = to.atimeNsec();
                }
                if ((valid & SetattrValid.MTIME_NOW) != 0) {
                    m.mtimeSec = now.getEpochSecond();
                    m.mtimeNsec = now.getNano();
                } else if ((valid & SetattrValid.MTIME) != 0) {
                    m.mtimeSec = to.mtimeSec();
                    m.mtimeNsec = to.mtimeNsec();
                }
                m.touchChanged(now);
            }
            if ((valid & SetattrValid.CTIME) != 0 && c.isRoot()) {
                m.ctimeSec = to.ctimeSec();
                m.ctimeNsec = to.ctimeNsec();
            }
            return new Iatt[] {pre, m.iatt(dev)};
        }
    }

    // ---- data ----

    /** Changes a regular file's size; the caller holds the monitor. */
    private void truncate(CallContext c, MemInode m, long size, boolean checkAccess) {
        if (m.type == IaType.DIRECTORY) {
            throw FopException.of(Errno.EISDIR, "truncate of a directory");
        }
        if (m.type != IaType.REGULAR) {
            throw FopException.of(Errno.EINVAL, "truncate of a " + m.type);
        }
        if (size < 0) {
            throw FopException.of(Errno.EINVAL, "negative size " + size);
        }
        if (checkAccess) {
            Permissions.check(c, m.prot, m.uid, m.gid, false, Permissions.W_OK, "truncate");
        }
        long before = m.allocatedBytes();
        m.truncate(size);
        usedBytes.addAndGet(m.allocatedBytes() - before);
        if (!c.isRoot()) {
            m.prot &= ~Iatt.setIdBitsClearedByWrite(m.prot);
        }
    }

    @Override
    protected Mono<TruncateReply> truncate(Truncate req) {
        return reply(() -> {
            MemInode m = resolve(req.loc());
            synchronized (m) {
                Iatt pre = m.iatt(dev);
                truncate(req.caller(), m, req.offset(), true);
                m.touchModified(Instant.now());
                return new TruncateReply(pre, m.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<FtruncateReply> ftruncate(Ftruncate req) {
        return reply(() -> {
            MemInode m = of(req.fd());
            if ((flagsOf(req.fd()) & 3) == 0) {
                throw FopException.of(Errno.EBADF, "ftruncate on an fd not open for writing");
            }
            synchronized (m) {
                Iatt pre = m.iatt(dev);
                truncate(req.caller(), m, req.offset(), false);
                m.touchModified(Instant.now());
                return new FtruncateReply(pre, m.iatt(dev), Xdata.EMPTY);
            }
        });
    }


    @Override
    protected Mono<OpenReply> open(Open req) {
        return reply(() -> {
            MemInode m = resolve(req.loc());
            synchronized (m) {
                if (m.isDirectory() && (req.flags() & 3) != 0) {
                    throw FopException.of(Errno.EISDIR, "open of a directory for writing");
                }
                if (m.type == IaType.SYMLINK) {
                    throw FopException.of(Errno.ELOOP, "open of a symlink");
                }
                Permissions.check(req.caller(), m.prot, m.uid, m.gid, m.isDirectory(),
                        Permissions.forOpenFlags(req.flags()), req.loc().toString());
                if ((req.flags() & O_TRUNC) != 0 && (req.flags() & 3) != 0 && m.type == IaType.REGULAR) {
                    truncate(req.caller(), m, 0, false);
                    m.touchModified(Instant.now());
                }
            }
            opened(req.fd(), m, req.flags());
            return new OpenReply(req.fd(), Xdata.EMPTY);
        });
    }

    private static MemInode regular(MemInode m, String fop) {
        if (m.type == IaType.DIRECTORY) {
            throw FopException.of(Errno.EISDIR, fop + " on a directory");
        }
        if (m.type != IaType.REGULAR) {
            throw FopException.of(Errno.EINVAL, fop + " on a " + m.type);
        }
        return m;
    }

    @Override
    protected Mono<ReadvReply> readv(Readv req) {
        return reply(() -> {
            MemInode m = regular(of(req.fd()), "readv");
            if ((flagsOf(req.fd()) & 3) == 1) {
                throw FopException.of(Errno.EBADF, "readv on an fd open for writing only");
            }
            if (req.offset() < 0 || req.size() < 0) {
                throw FopException.of(Errno.EINVAL, "readv at offset " + req.offset() + " size " + req.size());
            }
            synchronized (m) {
                byte[] data = m.read(req.offset(), req.size());
                return new ReadvReply(Iovec.wrap(data), m.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<WritevReply> writev(Writev req) {
        return reply(() -> {
            MemInode m = regular(of(req.fd()), "writev");
            int flags = flagsOf(req.fd());
            if ((flags & 3) == 0) {
                throw FopException.of(Errno.EBADF, "writev on an fd open for reading only");
            }
            int len = req.vector().length();
            synchronized (m) {
                long offset = (flags & O_APPEND) != 0 ? m.size : req.offset();
                if (offset < 0) {
                    throw FopException.of(Errno.EINVAL, "writev at negative offset " + offset);
                }
                if (offset > Long.MAX_VALUE - len) {
                    throw FopException.of(Errno.EFBIG, "writev past the largest file size");
                }
                Iatt pre = m.iatt(dev);
                reserve(m.growth(offset, len));
                m.write(offset, req.vector().toByteArray(), 0, len);
                if (!req.caller().isRoot()) {
                    m.prot &= ~Iatt.setIdBitsClearedByWrite(m.prot);
                }
                m.touchModified(Instant.now());
                return new WritevReply(len, pre, m.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    /** Accounts for {@code bytes} more of data, or fails with ENOSPC. */
    private void reserve(long bytes) {
        if (bytes <= 0) {
            return;
        }
        long cap = capacity;
        while (true) {
            long used = usedBytes.get();
            if (used + bytes > cap) {
                throw FopException.of(Errno.ENOSPC, "memory volume is full (" + used + " of " + cap + " bytes used)");
            }
            if (usedBytes.compareAndSet(used, used + bytes)) {
                return;
            }
        }
    }

    @Override
    protected Mono<FlushReply> flush(Flush req) {
        return reply(() -> {
            of(req.fd());
            return FlushReply.EMPTY;
        });
    }

    @Override
    protected Mono<FsyncReply> fsync(Fsync req) {
        return reply(() -> {
            Iatt a = of(req.fd()).iatt(dev);
            return new FsyncReply(a, a, Xdata.EMPTY);
        });
    }

    @Override
    protected Mono<FsyncdirReply> fsyncdir(Fsyncdir req) {
        return reply(() -> {
            of(req.fd());
            return FsyncdirReply.EMPTY;
        });
    }

    @Override
    protected Mono<FallocateReply> fallocate(Fallocate req) {
        return reply(() -> {
            MemInode m = regular(of(req.fd()), "fallocate");
            checkRange(req.offset(), req.len(), "fallocate");
            int mode = req.mode();
            if ((mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)) != 0) {
                throw FopException.of(Errno.EOPNOTSUPP, "fallocate mode 0x" + Integer.toHexString(mode));
            }
            if ((mode & FALLOC_FL_PUNCH_HOLE) != 0 && (mode & FALLOC_FL_KEEP_SIZE) == 0) {
                throw FopException.of(Errno.EINVAL, "a punch hole must keep the size");
            }
            synchronized (m) {
                Iatt pre = m.iatt(dev);
                if ((mode & FALLOC_FL_PUNCH_HOLE) != 0) {
                    long before = m.allocatedBytes();
                    m.zero(req.offset(), req.len(), true);
                    usedBytes.addAndGet(m.allocatedBytes() - before);
                } else {
                    reserve(m.growth(req.offset(), req.len()));
                    m.allocate(req.offset(), req.len(), (mode & FALLOC_FL_KEEP_SIZE) != 0);
                }
                m.touchModified(Instant.now());
                return new FallocateReply(pre, m.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<DiscardReply> discard(Discard req) {
        return reply(() -> {
            MemInode m = regular(of(req.fd()), "discard");
            checkRange(req.offset(), req.len(), "discard");
            synchronized (m) {
                Iatt pre = m.iatt(dev);
                long before = m.allocatedBytes();
                m.zero(req.offset(), req.len(), true);
                usedBytes.addAndGet(m.allocatedBytes() - before);
                m.touchModified(Instant.now());
                return new DiscardReply(pre, m.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<ZerofillReply> zerofill(Zerofill req) {
        return reply(() -> {
            MemInode m = regular(of(req.fd()), "zerofill");
            checkRange(req.offset(), req.len(), "zerofill");
            synchronized (m) {
                Iatt pre = m.iatt(dev);
                reserve(m.growth(req.offset(), req.len()));
                m.zero(req.offset(), req.len(), false);
                m.touchModified(Instant.now());
                return new ZerofillReply(pre, m.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    private static void checkRange(long offset, long len, String fop) {
        if (offset < 0 || len <= 0 || offset > Long.MAX_VALUE - len) {
            throw FopException.of(Errno.EINVAL, fop + " of offset " + offset + " length " + len);
        }
    }

    @Override
    protected Mono<SeekReply> seek(Seek req) {
        return reply(() -> {
            MemInode m = regular(of(req.fd()), "seek");
            if (req.offset() < 0) {
                throw FopException.of(Errno.EINVAL, "seek to negative offset " + req.offset());
            }
            synchronized (m) {
                if (req.offset() >= m.size) {
                    throw FopException.of(Errno.ENXIO, "seek at or past the end of the file");
                }
                long at = m.seek(req.offset(), req.what() == SeekWhat.DATA);
                if (at < 0) {
                    throw FopException.of(Errno.ENXIO, "no data at or after offset " + req.offset());
                }
                return new SeekReply(at, Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<CopyFileRangeReply> copyFileRange(CopyFileRange req) {
        return reply(() -> {
            if (req.flags() != 0) {
                throw FopException.of(Errno.EINVAL, "copy_file_range flags must be 0");
            }
            MemInode in = regular(of(req.fdIn()), "copy_file_range");
            MemInode out = regular(of(req.fdOut()), "copy_file_range");
            if ((flagsOf(req.fdIn()) & 3) == 1 || (flagsOf(req.fdOut()) & 3) == 0 || (flagsOf(req.fdOut()) & O_APPEND) != 0) {
                throw FopException.of(Errno.EBADF, "copy_file_range needs a readable source and a writable, non-append target");
            }
            if (req.offIn() < 0 || req.offOut() < 0 || req.len() < 0) {
                throw FopException.of(Errno.EINVAL, "copy_file_range with a negative offset or length");
            }
            if (in == out && req.offIn() < req.offOut() + req.len() && req.offOut() < req.offIn() + req.len()) {
                throw FopException.of(Errno.EINVAL, "copy_file_range within one file over overlapping ranges");
            }
            byte[] data;
            Iatt stbuf;
            synchronized (in) {
                data = in.read(req.offIn(), (int) Math.min(req.len(), Integer.MAX_VALUE - 8));
                stbuf = in.iatt(dev);
            }
            synchronized (out) {
                Iatt pre = out.iatt(dev);
                reserve(out.growth(req.offOut(), data.length));
                out.write(req.offOut(), data, 0, data.length);
                if (data.length > 0) {
                    out.touchModified(Instant.now());
                }
                return new CopyFileRangeReply(data.length, stbuf, pre, out.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    static final XdataKey<Integer> CHECK_ZERO_FILLED = XdataKey.of("check-zero-filled", XdataCodec.INT32);
    static final XdataKey<Integer> BUF_HAS_ZEROES = XdataKey.of("buf-has-zeroes", XdataCodec.INT32);

    @Override
    protected Mono<RchecksumReply> rchecksum(Rchecksum req) {
        return reply(() -> {
            MemInode m = regular(of(req.fd()), "rchecksum");
            if (req.offset() < 0 || req.len() < 0) {
                throw FopException.of(Errno.EINVAL, "rchecksum of offset " + req.offset() + " length " + req.len());
            }
            byte[] data;
            synchronized (m) {
                data = m.read(req.offset(), req.len());
            }
            Xdata x = Xdata.EMPTY;
            if (req.xdata().contains(CHECK_ZERO_FILLED)) {
                x = x.with(BUF_HAS_ZEROES, Checksums.allZero(data, 0, data.length) ? 1 : 0);
            }
            return new RchecksumReply(Checksums.weak(data, 0, data.length), Checksums.strong(data, 0, data.length, false), x);
        });
    }

    @Override
    protected Mono<StatfsReply> statfs(Statfs req) {
        return reply(() -> {
            resolve(req.loc());
            long bsize = 4096;
            long cap = capacity;
            long free = Math.max(0, cap - usedBytes.get());
            long files = maxInodes;
            long ffree = Math.max(0, files - inodes.size());
            return new StatfsReply(new Statvfs(bsize, bsize, cap / bsize, free / bsize, free / bsize, files, ffree, ffree,
                    dev, 0, Names.NAME_MAX), Xdata.EMPTY);
        });
    }

    @Override
    protected Mono<ReadlinkReply> readlink(Readlink req) {
        return reply(() -> {
            MemInode m = resolve(req.loc());
            synchronized (m) {
                if (m.type != IaType.SYMLINK) {
                    throw FopException.of(Errno.EINVAL, req.loc() + " is not a symlink");
                }
                return new ReadlinkReply(m.target, m.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    // ---- namespace ----

    /** Makes a new inode named {@code loc}; the caller holds the namespace lock. */
    private MemInode make(CallContext c, Loc loc, IaType type, int mode, int umask, Xdata xdata, Instant now) {
        MemInode dir = parentOf(loc);
        String name = loc.name();
        if (name == null) {
            throw FopException.of(Errno.EINVAL, loc + ": no name to create");
        }
        Names.checkComponent(name);
        writableDir(c, dir, loc);
        synchronized (dir) {
            if (dir.byName.containsKey(name)) {
                throw FopException.of(Errno.EEXIST, loc + " exists");
            }
            if (dir.nlink == 0) {
                throw FopException.of(Errno.ENOENT, loc + ": the directory was removed");
            }
        }
        if (inodes.size() >= maxInodes) {
            throw FopException.of(Errno.ENOSPC, "memory volume holds its maximum of " + maxInodes + " inodes");
        }
        Gfid g = newGfid(xdata);
        int prot = type == IaType.SYMLINK ? 0777 : (mode & ~umask) & 07777;
        int gid = c.gid();
        synchronized (dir) {
            if ((dir.prot & Permissions.S_ISGID) != 0) {
                gid = dir.gid;
                if (type == IaType.DIRECTORY) {
                    prot |= Permissions.S_ISGID;
                }
            }
        }
        if (!c.isRoot() && !c.inGroup(gid) && type != IaType.DIRECTORY) {
            prot &= ~Permissions.S_ISGID;
        }
        MemInode m = new MemInode(g, type, prot, c.uid(), gid, now);
        m.parent = dir.gfid;
        inodes.put(g, m);
        synchronized (dir) {
            dir.add(name, g);
            if (type == IaType.DIRECTORY) {
                dir.nlink++;
            }
            dir.touchModified(now);
        }
        return m;
    }

    @Override
    protected Mono<MkdirReply> mkdir(Mkdir req) {
        return reply(() -> {
            synchronized (namespace) {
                Instant now = Instant.now();
                MemInode dir = parentOf(req.loc());
                Iatt pre = dir.iatt(dev);
                MemInode m = make(req.caller(), req.loc(), IaType.DIRECTORY, req.mode(), req.umask(), req.xdata(), now);
                return new MkdirReply(inodeOf(req.loc(), m), m.iatt(dev), pre, dir.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<MknodReply> mknod(Mknod req) {
        return reply(() -> {
            IaType type = IaType.ofMode(req.mode());
            if (type == IaType.INVAL) {
                type = IaType.REGULAR; // mknod(2): a mode without a type makes a regular file
            }
            if (type == IaType.DIRECTORY || type == IaType.SYMLINK) {
                throw FopException.of(Errno.EINVAL, "mknod cannot make a " + type);
            }
            if ((type == IaType.BLOCK_DEVICE || type == IaType.CHAR_DEVICE) && !req.caller().isRoot()) {
                throw FopException.of(Errno.EPERM, "only root may make device nodes");
            }
            synchronized (namespace) {
                Instant now = Instant.now();
                MemInode dir = parentOf(req.loc());
                Iatt pre = dir.iatt(dev);
                MemInode m = make(req.caller(), req.loc(), type, req.mode(), req.umask(), req.xdata(), now);
                synchronized (m) {
                    m.rdev = req.rdev();
                }
                return new MknodReply(inodeOf(req.loc(), m), m.iatt(dev), pre, dir.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<SymlinkReply> symlink(Symlink req) {
        return reply(() -> {
            Names.checkSymlinkTarget(req.linkname());
            synchronized (namespace) {
                Instant now = Instant.now();
                MemInode dir = parentOf(req.loc());
                Iatt pre = dir.iatt(dev);
                MemInode m = make(req.caller(), req.loc(), IaType.SYMLINK, 0777, 0, req.xdata(), now);
                synchronized (m) {
                    m.target = req.linkname();
                }
                return new SymlinkReply(inodeOf(req.loc(), m), m.iatt(dev), pre, dir.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<CreateReply> create(Create req) {
        return reply(() -> {
            MemInode m;
            Iatt pre;
            MemInode dir;
            synchronized (namespace) {
                Instant now = Instant.now();
                dir = parentOf(req.loc());
                pre = dir.iatt(dev);
                MemInode.Entry existing;
                synchronized (dir) {
                    existing = req.loc().name() == null ? null : dir.byName.get(req.loc().name());
                }
                if (existing != null) {
                    if ((req.flags() & O_EXCL) != 0) {
                        throw FopException.of(Errno.EEXIST, req.loc() + " exists");
                    }
                    m = byGfid(existing.gfid(), req.loc());
                    synchronized (m) {
                        if (m.isDirectory()) {
                            throw FopException.of(Errno.EISDIR, req.loc() + " is a directory");
                        }
                        Permissions.check(req.caller(), m.prot, m.uid, m.gid, false,
                                Permissions.forOpenFlags(req.flags()), req.loc().toString());
                        if ((req.flags() & O_TRUNC) != 0 && m.type == IaType.REGULAR) {
                            truncate(req.caller(), m, 0, false);
                            m.touchModified(now);
                        }
                    }
                } else {
                    m = make(req.caller(), req.loc(), IaType.REGULAR, req.mode(), req.umask(), req.xdata(), now);
                }
            }
            opened(req.fd(), m, req.flags());
            return new CreateReply(req.fd(), inodeOf(req.loc(), m), m.iatt(dev), pre, dir.iatt(dev), Xdata.EMPTY);
        });
    }

    @Override
    protected Mono<PutReply> put(Put req) {
        return reply(() -> {
            MemInode m;
            Iatt pre;
            MemInode dir;
            synchronized (namespace) {
                Instant now = Instant.now();
                dir = parentOf(req.loc());
                pre = dir.iatt(dev);
                m = make(req.caller(), req.loc(), IaType.REGULAR, req.mode(), req.umask(), req.xdata(), now);
            }
            synchronized (m) {
                if (req.offset() < 0) {
                    throw FopException.of(Errno.EINVAL, "put at negative offset");
                }
                int len = req.vector().length();
                reserve(m.growth(req.offset(), len));
                m.write(req.offset(), req.vector().toByteArray(), 0, len);
                for (var e : req.xattrs().asMap().entrySet()) {
                    Names.checkXattr(e.getKey(), e.getValue().length());
                    m.xattrs.put(e.getKey(), e.getValue());
                }
            }
            return new PutReply(inodeOf(req.loc(), m), m.iatt(dev), pre, dir.iatt(dev), Xdata.EMPTY);
        });
    }

    @Override
    protected Mono<IcreateReply> icreate(Icreate req) {
        return reply(() -> {
            IaType type = IaType.ofMode(req.mode());
            Gfid g = req.loc().effectiveGfid().isNull() ? newGfid(req.xdata()) : req.loc().effectiveGfid();
            synchronized (namespace) {
                if (inodes.containsKey(g)) {
                    throw FopException.of(Errno.EEXIST, "gfid " + g + " exists");
                }
                MemInode m = new MemInode(g, type == IaType.INVAL ? IaType.REGULAR : type, req.mode() & 07777,
                        req.caller().uid(), req.caller().gid(), Instant.now());
                m.nlink = 0;
                inodes.put(g, m);
                return new IcreateReply(inodeOf(req.loc(), m), m.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<NamelinkReply> namelink(Namelink req) {
        return reply(() -> {
            Gfid g = req.loc().effectiveGfid().isNull() ? req.xdata().get(XdataKeys.GFID_REQ) : req.loc().effectiveGfid();
            if (g == null) {
                throw FopException.of(Errno.EINVAL, "namelink needs the gfid of the inode to name");
            }
            synchronized (namespace) {
                MemInode m = byGfid(g, req.loc());
                MemInode dir = parentOf(req.loc());
                Names.checkComponent(req.loc().name());
                Iatt pre = dir.iatt(dev);
                Instant now = Instant.now();
                synchronized (dir) {
                    if (dir.byName.containsKey(req.loc().name())) {
                        throw FopException.of(Errno.EEXIST, req.loc() + " exists");
                    }
                    dir.add(req.loc().name(), g);
                    dir.touchModified(now);
                }
                synchronized (m) {
                    m.nlink++;
                    m.parent = dir.gfid;
                }
                return new NamelinkReply(pre, dir.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    /** Drops one name of {@code m}; when no name is left the inode goes, its data once no fd holds it. */
    private void dropLink(MemInode m) {
        synchronized (m) {
            m.nlink = m.isDirectory() ? 0 : m.nlink - 1;
            if (m.nlink <= 0) {
                inodes.remove(m.gfid, m);
                if (m.opens == 0) {
                    usedBytes.addAndGet(-m.allocatedBytes());
                }
            }
        }
    }

    private void opened(Fd fd, MemInode m, int flags) {
        synchronized (m) {
            m.opens++;
        }
        fd.put(openKey, new OpenFile(m, flags));
    }

    @Override
    public void release(Fd fd) {
        closed(fd);
    }

    @Override
    public void releasedir(Fd fd) {
        closed(fd);
    }

    private void closed(Fd fd) {
        OpenFile o = fd.get(openKey);
        if (o == null) {
            return;
        }
        MemInode m = o.inode();
        synchronized (m) {
            if (--m.opens == 0 && m.nlink <= 0) {
                usedBytes.addAndGet(-m.allocatedBytes());
                if (m.chunks != null) {
                    m.chunks.clear();
                }
            }
        }
    }

    @Override
    protected Mono<UnlinkReply> unlink(Unlink req) {
        return reply(() -> {
            synchronized (namespace) {
                Instant now = Instant.now();
                MemInode dir = parentOf(req.loc());
                Names.checkComponent(req.loc().name());
                MemInode m = resolve(req.loc());
                if (m.isDirectory()) {
                    throw FopException.of(Errno.EISDIR, req.loc() + " is a directory");
                }
                writableDir(req.caller(), dir, req.loc());
                synchronized (dir) {
                    Permissions.checkSticky(req.caller(), dir.prot, dir.uid, m.uid, req.loc().toString());
                }
                Iatt pre = dir.iatt(dev);
                synchronized (dir) {
                    dir.remove(req.loc().name());
                    dir.touchModified(now);
                }
                dropLink(m);
                synchronized (m) {
                    m.touchChanged(now);
                }
                return new UnlinkReply(pre, dir.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<RmdirReply> rmdir(Rmdir req) {
        return reply(() -> {
            synchronized (namespace) {
                Instant now = Instant.now();
                if (req.loc().name() == null && req.loc().effectiveGfid().isRoot()) {
                    throw FopException.of(Errno.EBUSY, "rmdir of the root");
                }
                MemInode dir = parentOf(req.loc());
                Names.checkComponent(req.loc().name());
                MemInode m = resolve(req.loc());
                if (!m.isDirectory()) {
                    throw FopException.of(Errno.ENOTDIR, req.loc() + " is not a directory");
                }
                writableDir(req.caller(), dir, req.loc());
                synchronized (m) {
                    if (!m.byName.isEmpty()) {
                        throw FopException.of(Errno.ENOTEMPTY, req.loc() + " is not empty");
                    }
                }
                synchronized (dir) {
                    Permissions.checkSticky(req.caller(), dir.prot, dir.uid, m.uid, req.loc().toString());
                }
                Iatt pre = dir.iatt(dev);
                synchronized (dir) {
                    dir.remove(req.loc().name());
                    dir.nlink--;
                    dir.touchModified(now);
                }
                dropLink(m);
                return new RmdirReply(pre, dir.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<LinkReply> link(Link req) {
        return reply(() -> {
            synchronized (namespace) {
                Instant now = Instant.now();
                MemInode m = resolve(req.oldloc());
                if (m.isDirectory()) {
                    throw FopException.of(Errno.EPERM, "hard link to a directory");
                }
                MemInode dir = parentOf(req.newloc());
                String name = req.newloc().name();
                Names.checkComponent(name);
                writableDir(req.caller(), dir, req.newloc());
                Iatt pre = dir.iatt(dev);
                synchronized (dir) {
                    if (dir.byName.containsKey(name)) {
                        throw FopException.of(Errno.EEXIST, req.newloc() + " exists");
                    }
                }
                synchronized (m) {
                    if (m.nlink <= 0) {
                        throw FopException.of(Errno.ENOENT, req.oldloc() + " was removed");
                    }
                    if (m.nlink >= 65000) {
                        throw FopException.of(Errno.EMLINK, req.oldloc() + " has too many links");
                    }
                    m.nlink++;
                    m.touchChanged(now);
                }
                synchronized (dir) {
                    dir.add(name, m.gfid);
                    dir.touchModified(now);
                }
                Inode inode = req.oldloc().inode() != null ? req.oldloc().inode() : inodeOf(req.newloc(), m);
                return new LinkReply(inode, m.iatt(dev), pre, dir.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    @Override
    protected Mono<RenameReply> rename(Rename req) {
        return reply(() -> {
            synchronized (namespace) {
                Instant now = Instant.now();
                Loc from = req.oldloc();
                Loc to = req.newloc();
                MemInode srcDir = parentOf(from);
                MemInode dstDir = parentOf(to);
                Names.checkComponent(from.name());
                MemInode m = resolve(from);
                String toName = to.name();
                Names.checkComponent(toName);
                writableDir(req.caller(), srcDir, from);
                writableDir(req.caller(), dstDir, to);
                synchronized (srcDir) {
                    Permissions.checkSticky(req.caller(), srcDir.prot, srcDir.uid, m.uid, from.toString());
                }
                if (m.isDirectory()) {
                    for (Gfid g = dstDir.gfid; ; ) {
                        if (g.equals(m.gfid)) {
                            throw FopException.of(Errno.EINVAL, "rename of " + from + " into its own subdirectory " + to);
                        }
                        MemInode d = inodes.get(g);
                        if (d == null || g.isRoot()) {
                            break;
                        }
                        g = d.parent;
                    }
                    if (srcDir != dstDir) {
                        synchronized (m) {
                            Permissions.check(req.caller(), m.prot, m.uid, m.gid, true, Permissions.W_OK, from.toString());
                        }
                    }
                }
                Iatt preOld = srcDir.iatt(dev);
                Iatt preNew = dstDir.iatt(dev);
                MemInode.Entry existing;
                synchronized (dstDir) {
                    existing = dstDir.byName.get(toName);
                }
                if (existing != null) {
                    if (existing.gfid().equals(m.gfid)) {
                        // Two names of one file: rename(2) does nothing.
                        return new RenameReply(m.iatt(dev), preOld, preOld, preNew, preNew, Xdata.EMPTY);
                    }
                    MemInode victim = byGfid(existing.gfid(), to);
                    synchronized (dstDir) {
                        Permissions.checkSticky(req.caller(), dstDir.prot, dstDir.uid, victim.uid, to.toString());
                    }
                    if (m.isDirectory()) {
                        if (!victim.isDirectory()) {
                            throw FopException.of(Errno.ENOTDIR, to + " is not a directory");
                        }
                        synchronized (victim) {
                            if (!victim.byName.isEmpty()) {
                                throw FopException.of(Errno.ENOTEMPTY, to + " is not empty");
                            }
                        }
                    } else if (victim.isDirectory()) {
                        throw FopException.of(Errno.EISDIR, to + " is a directory");
                    }
                    synchronized (dstDir) {
                        dstDir.remove(toName);
                        if (victim.isDirectory()) {
                            dstDir.nlink--;
                        }
                    }
                    dropLink(victim);
                }
                synchronized (srcDir) {
                    srcDir.remove(from.name());
                    if (m.isDirectory()) {
                        srcDir.nlink--;
                    }
                    srcDir.touchModified(now);
                }
                synchronized (dstDir) {
                    dstDir.add(toName, m.gfid);
                    if (m.isDirectory()) {
                        dstDir.nlink++;
                    }
                    dstDir.touchModified(now);
                }
                synchronized (m) {
                    m.parent = dstDir.gfid;
                    m.touchChanged(now);
                }
                return new RenameReply(m.iatt(dev), preOld, srcDir.iatt(dev), preNew, dstDir.iatt(dev), Xdata.EMPTY);
            }
        });
    }

    // ---- directories ----

    @Override
    protected Mono<OpendirReply> opendir(Opendir req) {
        return reply(() -> {
            MemInode m = resolve(req.loc());
            if (!m.isDirectory()) {
                throw FopException.of(Errno.ENOTDIR, req.loc() + " is not a directory");
            }
            synchronized (m) {
                Permissions.check(req.caller(), m.prot, m.uid, m.gid, true, Permissions.R_OK, req.loc().toString());
            }
            opened(req.fd(), m, 0);
            return new OpendirReply(req.fd(), Xdata.EMPTY);
        });
    }

    @Override
    protected Mono<ReaddirReply> readdir(Readdir req) {
        return reply(() -> new ReaddirReply(list(req.fd(), req.size(), req.offset(), false), Xdata.EMPTY));
    }

    @Override
    protected Mono<ReaddirpReply> readdirp(Readdirp req) {
        return reply(() -> new ReaddirpReply(list(req.fd(), req.size(), req.offset(), true), Xdata.EMPTY));
    }

    /** Entries after cookie {@code offset}, about {@code size} bytes of them as FUSE counts (at least one). */
    private List<Dirent> list(Fd fd, int size, long offset, boolean plus) {
        MemInode dir = of(fd);
        if (!dir.isDirectory()) {
            throw FopException.of(Errno.ENOTDIR, "readdir of a non-directory");
        }
        List<Dirent> out = new ArrayList<>();
        int budget = Math.max(size, 1);
        int used = 0;
        List<MemInode.Entry> entries = new ArrayList<>();
        Gfid parent;
        synchronized (dir) {
            if (dir.nlink == 0) {
                return out;
            }
            parent = dir.parent;
            if (offset < 1) {
                entries.add(new MemInode.Entry(".", dir.gfid, 1));
            }
            if (offset < 2) {
                entries.add(new MemInode.Entry("..", parent, 2));
            }
            for (Map.Entry<Long, MemInode.Entry> e : dir.after(Math.max(offset, 2)).entrySet()) {
                entries.add(e.getValue());
                used += direntSize(e.getValue().name());
                if (used > budget) {
                    break;
                }
            }
        }
        used = 0;
        for (MemInode.Entry e : entries) {
            int cost = direntSize(e.name());
            if (!out.isEmpty() && used + cost > budget) {
                break;
            }
            MemInode m = inodes.get(e.gfid());
            if (m == null) {
                continue; // removed since
            }
            Iatt a = m.iatt(dev);
            Dirent d = Dirent.of(e.name(), a.ino(), e.seq(), m.type);
            if (plus) {
                d = d.withStat(a, table.find(e.gfid()));
            }
            out.add(d);
            used += cost;
        }
        return out;
    }

    /** The size of a {@code struct fuse_dirent} for a name: 24 bytes of header, the name, 8-byte aligned. */
    static int direntSize(String name) {
        return (24 + name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 7) & ~7;
    }

    // ---- extended attributes ----

    private void checkXattrAccess(CallContext c, MemInode m, String name, int mask) {
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
        if (name.startsWith("system.")) {
            throw FopException.of(Errno.EOPNOTSUPP, "'" + name + "': no ACLs on a memory volume");
        }
        if (m.type != IaType.REGULAR && m.type != IaType.DIRECTORY) {
            throw FopException.of(mask == Permissions.R_OK ? Errno.ENODATA : Errno.EPERM,
                    "user.* attributes exist only on files and directories");
        }
        Permissions.check(c, m.prot, m.uid, m.gid, m.isDirectory(), mask, "xattr '" + name + "'");
    }

    private void setXattrs(CallContext c, MemInode m, Xattrs dict, int flags) {
        synchronized (m) {
            for (var e : dict.asMap().entrySet()) {
                Names.checkXattr(e.getKey(), e.getValue().length());
                checkXattrAccess(c, m, e.getKey(), Permissions.W_OK);
                boolean exists = m.xattrs.containsKey(e.getKey());
                if ((flags & XATTR_CREATE) != 0 && exists) {
                    throw FopException.of(Errno.EEXIST, "xattr '" + e.getKey() + "' exists");
                }
                if ((flags & XATTR_REPLACE) != 0 && !exists) {
                    throw FopException.of(Errno.ENODATA, "xattr '" + e.getKey() + "' does not exist");
                }
            }
            m.xattrs.putAll(dict.asMap());
            m.touchChanged(Instant.now());
        }
    }

    private Xattrs getXattrs(CallContext c, MemInode m, @Nullable String name) {
        synchronized (m) {
            if (name == null) {
                Xattrs.Builder b = Xattrs.builder();
                m.xattrs.forEach((k, v) -> {
                    if (c.isRoot() || !k.startsWith("trusted.")) {
                        b.put(k, v);
                    }
                });
                return b.build();
            }
            Names.checkXattr(name, 0);
            checkXattrAccess(c, m, name, Permissions.R_OK);
            Bytes v = m.xattrs.get(name);
            if (v == null) {
                throw FopException.of(Errno.ENODATA, "no xattr '" + name + "'");
            }
            return Xattrs.of(name, v);
        }
    }

    private void removeXattr(CallContext c, MemInode m, String name) {
        synchronized (m) {
            Names.checkXattr(name, 0);
            checkXattrAccess(c, m, name, Permissions.W_OK);
            if (m.xattrs.remove(name) == null) {
                throw FopException.of(Errno.ENODATA, "no xattr '" + name + "'");
            }
            m.touchChanged(Instant.now());
        }
    }

    private Xattrs xattrop(CallContext c, MemInode m, XattropType type, Xattrs dict) {
        synchronized (m) {
            Xattrs.Builder reply = Xattrs.builder();
            java.util.Map<String, Bytes> updates = new java.util.LinkedHashMap<>();
            for (var e : dict.asMap().entrySet()) {
                Names.checkXattr(e.getKey(), e.getValue().length());
                checkXattrAccess(c, m, e.getKey(), Permissions.W_OK);
                XattropMath.Outcome o = XattropMath.apply(type, e.getKey(), m.xattrs.get(e.getKey()), e.getValue());
                if (o.store() != null) {
                    updates.put(e.getKey(), o.store());
                }
                if (o.reply() != null) {
                    reply.put(e.getKey(), o.reply());
                }
            }
            if (!updates.isEmpty()) {
                m.xattrs.putAll(updates);
                m.touchChanged(Instant.now());
            }
            return reply.build();
        }
    }

    @Override
    protected Mono<SetxattrReply> setxattr(Setxattr req) {
        Xattrs dict = withoutStatsDumpRequests(req.dict());
        if (dict.isEmpty() && !req.dict().isEmpty()) {
            return Mono.just(SetxattrReply.EMPTY);
        }
        return reply(() -> {
            setXattrs(req.caller(), resolve(req.loc()), dict, req.flags());
            return SetxattrReply.EMPTY;
        });
    }

    @Override
    protected Mono<FsetxattrReply> fsetxattr(Fsetxattr req) {
        return reply(() -> {
            setXattrs(req.caller(), of(req.fd()), req.dict(), req.flags());
            return FsetxattrReply.EMPTY;
        });
    }

    @Override
    protected Mono<GetxattrReply> getxattr(Getxattr req) {
        return reply(() -> new GetxattrReply(getXattrs(req.caller(), resolve(req.loc()), req.name()), Xdata.EMPTY));
    }

    @Override
    protected Mono<FgetxattrReply> fgetxattr(Fgetxattr req) {
        return reply(() -> new FgetxattrReply(getXattrs(req.caller(), of(req.fd()), req.name()), Xdata.EMPTY));
    }

    @Override
    protected Mono<RemovexattrReply> removexattr(Removexattr req) {
        return reply(() -> {
            removeXattr(req.caller(), resolve(req.loc()), req.name());
            return RemovexattrReply.EMPTY;
        });
    }

    @Override
    protected Mono<FremovexattrReply> fremovexattr(Fremovexattr req) {
        return reply(() -> {
            removeXattr(req.caller(), of(req.fd()), req.name());
            return FremovexattrReply.EMPTY;
        });
    }

    @Override
    protected Mono<XattropReply> xattrop(Xattrop req) {
        return reply(() -> new XattropReply(xattrop(req.caller(), resolve(req.loc()), req.optype(), req.dict()), Xdata.EMPTY));
    }

    @Override
    protected Mono<FxattropReply> fxattrop(Fxattrop req) {
        return reply(() -> new FxattropReply(xattrop(req.caller(), of(req.fd()), req.optype(), req.dict()), Xdata.EMPTY));
    }

    // ---- state ----

    @Override
    public void dump(DumpWriter out) {
        out.section("storage/memory.priv")
                .put("inodes", inodes.size())
                .put("max_inodes", maxInodes)
                .put("used_bytes", usedBytes.get())
                .put("capacity_bytes", capacity);
    }

    /** Bytes of data held (for tests). */
    public long usedBytes() {
        return usedBytes.get();
    }

    int inodeCount() {
        return inodes.size();
    }
}
