package io.rxlator.fuse.internal;

import io.rxlator.fuse.MountOptions;
import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.internal.ByteArrays;
import io.rxlator.runtime.internal.IovecSegments;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Subvolume;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import jnr.ffi.Pointer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * mount/fuse: turns the kernel's requests, as libfuse's low-level API hands them over, into
 * fops through the graph, and the replies back. Node ids are inodes of the graph's inode
 * table (the kernel's lookups and forgets count on them), file handles are its fds, and
 * every request carries the caller's uid, gid, groups and pid.
 *
 * <p>A request is answered exactly once, whatever happens: a fop that fails answers its
 * errno, a translator that misbehaves or a bug here answers EIO (and is logged), and an
 * operation the graph does not implement answers ENOSYS. Replies may come from any thread;
 * nothing a callback is given by libfuse is used after the callback returns.
 */
public final class Bridge {

    static final Logger LOG = LoggerFactory.getLogger("rxlator.fuse");

    private static final int S_IFDIR = 0040000;
    private static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    private static final int FALLOC_FL_ZERO_RANGE = 0x10;
    private static final int LOCK_SH = 1;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;
    private static final String ACL_ACCESS = "system.posix_acl_access";
    private static final String ACL_DEFAULT = "system.posix_acl_default";
    private static final String SECURITY_SELINUX = "security.selinux";
    private static final String SECURITY_CAPABILITY = "security.capability";
    /** On every read and write: the kernel's replies to them carry no attributes. */
    private static final Xdata NO_ATTRIBUTES = Xdata.of(XdataKeys.NO_ATTRIBUTES, 1);

    private final LibFuse fuse;
    private final Subvolume top;
    private final InodeTable table;
    private final MountOptions opts;
    private final String clientId;
    private final Nodes nodes;
    private final Groups groups;
    private final boolean debug;
    private final ConcurrentHashMap<Long, Fd> fds = new ConcurrentHashMap<>();
    private final AtomicLong nextFh = new AtomicLong(1);
    private final AtomicLong unique = new AtomicLong();
    private final AtomicLongArray counts = new AtomicLongArray(Ops.Slot.values().length);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final ConcurrentHashMap<Long, Call<?>> interruptible = new ConcurrentHashMap<>();
    private final LibFuse.InterruptCallback onInterrupt = (req, data) -> interrupted(req);
    /** What came with the request each reader thread is running that libfuse 2 does not pass on. */
    private final ThreadLocal<Sent> sent = new ThreadLocal<>();
    /** The kernel channel, for notifications sent while a request runs; set once mounted. */
    private volatile @Nullable Pointer channel;
    private volatile boolean remoteLocks;
    private volatile boolean killsPrivileges;
    private volatile String protocol = "not yet negotiated";

    public Bridge(LibFuse fuse, Subvolume top, InodeTable table, MountOptions opts, String clientId) {
        this.fuse = fuse;
        this.top = top;
        this.table = table;
        this.opts = opts;
        this.clientId = clientId;
        this.nodes = new Nodes(table);
        this.groups = new Groups(fuse, opts.gidTimeoutSeconds());
        this.debug = LOG.isDebugEnabled();
    }

    /** Whether POSIX and BSD locks go to the graph (decided before mounting). */
    public void remoteLocks(boolean on) {
        this.remoteLocks = on;
    }

    public boolean remoteLocks() {
        return remoteLocks;
    }

    /**
     * What the kernel sent with a request that libfuse 2 (protocol 7.19) does not pass on: whether
     * the caller lacks CAP_FSETID, so that its write, truncate or truncating open or create clears
     * the file's set-ID bits.
     * One per reader thread, filled from the request before libfuse reads it (libfuse masks a
     * SETATTR's valid bits in place).
     */
    public static final class Sent {
        private final Pointer buffer;
        boolean clearSetIds;

        Sent(Pointer buffer) {
            this.buffer = buffer;
        }

        /**
         * A request with {@code opcode} (-1 when it is not in the buffer) and {@code length}
         * bytes is in the buffer.
         */
        public void arrived(int opcode, int length) {
            clearSetIds = switch (opcode) {
                case Layout.OP_WRITE -> flag(length, Layout.WRITE_IN_FLAGS_AT, Layout.WRITE_KILL_SUIDGID);
                case Layout.OP_SETATTR -> flag(length, Layout.SETATTR_IN_VALID_AT, Layout.FATTR_KILL_SUIDGID);
                case Layout.OP_CREATE -> flag(length, Layout.CREATE_IN_OPEN_FLAGS_AT, Layout.OPEN_KILL_SUIDGID);
                case Layout.OP_OPEN -> flag(length, Layout.OPEN_IN_OPEN_FLAGS_AT, Layout.OPEN_KILL_SUIDGID);
                default -> false;
            };
        }

        private boolean flag(int length, int at, int bit) {
            return length >= at + 4 && (buffer.getInt(at) & bit) != 0;
        }
    }

    /** The calling reader thread reads each request into {@code buffer} and runs it on the spot. */
    public Sent readsInto(Pointer buffer) {
        Sent s = new Sent(buffer);
        sent.set(s);
        return s;
    }

    /** The channel notifications go to (set once, when mounted). */
    public void channel(Pointer ch) {
        channel = ch;
    }

    /**
     * Whether the mount may take over clearing set-ID bits from the kernel
     * ({@link Layout#INIT_HANDLE_KILLPRIV_V2}). Not with {@code -o capability}: then the graph
     * keeps security.capability, which the kernel must keep asking for before it writes.
     */
    public boolean mayKillPrivileges() {
        return !opts.capability();
    }

    /** The kernel agreed at INIT that the mount clears set-ID bits on write and truncate. */
    public void killsPrivileges(boolean on) {
        killsPrivileges = on;
    }

    /** Node ids the kernel holds (the root aside). */
    public int nodes() {
        return nodes.size();
    }

    /** Files and directories the kernel has open. */
    public int openFds() {
        return fds.size();
    }

    /** The id the kernel knows {@code inode} by, 0 when it does not know it. */
    public long nodeIdOf(Inode inode) {
        return nodes.idOf(inode);
    }

    // ---- the operation table ----

    /** libfuse's operation table, calling into this bridge. */
    public Ops ops() {
        Ops o = new Ops();
        o.set(Ops.Slot.INIT, Ops.Init.class, this::init);
        o.set(Ops.Slot.DESTROY, Ops.Destroy.class, userdata -> LOG.debug("FUSE session ended"));
        o.set(Ops.Slot.LOOKUP, Ops.InoName.class, this::lookup);
        o.set(Ops.Slot.FORGET, Ops.Forget.class, this::forget);
        o.set(Ops.Slot.GETATTR, Ops.InoFi.class, this::getattr);
        o.set(Ops.Slot.SETATTR, Ops.Setattr.class, this::setattr);
        o.set(Ops.Slot.READLINK, Ops.Ino.class, this::readlink);
        o.set(Ops.Slot.MKNOD, Ops.Mknod.class, this::mknod);
        o.set(Ops.Slot.MKDIR, Ops.Mkdir.class, this::mkdir);
        o.set(Ops.Slot.UNLINK, Ops.InoName.class, (req, parent, name) -> remove(req, parent, name, false));
        o.set(Ops.Slot.RMDIR, Ops.InoName.class, (req, parent, name) -> remove(req, parent, name, true));
        o.set(Ops.Slot.SYMLINK, Ops.Symlink.class, this::symlink);
        o.set(Ops.Slot.RENAME, Ops.Rename.class, this::rename);
        o.set(Ops.Slot.LINK, Ops.Link.class, this::link);
        o.set(Ops.Slot.OPEN, Ops.InoFi.class, (req, ino, fi) -> open(req, ino, fi, false));
        o.set(Ops.Slot.READ, Ops.InoSizeOffFi.class, this::read);
        o.set(Ops.Slot.WRITE, Ops.Write.class, this::write);
        o.set(Ops.Slot.FLUSH, Ops.InoFi.class, this::flush);
        o.set(Ops.Slot.RELEASE, Ops.InoFi.class, (req, ino, fi) -> release(req, ino, fi, false));
        o.set(Ops.Slot.FSYNC, Ops.Fsync.class, (req, ino, datasync, fi) -> fsync(req, ino, datasync, fi, false));
        o.set(Ops.Slot.OPENDIR, Ops.InoFi.class, (req, ino, fi) -> open(req, ino, fi, true));
        o.set(Ops.Slot.READDIR, Ops.InoSizeOffFi.class, this::readdir);
        o.set(Ops.Slot.RELEASEDIR, Ops.InoFi.class, (req, ino, fi) -> release(req, ino, fi, true));
        o.set(Ops.Slot.FSYNCDIR, Ops.Fsync.class, (req, ino, datasync, fi) -> fsync(req, ino, datasync, fi, true));
        o.set(Ops.Slot.STATFS, Ops.Ino.class, this::statfs);
        o.set(Ops.Slot.SETXATTR, Ops.Setxattr.class, this::setxattr);
        o.set(Ops.Slot.GETXATTR, Ops.Getxattr.class, this::getxattr);
        o.set(Ops.Slot.LISTXATTR, Ops.Listxattr.class, this::listxattr);
        o.set(Ops.Slot.REMOVEXATTR, Ops.InoName.class, this::removexattr);
        o.set(Ops.Slot.ACCESS, Ops.Access.class, this::access);
        o.set(Ops.Slot.CREATE, Ops.Create.class, this::create);
        o.set(Ops.Slot.GETLK, Ops.Getlk.class, this::getlk);
        o.set(Ops.Slot.SETLK, Ops.Setlk.class, this::setlk);
        o.set(Ops.Slot.FORGET_MULTI, Ops.ForgetMulti.class, this::forgetMulti);
        o.set(Ops.Slot.FLOCK, Ops.Flock.class, this::flock);
        o.set(Ops.Slot.FALLOCATE, Ops.Fallocate.class, this::fallocate);
        return o;
    }

    // ---- one request ----

    /**
     * One request of the kernel. {@link #start} reads what the callback was given and
     * returns the fop's reply; {@link #ok} answers the kernel. Every way out answers once.
     */
    abstract class Call<T> implements CoreSubscriber<T> {

        final Pointer req;
        final Ops.Slot op;
        private boolean answered;
        private volatile @Nullable Subscription subscription;

        Call(Pointer req, Ops.Slot op) {
            this.req = req;
            this.op = op;
        }

        /** Reads the callback's arguments (on the callback's thread) and makes the fop call. */
        abstract Mono<T> start();

        /** Answers the kernel with the reply. */
        abstract void ok(T value);

        /** What the request was about, for --debug. */
        String describe() {
            return "";
        }

        /** Runs the request: called on the libfuse thread, inside the callback. */
        final void run() {
            counts.incrementAndGet(op.ordinal());
            inFlight.incrementAndGet();
            if (debug) {
                LOG.debug("{} {}", op, safeDescribe());
            }
            Mono<T> m;
            try {
                m = start();
            } catch (Throwable e) {
                onError(e);
                return;
            }
            if (isAnswered()) {
                return;
            }
            try {
                m.subscribe(this);
            } catch (Throwable e) {
                onError(e);
            }
        }

        private String safeDescribe() {
            try {
                return describe();
            } catch (RuntimeException e) {
                return "?";
            }
        }

        @Override
        public final void onSubscribe(Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public final void onNext(T value) {
            try {
                ok(value);
            } catch (Throwable e) {
                Exceptions.throwIfJvmFatal(e);
                LOG.error("{}: answering the kernel failed", op, e);
                answerError(Errno.EIO.code());
            }
        }

        @Override
        public final void onError(Throwable e) {
            Exceptions.throwIfJvmFatal(e);
            try {
                failed(Exceptions.unwrap(e));
            } catch (Throwable again) {
                Exceptions.throwIfJvmFatal(again);
                LOG.error("{}: answering a failure failed", op, again);
                answerError(Errno.EIO.code());
            }
        }

        @Override
        public final void onComplete() {
            if (!isAnswered()) {
                LOG.error("{}: the graph completed without a reply; answering EIO", op);
                answerError(Errno.EIO.code());
            }
        }

        /** The fop failed: answer its errno (some requests answer a failure differently). */
        void failed(Throwable e) {
            answerError(errnoOf(e));
        }

        int errnoOf(Throwable e) {
            if (e instanceof FopException f) {
                return f.errno().code();
            }
            LOG.error("{} failed unexpectedly; answering EIO", op, e);
            return Errno.EIO.code();
        }

        final synchronized boolean isAnswered() {
            return answered;
        }

        /** Takes the right to answer; false when an answer went already (an interrupt). */
        final boolean claim() {
            synchronized (this) {
                if (answered) {
                    return false;
                }
                answered = true;
            }
            inFlight.decrementAndGet();
            interruptible.remove(req.address(), this);
            return true;
        }

        final void answerError(int errno) {
            if (claim()) {
                if (errno != 0) {
                    failures.incrementAndGet();
                }
                if (debug) {
                    LOG.debug("{} -> {}", op, errno == 0 ? "ok" : Errno.orEio(errno).describe());
                }
                fuse.fuse_reply_err(req, errno);
            }
        }

        /** Answers with a node (lookup, mknod, …); the kernel counts a lookup on it, so do we. */
        final void answerEntry(Inode parent, String name, Inode inode, Iatt buf) {
            Inode canonical = table.linkAndLookup(inode, parent, name, buf);
            long id = nodes.expose(canonical);
            int r = -Errno.EINTR.code();
            if (claim()) {
                if (debug) {
                    LOG.debug("{} -> node {} {}", op, id, buf.gfid());
                }
                r = fuse.fuse_reply_entry(req, Scratch.get().entry(id, buf, opts.attributeTimeout(), opts.entryTimeout()));
            }
            if (r != 0) {
                nodes.forget(id, 1); // the kernel never got it
            }
        }

        final void answerAttr(Iatt a) {
            if (claim()) {
                if (debug) {
                    LOG.debug("{} -> {} mode {} size {}", op, a.gfid(), Integer.toOctalString(a.mode()), a.size());
                }
                fuse.fuse_reply_attr(req, Scratch.get().stat(a), opts.attributeTimeout());
            }
        }

        /** Answers an open (or opendir, create) with handle {@code fh}; false if the kernel did not take it. */
        final boolean answerOpen(long fh, boolean directory, @Nullable Iatt createdBuf, @Nullable Inode parent,
                @Nullable String name, @Nullable Inode created) {
            long id = 0;
            if (createdBuf != null) {
                Inode canonical = table.linkAndLookup(created, parent, name, createdBuf);
                id = nodes.expose(canonical);
            }
            int r = -Errno.EINTR.code();
            if (claim()) {
                Scratch s = Scratch.get();
                if (createdBuf != null) {
                    s.entry(id, createdBuf, opts.attributeTimeout(), opts.entryTimeout());
                }
                Pointer fi = s.structPtr;
                int fiAt = 512;
                for (int i = 0; i < Layout.FI_SIZE; i += 8) {
                    s.struct.putLong(fiAt + i, 0L);
                }
                s.struct.putLong(fiAt + Layout.FI_FH, fh);
                int bits = 0;
                if (!directory && opts.directIo() == MountOptions.DirectIo.ENABLE) {
                    bits |= Layout.FI_DIRECT_IO;
                }
                if (!directory && opts.fopenKeepCache()) {
                    bits |= Layout.FI_KEEP_CACHE;
                }
                s.struct.putInt(fiAt + Layout.FI_BITS, bits);
                if (debug) {
                    LOG.debug("{} -> fh {}{}", op, fh, createdBuf != null ? " node " + id : "");
                }
                Pointer fiPtr = fi.slice(fiAt);
                r = createdBuf != null ? fuse.fuse_reply_create(req, fi, fiPtr) : fuse.fuse_reply_open(req, fiPtr);
            }
            if (r != 0 && createdBuf != null) {
                nodes.forget(id, 1);
            }
            return r == 0;
        }

        final void answerBuffer(Pointer data, int length) {
            if (claim()) {
                if (debug) {
                    LOG.debug("{} -> {} bytes", op, length);
                }
                fuse.fuse_reply_buf(req, data, length);
            }
        }

        final void cancel() {
            Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    // ---- helpers ----

    private static boolean isNull(@Nullable Pointer p) {
        return p == null || p.address() == 0;
    }

    private CallContext ctx(Pointer req, LkOwner owner) {
        Pointer c = fuse.fuse_req_ctx(req);
        int uid = c.getInt(Layout.CTX_UID);
        int gid = c.getInt(Layout.CTX_GID);
        int pid = c.getInt(Layout.CTX_PID);
        return CallContext.of(uid, gid, groups.of(req, pid, uid, gid), pid, owner, clientId, unique.incrementAndGet());
    }

    private CallContext ctx(Pointer req) {
        return ctx(req, LkOwner.NONE);
    }

    /** Whether the request this thread runs clears set-ID bits ({@link Sent}). */
    private boolean clearsSetIds() {
        Sent s = sent.get();
        return s != null && s.clearSetIds;
    }

    /** {@code caller} with root's ids: set-ID bits are cleared whoever may change the mode. */
    private static CallContext asRoot(CallContext caller) {
        return caller.withIds(0, 0, NO_GROUPS);
    }

    private static final int[] NO_GROUPS = {};

    /**
     * Clears {@link Iatt#setIdBitsClearedByWrite} of {@code in}, whose attributes are {@code now}, as the
     * kernel's VFS does (as {@code root}, whoever the caller is), and tells the kernel its copy of
     * the attributes is stale (the answers to write, open and fallocate carry none); answers the
     * attributes after.
     */
    private Mono<Iatt> clearSetIds(CallContext root, Inode in, @Nullable Fd fd, Iatt now) {
        int clear = Iatt.setIdBitsClearedByWrite(now.prot());
        if (clear == 0) {
            return Mono.just(now);
        }
        Iatt to = Iatt.builder().prot(now.prot() & ~clear).build();
        Mono<Iatt> set = fd != null
                ? top.fsetattr(new Fsetattr(root, fd, to, SetattrValid.MODE, Xdata.EMPTY)).map(FsetattrReply::postop)
                : top.setattr(new Setattr(root, inodeLoc(in), to, SetattrValid.MODE, Xdata.EMPTY)).map(SetattrReply::postop);
        return set.doOnNext(a -> invalidate(in, -1));
    }

    /** {@link #clearSetIds} of {@code in} through open {@code fd}, as it is now. */
    private Mono<Iatt> clearSetIds(CallContext root, Inode in, Fd fd) {
        return top.fstat(new Fstat(root, fd, Xdata.EMPTY)).flatMap(r -> clearSetIds(root, in, fd, r.buf()));
    }

    private static Xdata gfidReq() {
        return gfidReq(Gfid.random());
    }

    /** Asks that a new inode get {@code gfid}. */
    private static Xdata gfidReq(Gfid gfid) {
        return Xdata.of(XdataKeys.GFID_REQ, gfid);
    }

    /** A loc naming an inode the kernel holds (by gfid, with its path when the table knows one). */
    private Loc inodeLoc(Inode in) {
        if (in.isRoot()) {
            return Loc.root(in);
        }
        String path = table.path(in);
        return new Loc(path.startsWith("/") ? path : null, null, in, null, in.gfid(), Gfid.NULL);
    }

    /** A loc naming {@code name} in directory {@code parent}. */
    private Loc entryLoc(Inode parent, String name, @Nullable Inode child) {
        String pp = parent.isRoot() ? "/" : table.path(parent);
        String path = pp.startsWith("/") ? (pp.endsWith("/") ? pp + name : pp + "/" + name) : null;
        return new Loc(path, name, child, parent, child == null ? Gfid.NULL : child.gfid(), parent.gfid());
    }

    private Fd fd(Pointer fi) {
        if (isNull(fi)) {
            throw FopException.of(Errno.EBADF, "no file handle");
        }
        long fh = fi.getLong(Layout.FI_FH);
        Fd fd = fds.get(fh);
        if (fd == null) {
            throw FopException.of(Errno.EBADF, "file handle " + fh + " is not open");
        }
        return fd;
    }

    private long register(Fd fd) {
        long fh = nextFh.getAndIncrement();
        fds.put(fh, fd);
        return fh;
    }

    private static LkOwner owner(Pointer fi) {
        return isNull(fi) ? LkOwner.NONE : LkOwner.of(fi.getLong(Layout.FI_LOCK_OWNER));
    }

    /** Keeps the table in step with a change that did happen; a disagreement only costs a fresh lookup later. */
    private void tableUpdate(Runnable update) {
        try {
            update.run();
        } catch (IllegalArgumentException e) {
            LOG.warn("inode table out of step ({}); names will be looked up again", e.getMessage());
        }
    }

    // ---- init ----

    private void init(Pointer userdata, Pointer conn) {
        try {
            int major = conn.getInt(Layout.CONN_PROTO_MAJOR);
            int minor = conn.getInt(Layout.CONN_PROTO_MINOR);
            int capable = conn.getInt(Layout.CONN_CAPABLE);
            int want = conn.getInt(Layout.CONN_WANT);
            if (!remoteLocks) {
                want &= ~(Layout.CAP_POSIX_LOCKS | Layout.CAP_FLOCK_LOCKS);
            }
            want |= capable & Layout.CAP_BIG_WRITES;
            conn.putInt(Layout.CONN_WANT, want);
            protocol = major + "." + minor;
            LOG.info("FUSE protocol {}, max_write {}, max_readahead {}, locks {}", protocol,
                    conn.getInt(Layout.CONN_MAX_WRITE), conn.getInt(Layout.CONN_MAX_READAHEAD),
                    remoteLocks ? "sent to the graph" : "kept by the kernel");
        } catch (Throwable e) {
            Exceptions.throwIfJvmFatal(e);
            LOG.error("FUSE init failed", e);
        }
    }

    // ---- inodes ----

    private void lookup(Pointer req, long parentId, Pointer namePtr) {
        new Call<LookupReply>(req, Ops.Slot.LOOKUP) {
            Inode parent;
            String name;
            @Nullable Inode known;

            @Override
            Mono<LookupReply> start() {
                parent = nodes.get(parentId);
                name = Scratch.get().name(namePtr);
                known = table.grep(parent, name);
                Inode target = known != null ? known : table.newInode();
                return top.lookup(new Lookup(ctx(req), entryLoc(parent, name, target),
                        known != null ? Xdata.EMPTY : gfidReq()));
            }

            @Override
            String describe() {
                return parentId + "/" + Scratch.get().name(namePtr);
            }

            @Override
            void ok(LookupReply r) {
                Inode inode = r.inode();
                if (known != null && !known.gfid().equals(r.buf().gfid())) {
                    // The name now holds another file: forget the old one under this name.
                    Inode old = known;
                    tableUpdate(() -> table.unlink(old, parent, name));
                    inode = table.newInode();
                }
                answerEntry(parent, name, inode, r.buf());
            }

            @Override
            void failed(Throwable e) {
                if (FopException.is(e, Errno.ENOENT)) {
                    if (known != null) {
                        Inode old = known;
                        tableUpdate(() -> table.unlink(old, parent, name));
                    }
                    if (opts.negativeTimeout() > 0 && claim()) {
                        fuse.fuse_reply_entry(req, Scratch.get().entry(0, null, 0, opts.negativeTimeout()));
                        return;
                    }
                }
                super.failed(e);
            }
        }.run();
    }

    private void forget(Pointer req, long ino, long nlookup) {
        try {
            counts.incrementAndGet(Ops.Slot.FORGET.ordinal());
            nodes.forget(ino, nlookup);
        } catch (Throwable e) {
            Exceptions.throwIfJvmFatal(e);
            LOG.error("FORGET of node {} failed", ino, e);
        } finally {
            fuse.fuse_reply_none(req);
        }
    }

    private void forgetMulti(Pointer req, long count, Pointer forgets) {
        try {
            counts.incrementAndGet(Ops.Slot.FORGET_MULTI.ordinal());
            for (long i = 0; i < count; i++) {
                long ino = forgets.getLong(i * Layout.FORGET_SIZE);
                long n = forgets.getLong(i * Layout.FORGET_SIZE + 8);
                try {
                    nodes.forget(ino, n);
                } catch (RuntimeException e) {
                    LOG.error("FORGET of node {} failed", ino, e);
                }
            }
        } catch (Throwable e) {
            Exceptions.throwIfJvmFatal(e);
            LOG.error("BATCH_FORGET failed", e);
        } finally {
            fuse.fuse_reply_none(req);
        }
    }

    private void getattr(Pointer req, long ino, Pointer fi) {
        new Call<Iatt>(req, Ops.Slot.GETATTR) {
            @Override
            Mono<Iatt> start() {
                Inode in = nodes.get(ino);
                if (!isNull(fi) && fds.containsKey(fi.getLong(Layout.FI_FH))) {
                    return top.fstat(new Fstat(ctx(req), fd(fi), Xdata.EMPTY)).map(FstatReply::buf);
                }
                return top.stat(new Stat(ctx(req), inodeLoc(in), Xdata.EMPTY)).map(StatReply::buf);
            }

            @Override
            String describe() {
                return "node " + ino;
            }

            @Override
            void ok(Iatt a) {
                answerAttr(a);
            }
        }.run();
    }

    private void setattr(Pointer req, long ino, Pointer attr, int toSet, Pointer fi) {
        new Call<Iatt>(req, Ops.Slot.SETATTR) {
            @Override
            Mono<Iatt> start() {
                Inode in = nodes.get(ino);
                Fd fd = isNull(fi) ? null : fd(fi);
                CallContext c = ctx(req);
                int valid = 0;
                Iatt.Builder b = Iatt.builder();
                if ((toSet & Layout.SET_ATTR_MODE) != 0) {
                    valid |= SetattrValid.MODE;
                    b.prot(attr.getInt(Layout.ST_MODE) & Iatt.PROT_MASK);
                }
                if ((toSet & Layout.SET_ATTR_UID) != 0) {
                    valid |= SetattrValid.UID;
                    b.uid(attr.getInt(Layout.ST_UID));
                }
                if ((toSet & Layout.SET_ATTR_GID) != 0) {
                    valid |= SetattrValid.GID;
                    b.gid(attr.getInt(Layout.ST_GID));
                }
                if ((toSet & Layout.SET_ATTR_ATIME) != 0) {
                    valid |= SetattrValid.ATIME;
                    b.atime(attr.getLong(Layout.ST_ATIME), (int) attr.getLong(Layout.ST_ATIME + 8));
                }
                if ((toSet & Layout.SET_ATTR_MTIME) != 0) {
                    valid |= SetattrValid.MTIME;
                    b.mtime(attr.getLong(Layout.ST_MTIME), (int) attr.getLong(Layout.ST_MTIME + 8));
                }
                if ((toSet & Layout.SET_ATTR_ATIME_NOW) != 0) {
                    valid |= SetattrValid.ATIME_NOW;
                }
                if ((toSet & Layout.SET_ATTR_MTIME_NOW) != 0) {
                    valid |= SetattrValid.MTIME_NOW;
                }
                Iatt stbuf = b.build();
                int v = valid;
                Mono<Iatt> truncate = null;
                if ((toSet & Layout.SET_ATTR_SIZE) != 0) {
                    long size = attr.getLong(Layout.ST_SIZE);
                    truncate = fd != null
                            ? top.ftruncate(new Ftruncate(c, fd, size, Xdata.EMPTY)).map(FtruncateReply::postbuf)
                            : top.truncate(new Truncate(c, inodeLoc(in), size, Xdata.EMPTY)).map(TruncateReply::postbuf);
                    if (clearsSetIds()) {
                        // After the truncate, which checks that the caller may write (the
                        // kernel does not with -o acl): a caller who may not keeps the bits.
                        truncate = truncate.flatMap(post -> clearSetIds(asRoot(c), in, fd, post));
                    }
                }
                Mono<Iatt> set = v == 0 ? null : fd != null
                        ? top.fsetattr(new Fsetattr(c, fd, stbuf, v, Xdata.EMPTY)).map(FsetattrReply::postop)
                        : top.setattr(new Setattr(c, inodeLoc(in), stbuf, v, Xdata.EMPTY)).map(SetattrReply::postop);
                if (truncate != null && set != null) {
                    return truncate.then(set);
                }
                if (truncate != null) {
                    return truncate;
                }
                if (set != null) {
                    return set;
                }
                return top.stat(new Stat(c, inodeLoc(in), Xdata.EMPTY)).map(StatReply::buf);
            }

            @Override
            String describe() {
                return "node " + ino + " valid 0x" + Integer.toHexString(toSet);
            }

            @Override
            void ok(Iatt a) {
                answerAttr(a);
            }
        }.run();
    }

    private void readlink(Pointer req, long ino) {
        new Call<String>(req, Ops.Slot.READLINK) {
            @Override
            Mono<String> start() {
                Inode in = nodes.get(ino);
                return top.readlink(new Readlink(ctx(req), inodeLoc(in), 4096, Xdata.EMPTY)).map(ReadlinkReply::path);
            }

            @Override
            void ok(String target) {
                if (claim()) {
                    fuse.fuse_reply_readlink(req, Scratch.cString(target));
                }
            }
        }.run();
    }

    // ---- entries ----

    /** A request that makes a new entry in a directory and answers with its node. */
    private abstract class MakeCall<R> extends Call<R> {
        final long parentId;
        final Pointer namePtr;
        Inode parent;
        String name;
        Inode fresh;

        MakeCall(Pointer req, Ops.Slot op, long parentId, Pointer namePtr) {
            super(req, op);
            this.parentId = parentId;
            this.namePtr = namePtr;
        }

        @Override
        final Mono<R> start() {
            parent = nodes.get(parentId);
            name = Scratch.get().name(namePtr);
            fresh = table.newInode();
            return make(ctx(req), entryLoc(parent, name, fresh));
        }

        abstract Mono<R> make(CallContext c, Loc loc);

        @Override
        String describe() {
            return parentId + "/" + Scratch.get().name(namePtr);
        }
    }

    private void mknod(Pointer req, long parentId, Pointer namePtr, int mode, long rdev) {
        new MakeCall<MknodReply>(req, Ops.Slot.MKNOD, parentId, namePtr) {
            @Override
            Mono<MknodReply> make(CallContext c, Loc loc) {
                return top.mknod(new Mknod(c, loc, mode, rdev, 0, gfidReq()));
            }

            @Override
            void ok(MknodReply r) {
                answerEntry(parent, name, r.inode(), r.buf());
            }
        }.run();
    }

    private void mkdir(Pointer req, long parentId, Pointer namePtr, int mode) {
        new MakeCall<MkdirReply>(req, Ops.Slot.MKDIR, parentId, namePtr) {
            @Override
            Mono<MkdirReply> make(CallContext c, Loc loc) {
                return top.mkdir(new Mkdir(c, loc, mode & ~S_IFDIR, 0, gfidReq()));
            }

            @Override
            void ok(MkdirReply r) {
                answerEntry(parent, name, r.inode(), r.buf());
            }
        }.run();
    }

    private void symlink(Pointer req, Pointer linkPtr, long parentId, Pointer namePtr) {
        new MakeCall<SymlinkReply>(req, Ops.Slot.SYMLINK, parentId, namePtr) {
            @Override
            Mono<SymlinkReply> make(CallContext c, Loc loc) {
                String target = linkTarget(linkPtr);
                return top.symlink(new Symlink(c, target, loc, 0, gfidReq()));
            }

            @Override
            void ok(SymlinkReply r) {
                answerEntry(parent, name, r.inode(), r.buf());
            }
        }.run();
    }

    /** A symlink's target: up to PATH_MAX bytes of UTF-8. */
    private static String linkTarget(Pointer p) {
        int len = p.indexOf(0, (byte) 0, 4096);
        if (len < 0) {
            throw FopException.of(Errno.ENAMETOOLONG, "a symlink target of 4096 bytes or more");
        }
        byte[] b = new byte[len];
        p.get(0, b, 0, len);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw FopException.of(Errno.EILSEQ, "the symlink target is not valid UTF-8");
        }
    }

    private void create(Pointer req, long parentId, Pointer namePtr, int mode, Pointer fiIn) {
        int flags = fiIn.getInt(Layout.FI_FLAGS);
        new MakeCall<Created>(req, Ops.Slot.CREATE, parentId, namePtr) {
            Fd fd;

            @Override
            Mono<Created> make(CallContext c, Loc loc) {
                fd = table.newFd(fresh, flags, c.pid());
                Gfid asked = Gfid.random();
                Mono<Created> made = create(c, loc, asked);
                if ((flags & Sys.O_TRUNC) == 0 || !clearsSetIds()) {
                    return made;
                }
                // A file made now keeps the set-ID bits it was made with. One that existed by
                // then (made by another client: its gfid is not the one asked for) was truncated.
                return made.flatMap(r -> r.buf().gfid().equals(asked) ? Mono.just(r)
                        : clearSetIds(asRoot(c), r.inode(), r.fd(), r.buf()).map(a -> new Created(r.fd(), r.inode(), a)));
            }

            private Mono<Created> create(CallContext c, Loc loc, Gfid asked) {
                return top.create(new Create(c, loc, flags, mode, 0, fd, gfidReq(asked))).flatMap(r -> {
                    Inode known = table.find(r.buf().gfid());
                    if (known == null || known == r.inode()) {
                        return Mono.just(new Created(fd, r.inode(), r.buf()));
                    }
                    // The name existed already (another client made it since the kernel looked):
                    // the fd is on an inode the table does not use. Open the known one instead,
                    // as part of this call, so the kernel is answered once, when it is done.
                    fd.release();
                    int reopen = flags & ~(Sys.O_CREAT | Sys.O_EXCL);
                    Fd again = table.newFd(known, reopen, c.pid());
                    fd = again;
                    return top.open(new Open(c, inodeLoc(known), reopen, again, Xdata.EMPTY))
                            .map(o -> new Created(again, known, r.buf()));
                });
            }

            @Override
            void ok(Created r) {
                opened(r.fd(), r.inode(), r.buf());
            }

            private void opened(Fd f, Inode inode, Iatt buf) {
                long fh = register(f);
                if (!answerOpen(fh, false, buf, parent, name, inode)) {
                    fds.remove(fh);
                    f.release();
                }
            }

            @Override
            void failed(Throwable e) {
                if (fd != null) {
                    fd.release();
                }
                super.failed(e);
            }
        }.run();
    }

    /** What a create ends with: the fd opened, on the inode the table uses for the name. */
    private record Created(Fd fd, Inode inode, Iatt buf) {
    }

    private void remove(Pointer req, long parentId, Pointer namePtr, boolean directory) {
        new Call<Object>(req, directory ? Ops.Slot.RMDIR : Ops.Slot.UNLINK) {
            Inode parent;
            String name;
            @Nullable Inode child;

            @Override
            Mono<Object> start() {
                parent = nodes.get(parentId);
                name = Scratch.get().name(namePtr);
                child = table.grep(parent, name);
                Loc loc = entryLoc(parent, name, child);
                CallContext c = ctx(req);
                return directory ? top.rmdir(new Rmdir(c, loc, 0, Xdata.EMPTY)).cast(Object.class)
                        : top.unlink(new Unlink(c, loc, 0, Xdata.EMPTY)).cast(Object.class);
            }

            @Override
            String describe() {
                return parentId + "/" + Scratch.get().name(namePtr);
            }

            @Override
            void ok(Object r) {
                Inode ch = child;
                if (ch != null) {
                    tableUpdate(() -> table.unlink(ch, parent, name));
                }
                answerError(0);
            }
        }.run();
    }

    private void rename(Pointer req, long parentId, Pointer namePtr, long newParentId, Pointer newNamePtr) {
        new Call<RenameReply>(req, Ops.Slot.RENAME) {
            Inode parent;
            Inode newParent;
            String name;
            String newName;
            @Nullable Inode src;
            @Nullable Inode dst;

            @Override
            Mono<RenameReply> start() {
                parent = nodes.get(parentId);
                newParent = nodes.get(newParentId);
                Scratch s = Scratch.get();
                name = s.name(namePtr);
                newName = s.name(newNamePtr);
                src = table.grep(parent, name);
                dst = table.grep(newParent, newName);
                return top.rename(new Rename(ctx(req), entryLoc(parent, name, src), entryLoc(newParent, newName, dst),
                        Xdata.EMPTY));
            }

            @Override
            String describe() {
                Scratch s = Scratch.get();
                return parentId + "/" + s.name(namePtr) + " -> " + newParentId + "/" + s.name(newNamePtr);
            }

            @Override
            void ok(RenameReply r) {
                Inode moved = src;
                Inode replaced = dst;
                if (moved != null) {
                    tableUpdate(() -> table.rename(parent, name, newParent, newName, moved));
                } else if (replaced != null) {
                    tableUpdate(() -> table.unlink(replaced, newParent, newName));
                }
                answerError(0);
            }
        }.run();
    }

    private void link(Pointer req, long ino, long newParentId, Pointer newNamePtr) {
        new Call<LinkReply>(req, Ops.Slot.LINK) {
            Inode inode;
            Inode newParent;
            String newName;

            @Override
            Mono<LinkReply> start() {
                inode = nodes.get(ino);
                newParent = nodes.get(newParentId);
                newName = Scratch.get().name(newNamePtr);
                return top.link(new Link(ctx(req), inodeLoc(inode), entryLoc(newParent, newName, table.newInode()),
                        Xdata.EMPTY));
            }

            @Override
            String describe() {
                return "node " + ino + " -> " + newParentId + "/" + Scratch.get().name(newNamePtr);
            }

            @Override
            void ok(LinkReply r) {
                answerEntry(newParent, newName, inode, r.buf());
            }
        }.run();
    }

    // ---- files and directories ----

    private void open(Pointer req, long ino, Pointer fiIn, boolean directory) {
        int flags = fiIn.getInt(Layout.FI_FLAGS);
        new Call<Object>(req, directory ? Ops.Slot.OPENDIR : Ops.Slot.OPEN) {
            Fd fd;

            @Override
            Mono<Object> start() {
                Inode in = nodes.get(ino);
                CallContext c = ctx(req);
                if (directory) {
                    fd = table.newDirFd(in, c.pid());
                    return top.opendir(new Opendir(c, inodeLoc(in), fd, Xdata.EMPTY)).cast(Object.class);
                }
                fd = table.newFd(in, flags, c.pid());
                Mono<OpenReply> opened = top.open(new Open(c, inodeLoc(in), flags, fd, Xdata.EMPTY));
                if ((flags & Sys.O_TRUNC) != 0 && clearsSetIds()) { // -o atomic_o_trunc: the open truncated
                    Fd f = fd;
                    return opened.flatMap(r -> clearSetIds(asRoot(c), in, f)).cast(Object.class);
                }
                return opened.cast(Object.class);
            }

            @Override
            String describe() {
                return "node " + ino + " flags 0" + Integer.toOctalString(flags);
            }

            @Override
            void ok(Object r) {
                long fh = register(fd);
                if (!answerOpen(fh, directory, null, null, null, null)) {
                    fds.remove(fh);
                    fd.release();
                }
            }

            @Override
            void failed(Throwable e) {
                if (fd != null) {
                    fd.release();
                }
                super.failed(e);
            }
        }.run();
    }

    private void read(Pointer req, long ino, long size, long off, Pointer fi) {
        new Call<ReadvReply>(req, Ops.Slot.READ) {
            @Override
            Mono<ReadvReply> start() {
                Fd fd = fd(fi);
                int n = (int) Math.min(size, Scratch.DATA_SIZE);
                return top.readv(new Readv(ctx(req), fd, n, off, 0, NO_ATTRIBUTES));
            }

            @Override
            String describe() {
                return "node " + ino + " " + size + "@" + off;
            }

            @Override
            void ok(ReadvReply r) {
                Iovec v = r.vector();
                try {
                    answer(v);
                } finally {
                    // The kernel has the bytes: a lent array goes back for the next read.
                    v.release();
                }
            }

            private void answer(Iovec v) {
                int n = (int) Math.min(Math.min(v.length(), size), Scratch.DATA_SIZE);
                if (v.segmentCount() == 1) {
                    ByteBuffer b = IovecSegments.raw(v, 0);
                    if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0) {
                        // The data goes to the kernel straight from the array: no copy here.
                        if (claim()) {
                            if (debug) {
                                LOG.debug("{} -> {} bytes", op, n);
                            }
                            fuse.fuse_reply_buf(req, b.array(), n);
                        }
                        return;
                    }
                }
                Scratch s = Scratch.get();
                ByteBuffer d = s.data();
                (n < v.length() ? v.slice(0, n) : v).copyTo(d);
                answerBuffer(s.dataPointer(), n);
            }
        }.run();
    }

    private void write(Pointer req, long ino, Pointer buf, long size, long off, Pointer fi) {
        new Call<WritevReply>(req, Ops.Slot.WRITE) {
            @Override
            Mono<WritevReply> start() {
                Fd fd = fd(fi);
                byte[] data = ByteArrays.forOverwrite((int) size);
                buf.get(0, data, 0, data.length);
                CallContext c = ctx(req, owner(fi));
                Writev w = new Writev(c, fd, Iovec.wrap(data), off, 0, NO_ATTRIBUTES);
                if (!clearsSetIds()) {
                    return top.writev(w);
                }
                return clearSetIds(asRoot(c), nodes.get(ino), fd).then(Mono.defer(() -> top.writev(w)));
            }

            @Override
            String describe() {
                return "node " + ino + " " + size + "@" + off;
            }

            @Override
            void ok(WritevReply r) {
                if (claim()) {
                    if (debug) {
                        LOG.debug("{} -> {} bytes", op, r.written());
                    }
                    fuse.fuse_reply_write(req, r.written());
                }
            }
        }.run();
    }

    private void flush(Pointer req, long ino, Pointer fi) {
        new Call<FlushReply>(req, Ops.Slot.FLUSH) {
            @Override
            Mono<FlushReply> start() {
                return top.flush(new Flush(ctx(req, owner(fi)), fd(fi), Xdata.EMPTY));
            }

            @Override
            void ok(FlushReply r) {
                answerError(0);
            }
        }.run();
    }

    private void release(Pointer req, long ino, Pointer fi, boolean directory) {
        counts.incrementAndGet((directory ? Ops.Slot.RELEASEDIR : Ops.Slot.RELEASE).ordinal());
        try {
            long fh = fi.getLong(Layout.FI_FH);
            Fd fd = fds.remove(fh);
            if (fd == null) {
                LOG.warn("{} of file handle {} that is not open", directory ? "RELEASEDIR" : "RELEASE", fh);
            } else if (!directory && remoteLocks && (fi.getInt(Layout.FI_BITS) & Layout.FI_FLOCK_RELEASE) != 0) {
                LkOwner owner = owner(fi);
                top.lk(new Lk(CallContext.of(0, 0, new int[0], 0, owner, clientId, unique.incrementAndGet()), fd,
                        LkCmd.SETLK, Flock.wholeFile(LockType.UNLOCK, 0, owner), Xdata.EMPTY))
                        .doFinally(s -> fd.release())
                        .subscribe(r -> { }, e -> LOG.debug("unlocking on release failed: {}", e.toString()));
            } else {
                fd.release();
            }
        } catch (Throwable e) {
            Exceptions.throwIfJvmFatal(e);
            LOG.error("release failed", e);
        } finally {
            fuse.fuse_reply_err(req, 0);
        }
    }

    private void fsync(Pointer req, long ino, int datasync, Pointer fi, boolean directory) {
        new Call<Object>(req, directory ? Ops.Slot.FSYNCDIR : Ops.Slot.FSYNC) {
            @Override
            Mono<Object> start() {
                Fd fd = fd(fi);
                CallContext c = ctx(req);
                return directory ? top.fsyncdir(new Fsyncdir(c, fd, datasync != 0, Xdata.EMPTY)).cast(Object.class)
                        : top.fsync(new Fsync(c, fd, datasync != 0, Xdata.EMPTY)).cast(Object.class);
            }

            @Override
            void ok(Object r) {
                answerError(0);
            }
        }.run();
    }

    private void readdir(Pointer req, long ino, long size, long off, Pointer fi) {
        new Call<List<Dirent>>(req, Ops.Slot.READDIR) {
            @Override
            Mono<List<Dirent>> start() {
                Fd fd = fd(fi);
                CallContext c = ctx(req);
                int n = (int) Math.min(size, Scratch.DATA_SIZE);
                return opts.useReaddirp()
                        ? top.readdirp(new Readdirp(c, fd, n, off, Xdata.EMPTY)).map(ReaddirpReply::entries)
                        : top.readdir(new Readdir(c, fd, n, off, Xdata.EMPTY)).map(ReaddirReply::entries);
            }

            @Override
            String describe() {
                return "node " + ino + " " + size + "@" + off;
            }

            @Override
            void ok(List<Dirent> entries) {
                Scratch s = Scratch.get();
                ByteBuffer d = s.data();
                int limit = (int) Math.min(size, Scratch.DATA_SIZE);
                int pos = 0;
                for (Dirent e : entries) {
                    byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
                    int len = Layout.direntSize(name.length);
                    if (pos + len > limit) {
                        break;
                    }
                    // The inode number stat gives (from the gfid) when the entry has one; 0 would hide it.
                    long ino = e.stat() != null && !e.stat().gfid().isNull() ? e.stat().ino() : e.ino();
                    if (ino == 0) {
                        ino = 1;
                    }
                    IaType type = e.stat() != null ? e.stat().type() : e.type();
                    d.putLong(pos, ino);
                    d.putLong(pos + 8, e.off());
                    d.putInt(pos + 16, name.length);
                    d.putInt(pos + 20, type.direntType());
                    d.put(pos + Layout.DIRENT_HEADER, name);
                    for (int i = pos + Layout.DIRENT_HEADER + name.length; i < pos + len; i++) {
                        d.put(i, (byte) 0);
                    }
                    pos += len;
                }
                answerBuffer(s.dataPointer(), pos);
            }
        }.run();
    }

    private void statfs(Pointer req, long ino) {
        new Call<Statvfs>(req, Ops.Slot.STATFS) {
            @Override
            Mono<Statvfs> start() {
                Inode in = nodes.get(ino);
                return top.statfs(new Statfs(ctx(req), inodeLoc(in), Xdata.EMPTY)).map(StatfsReply::buf);
            }

            @Override
            void ok(Statvfs v) {
                if (claim()) {
                    fuse.fuse_reply_statfs(req, Scratch.get().statvfs(v));
                }
            }
        }.run();
    }

    // ---- extended attributes ----

    /** Refuses what Linux refuses before a file system sees it, and ACLs when they are off. */
    private void checkXattr(CallContext c, String name, boolean write) {
        if ((name.equals(ACL_ACCESS) || name.equals(ACL_DEFAULT)) && !opts.acl()) {
            throw FopException.of(Errno.EOPNOTSUPP, name + ": POSIX ACLs are off (mount with -o acl)");
        }
        if (name.startsWith("trusted.") && c.uid() != 0) {
            throw FopException.of(write ? Errno.EPERM : Errno.ENODATA, name + ": trusted attributes are root's");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > Xattrs.NAME_MAX) {
            throw FopException.of(Errno.ERANGE, "an attribute name longer than " + Xattrs.NAME_MAX + " bytes");
        }
    }

    /**
     * Whether {@code name} is one of the security attributes the mount keeps from the graph
     * (security.selinux unless -o selinux, security.capability unless -o capability or
     * selinux): they read as absent and cannot be set, as through GlusterFS's mount, which
     * still lists and removes them. The kernel asks for security.capability before every write.
     */
    private boolean securityHidden(String name) {
        return name.equals(SECURITY_SELINUX) && !opts.selinux()
                || name.equals(SECURITY_CAPABILITY) && !opts.capability();
    }

    private void setxattr(Pointer req, long ino, Pointer namePtr, Pointer valuePtr, long size, int flags) {
        new Call<SetxattrReply>(req, Ops.Slot.SETXATTR) {
            @Override
            Mono<SetxattrReply> start() {
                Inode in = nodes.get(ino);
                String name = Scratch.get().name(namePtr);
                CallContext c = ctx(req);
                checkXattr(c, name, true);
                if (securityHidden(name)) {
                    throw FopException.of(Errno.EOPNOTSUPP, name + " is not passed to the graph (mount with -o "
                            + (name.equals(SECURITY_SELINUX) ? "selinux" : "capability") + ")");
                }
                if (size > Xattrs.VALUE_MAX) {
                    throw FopException.of(Errno.E2BIG, "an attribute value of " + size + " bytes (at most "
                            + Xattrs.VALUE_MAX + ")");
                }
                byte[] value = new byte[(int) size];
                if (size > 0) {
                    valuePtr.get(0, value, 0, value.length);
                }
                return top.setxattr(new Setxattr(c, inodeLoc(in), Xattrs.of(name, Bytes.wrap(value)), flags, Xdata.EMPTY));
            }

            @Override
            String describe() {
                return "node " + ino + " " + Scratch.get().name(namePtr) + " (" + size + " bytes)";
            }

            @Override
            void ok(SetxattrReply r) {
                answerError(0);
            }
        }.run();
    }

    /** Answers an xattr read: its size when asked for 0 bytes, ERANGE when it does not fit. */
    private void answerXattr(Call<?> call, byte[] value, long size) {
        if (size == 0) {
            if (call.claim()) {
                fuse.fuse_reply_xattr(call.req, value.length);
            }
        } else if (value.length > size) {
            call.answerError(Errno.ERANGE.code());
        } else {
            Scratch s = Scratch.get();
            ByteBuffer d = s.data();
            d.put(0, value);
            call.answerBuffer(s.dataPointer(), value.length);
        }
    }

    private void getxattr(Pointer req, long ino, Pointer namePtr, long size) {
        new Call<GetxattrReply>(req, Ops.Slot.GETXATTR) {
            String name;

            @Override
            Mono<GetxattrReply> start() {
                Inode in = nodes.get(ino);
                name = Scratch.get().name(namePtr);
                CallContext c = ctx(req);
                checkXattr(c, name, false);
                if (securityHidden(name)) {
                    throw FopException.of(Errno.ENODATA); // the kernel asks before every write: shared, no message
                }
                return top.getxattr(new Getxattr(c, inodeLoc(in), name, Xdata.EMPTY));
            }

            @Override
            String describe() {
                return "node " + ino + " " + Scratch.get().name(namePtr);
            }

            @Override
            void ok(GetxattrReply r) {
                Bytes v = r.dict().get(name);
                if (v == null) {
                    answerError(Errno.ENODATA.code());
                    return;
                }
                answerXattr(this, v.toByteArray(), size);
            }
        }.run();
    }

    private void listxattr(Pointer req, long ino, long size) {
        new Call<GetxattrReply>(req, Ops.Slot.LISTXATTR) {
            boolean root;

            @Override
            Mono<GetxattrReply> start() {
                Inode in = nodes.get(ino);
                CallContext c = ctx(req);
                root = c.uid() == 0;
                return top.getxattr(new Getxattr(c, inodeLoc(in), null, Xdata.EMPTY));
            }

            @Override
            void ok(GetxattrReply r) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                for (String n : r.dict().names()) {
                    if (!root && n.startsWith("trusted.")) {
                        continue;
                    }
                    out.writeBytes(n.getBytes(StandardCharsets.UTF_8));
                    out.write(0);
                }
                answerXattr(this, out.toByteArray(), size);
            }
        }.run();
    }

    private void removexattr(Pointer req, long ino, Pointer namePtr) {
        new Call<RemovexattrReply>(req, Ops.Slot.REMOVEXATTR) {
            @Override
            Mono<RemovexattrReply> start() {
                Inode in = nodes.get(ino);
                String name = Scratch.get().name(namePtr);
                CallContext c = ctx(req);
                checkXattr(c, name, true);
                return top.removexattr(new Removexattr(c, inodeLoc(in), name, Xdata.EMPTY));
            }

            @Override
            void ok(RemovexattrReply r) {
                answerError(0);
            }
        }.run();
    }

    private void access(Pointer req, long ino, int mask) {
        new Call<AccessReply>(req, Ops.Slot.ACCESS) {
            @Override
            Mono<AccessReply> start() {
                Inode in = nodes.get(ino);
                return top.access(new Access(ctx(req), inodeLoc(in), mask, Xdata.EMPTY));
            }

            @Override
            void ok(AccessReply r) {
                answerError(0);
            }
        }.run();
    }

    // ---- locks ----

    private void getlk(Pointer req, long ino, Pointer fi, Pointer lock) {
        new Call<LkReply>(req, Ops.Slot.GETLK) {
            @Override
            Mono<LkReply> start() {
                Fd fd = fd(fi);
                LkOwner owner = owner(fi);
                return top.lk(new Lk(ctx(req, owner), fd, LkCmd.GETLK, flockOf(lock, owner), Xdata.EMPTY));
            }

            @Override
            void ok(LkReply r) {
                Flock f = r.flock();
                if (claim()) {
                    fuse.fuse_reply_lock(req, Scratch.get().flock((short) f.type().code(), f.start(), f.len(), f.pid()));
                }
            }
        }.run();
    }

    private static Flock flockOf(Pointer lock, LkOwner owner) {
        int type = lock.getShort(Layout.L_TYPE);
        return new Flock(LockType.ofCode(type), 0, lock.getLong(Layout.L_START), lock.getLong(Layout.L_LEN),
                lock.getInt(Layout.L_PID), owner);
    }

    private void setlk(Pointer req, long ino, Pointer fi, Pointer lock, int sleep) {
        Call<LkReply> call = new Call<>(req, Ops.Slot.SETLK) {
            @Override
            Mono<LkReply> start() {
                Fd fd = fd(fi);
                LkOwner owner = owner(fi);
                Flock f = flockOf(lock, owner);
                if (debug) {
                    LOG.debug("SETLK{} {} {}+{}", sleep != 0 ? "W" : "", f.type(), f.start(), f.len());
                }
                return top.lk(new Lk(ctx(req, owner), fd, sleep != 0 ? LkCmd.SETLKW : LkCmd.SETLK, f, Xdata.EMPTY));
            }

            @Override
            void ok(LkReply r) {
                answerError(0);
            }
        };
        if (sleep != 0) {
            waitable(call);
        }
        call.run();
    }

    private void flock(Pointer req, long ino, Pointer fi, int operation) {
        boolean wait = (operation & LOCK_NB) == 0 && (operation & (LOCK_SH | LOCK_EX)) != 0;
        Call<LkReply> call = new Call<>(req, Ops.Slot.FLOCK) {
            @Override
            Mono<LkReply> start() {
                Fd fd = fd(fi);
                LkOwner owner = owner(fi);
                LockType type = (operation & LOCK_EX) != 0 ? LockType.WRITE
                        : (operation & LOCK_SH) != 0 ? LockType.READ : LockType.UNLOCK;
                return top.lk(new Lk(ctx(req, owner), fd, wait ? LkCmd.SETLKW : LkCmd.SETLK,
                        Flock.wholeFile(type, 0, owner), Xdata.EMPTY));
            }

            @Override
            void ok(LkReply r) {
                answerError(0);
            }
        };
        if (wait) {
            waitable(call);
        }
        call.run();
    }

    /** A call that may wait for a long time: an interrupt (a signal to the caller) ends it with EINTR. */
    private void waitable(Call<?> call) {
        interruptible.put(call.req.address(), call);
        fuse.fuse_req_interrupt_func(call.req, onInterrupt, null);
    }

    private void interrupted(Pointer req) {
        try {
            Call<?> call = interruptible.remove(req.address());
            if (call != null) {
                call.cancel();
                call.answerError(Errno.EINTR.code());
            }
        } catch (Throwable e) {
            Exceptions.throwIfJvmFatal(e);
            LOG.error("interrupt handling failed", e);
        }
    }

    private void fallocate(Pointer req, long ino, int mode, long offset, long length, Pointer fi) {
        new Call<Object>(req, Ops.Slot.FALLOCATE) {
            @Override
            Mono<Object> start() {
                Fd fd = fd(fi);
                CallContext c = ctx(req);
                Mono<Object> done = allocate(c, fd);
                if (!killsPrivileges || c.uid() == 0) {
                    return done;
                }
                // The kernel leaves clearing set-ID bits to the mount and flags no FALLOCATE:
                // take a caller other than root as one without CAP_FSETID, as the kernel would.
                return done.flatMap(r -> clearSetIds(asRoot(c), nodes.get(ino), fd)).cast(Object.class);
            }

            private Mono<Object> allocate(CallContext c, Fd fd) {
                if ((mode & FALLOC_FL_PUNCH_HOLE) != 0) {
                    return top.discard(new Discard(c, fd, offset, length, Xdata.EMPTY)).cast(Object.class);
                }
                if ((mode & FALLOC_FL_ZERO_RANGE) != 0) {
                    return top.zerofill(new Zerofill(c, fd, offset, length, Xdata.EMPTY)).cast(Object.class);
                }
                return top.fallocate(new Fallocate(c, fd, mode, offset, length, Xdata.EMPTY)).cast(Object.class);
            }

            @Override
            String describe() {
                return "node " + ino + " mode " + mode + " " + length + "@" + offset;
            }

            @Override
            void ok(Object r) {
                answerError(0);
            }
        }.run();
    }

    // ---- invalidation ----

    /** Asks the kernel to drop what it caches of {@code inode} (attributes and data). */
    public void invalidate(Inode inode) {
        invalidate(inode, 0);
    }

    /**
     * Drops the kernel's copy of {@code inode}'s attributes and, with {@code from} 0 or more, its
     * cached data from there on. Attributes alone take no page lock, so they may be dropped
     * while one of the kernel's requests on the inode waits.
     */
    private void invalidate(Inode inode, long from) {
        long id = nodes.idOf(inode);
        Pointer ch = channel;
        if (id != 0 && ch != null) {
            int r = fuse.fuse_lowlevel_notify_inval_inode(ch, id, from, 0);
            if (r != 0 && r != -Errno.ENOENT.code()) {
                LOG.debug("invalidating node {} failed: {}", id, Errno.orEio(-r).describe());
            }
        }
    }

    // ---- state ----

    /** Closes the fds the kernel still holds (when the mount goes away without releases). */
    public void releaseAll() {
        for (Long fh : new ArrayList<>(fds.keySet())) {
            Fd fd = fds.remove(fh);
            if (fd != null) {
                fd.release();
            }
        }
    }

    public void dump(DumpWriter out, String mountpoint) {
        out.section("mount/fuse.priv")
                .put("mountpoint", mountpoint)
                .put("protocol", protocol)
                .put("options", opts.toString())
                .put("remote_locks", remoteLocks)
                .put("kills_privileges", killsPrivileges)
                .put("nodes", nodes.size())
                .put("open_fds", fds.size())
                .put("in_flight", inFlight.get())
                .put("failures", failures.get())
                .put("cached_group_lists", groups.cached());
        for (Ops.Slot slot : Ops.Slot.values()) {
            long n = counts.get(slot.ordinal());
            if (n > 0) {
                out.put("count." + slot.name(), n);
            }
        }
    }

    /** O_* flags the bridge uses. */
    private static final class Sys {
        static final int O_CREAT = 0100;
        static final int O_EXCL = 0200;
        static final int O_TRUNC = 01000;
    }
}
