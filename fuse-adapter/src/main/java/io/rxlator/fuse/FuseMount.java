package io.rxlator.fuse;

import io.rxlator.fuse.internal.Bridge;
import io.rxlator.fuse.internal.LibC;
import io.rxlator.fuse.internal.LibFuse;
import io.rxlator.fuse.internal.Layout;
import io.rxlator.fuse.internal.Ops;
import io.rxlator.fuse.internal.Readers;
import io.rxlator.fuse.internal.SpinWait;
import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.Flock;
import io.rxlator.runtime.fop.Lk;
import io.rxlator.runtime.fop.LkCmd;
import io.rxlator.runtime.fop.LkOwner;
import io.rxlator.runtime.fop.LockType;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.fop.XdataKeys;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Subvolume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;

/**
 * A graph mounted through FUSE: GlusterFS's {@code mount/fuse}. {@link #mount} checks the
 * mount point (clearing a mount left by a process that died), mounts with libfuse, and
 * serves the kernel's requests on {@code reader-thread-count} threads of its own, each
 * reading requests and running them through the graph. {@link #close} unmounts; an unmount
 * from outside ({@code rxlator umount}, {@code fusermount -u}, {@code umount}) ends it too.
 *
 * <p>The graph stays the caller's: close it after the mount is gone.
 */
public final class FuseMount implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("rxlator.fuse");
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    /** Looks that find nothing running before the monitor sleeps until something does. */
    private static final int QUIET_TICKS = 64;

    private static volatile @Nullable LibFuse libFuse;

    private final Path mountpoint;
    private final byte[] mountpointC;
    private final MountOptions opts;
    private final InodeTable table;
    private final Bridge bridge;
    private final LibFuse fuse;
    private final List<Object> keep = new ArrayList<>();
    private final CountDownLatch loopsDone;
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private final CountDownLatch gone = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Invalidator invalidator;
    private final InodeTable.Listener listener;
    private final Readers readers;
    private final List<SpinWait> spins = new CopyOnWriteArrayList<>();
    private Pointer args;
    private Pointer channel;
    private Pointer session;
    /** The channel the INIT request is answered on, which may add to libfuse 2's answer; null once used. */
    private volatile @Nullable Pointer initChannel;
    /** The INIT flags the kernel offered. */
    private volatile int offered;
    private volatile long connection = -1;
    private volatile @Nullable Throwable loopFailure;

    private FuseMount(Path mountpoint, MountOptions opts, InodeTable table, Bridge bridge, LibFuse fuse) {
        this.mountpoint = mountpoint;
        this.mountpointC = cString(mountpoint.toString());
        this.opts = opts;
        this.table = table;
        this.bridge = bridge;
        this.fuse = fuse;
        this.loopsDone = new CountDownLatch(opts.threads());
        this.readers = new Readers(opts.threads(), TimeUnit.MICROSECONDS.toNanos(opts.readerStallMicros()),
                System::nanoTime);
        this.invalidator = new Invalidator();
        this.listener = new InodeTable.Listener() {
            @Override
            public void invalidated(Inode inode) {
                invalidator.offer(inode);
            }
        };
    }

    /**
     * Mounts {@code top} at {@code mountpoint}.
     *
     * @param table the graph's inode table
     * @throws MountException naming what is wrong: the mount point, the options, FUSE itself
     */
    public static FuseMount mount(Subvolume top, InodeTable table, Path mountpoint, MountOptions opts)
            throws MountException {
        Path mnt = mountpoint.toAbsolutePath().normalize();
        checkMountpoint(mnt, opts);
        LibFuse fuse = libfuse();
        Bridge bridge = new Bridge(fuse, top, table, opts, "fuse:" + hostname() + ":" + LibC.INSTANCE.getpid() + ":" + mnt);
        bridge.remoteLocks(switch (opts.locks()) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> graphHandlesLocks(top, table);
        });
        FuseMount m = new FuseMount(mnt, opts, table, bridge, fuse);
        m.start();
        return m;
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static LibFuse libfuse() throws MountException {
        LibFuse l = libFuse;
        if (l == null) {
            synchronized (FuseMount.class) {
                l = libFuse;
                if (l == null) {
                    try {
                        l = LibraryLoader.create(LibFuse.class).failImmediately().load("fuse");
                    } catch (UnsatisfiedLinkError | RuntimeException e) {
                        throw new MountException("libfuse 2 is not installed (on Debian: apt-get install libfuse2): "
                                + e.getMessage(), e);
                    }
                    libFuse = l;
                }
            }
        }
        return l;
    }

    // ---- before mounting ----

    /**
     * Checks that {@code mnt} can be mounted on: a directory that exists, is not mounted
     * already and is empty (unless {@code nonempty}). A mount left by a process that died is
     * unmounted, with a warning.
     *
     * @throws MountException saying what is wrong and what to do
     */
    public static void checkMountpoint(Path mnt, MountOptions opts) throws MountException {
        if (!Files.exists(Path.of("/dev/fuse"))) {
            throw new MountException("/dev/fuse is missing: the fuse kernel module is not loaded (modprobe fuse)");
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(mnt, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new MountException("cannot mount on " + mnt + ": it does not exist (mkdir it first)");
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("not connected")) {
                clearStale(mnt);
                try {
                    a = Files.readAttributes(mnt, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException again) {
                    throw new MountException("cannot mount on " + mnt + ": " + again.getMessage(), again);
                }
            } else {
                throw new MountException("cannot mount on " + mnt + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new MountException("cannot mount on " + mnt + ": " + e.getMessage(), e);
        }
        if (!a.isDirectory()) {
            throw new MountException("cannot mount on " + mnt + ": it is not a directory");
        }
        String existing = fuseMountAt(mnt);
        if (existing != null) {
            throw new MountException("cannot mount on " + mnt + ": it is already mounted (" + existing
                    + "); unmount it first (rxlator umount " + mnt + ")");
        }
        if (!opts.nonempty()) {
            try (DirectoryStream<Path> d = Files.newDirectoryStream(mnt)) {
                if (d.iterator().hasNext()) {
                    throw new MountException("cannot mount on " + mnt + ": it is not empty (mount with -o nonempty "
                            + "to hide what is in it while mounted)");
                }
            } catch (IOException e) {
                throw new MountException("cannot mount on " + mnt + ": " + e.getMessage(), e);
            }
        }
    }

    /** A FUSE mount whose process is gone answers "Transport endpoint is not connected": take it away. */
    private static void clearStale(Path mnt) throws MountException {
        int r = LibC.INSTANCE.umount2(cString(mnt.toString()), LibC.MNT_DETACH);
        if (r != 0) {
            int errno = Layout.RUNTIME.getLastError();
            throw new MountException(mnt + " is a mount left by a process that is gone (Transport endpoint is not "
                    + "connected), and unmounting it failed: " + Errno.orEio(errno).describe()
                    + "; try fusermount -u -z " + mnt);
        }
        LOG.warn("{} was left mounted by a process that is gone (Transport endpoint is not connected); unmounted it",
                mnt);
    }

    /** The FUSE mount on {@code mnt} ("source type", e.g. "rxlator fuse.rxlator"), or null. */
    public static @Nullable String fuseMountAt(Path mnt) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                int dash = java.util.Arrays.asList(f).indexOf("-");
                if (f.length < 5 || dash < 0 || dash + 2 >= f.length) {
                    continue;
                }
                if (unescape(f[4]).equals(mnt.toString()) && f[dash + 1].startsWith("fuse")) {
                    return unescape(f[dash + 2]) + " " + f[dash + 1];
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot read /proc/self/mountinfo: {}", e.toString());
        }
        return null;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Asks the graph, once, whether it handles lk; storage alone answers ENOSYS. */
    private static boolean graphHandlesLocks(Subvolume top, InodeTable table) {
        Fd fd = table.anonymousFd(table.root());
        try {
            top.lk(new Lk(CallContext.ROOT, fd, LkCmd.GETLK, Flock.wholeFile(LockType.WRITE, 0, LkOwner.of(1)),
                    Xdata.of(XdataKeys.PROBE, 1))).block(Duration.ofSeconds(30));
            return true;
        } catch (FopException e) {
            return e.errno() != Errno.ENOSYS;
        } catch (RuntimeException e) {
            LOG.warn("could not tell whether the graph handles locks ({}); locks stay in the kernel", e.toString());
            return false;
        } finally {
            fd.release();
        }
    }

    private static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, b.length + 1);
    }

    // ---- mounting ----

    private Pointer cStringPointer(String s) {
        byte[] c = cString(s);
        Pointer p = Memory.allocateDirect(Layout.RUNTIME, c.length, true);
        p.put(0, c, 0, c.length);
        keep.add(p);
        return p;
    }

    private void start() throws MountException {
        List<String> argv = new ArrayList<>(List.of("rxlator", "-o", opts.libfuseOptions()));
        if (opts.debugFuse) {
            argv.add("-d");
        }
        Pointer argvArray = Memory.allocateDirect(Layout.RUNTIME, 8L * (argv.size() + 1), true);
        keep.add(argvArray);
        for (int i = 0; i < argv.size(); i++) {
            argvArray.putAddress(8L * i, cStringPointer(argv.get(i)).address());
        }
        args = Memory.allocateDirect(Layout.RUNTIME, Layout.ARGS_SIZE, true);
        keep.add(args);
        args.putInt(Layout.ARGS_ARGC, argv.size());
        args.putAddress(Layout.ARGS_ARGV, argvArray.address());
        args.putInt(Layout.ARGS_ALLOCATED, 0);

        channel = fuse.fuse_mount(mountpointC, args);
        if (channel == null || channel.address() == 0) {
            throw new MountException("mounting " + mountpoint + " failed (libfuse printed the reason on stderr); options: "
                    + opts.libfuseOptions());
        }
        Ops ops = bridge.ops();
        keep.add(ops);
        session = fuse.fuse_lowlevel_new(args, ops.pointer(), ops.size(), null);
        if (session == null || session.address() == 0) {
            fuse.fuse_unmount(mountpointC, channel);
            throw new MountException("libfuse refused the options " + opts.libfuseOptions()
                    + " (it printed the reason on stderr)");
        }
        fuse.fuse_session_add_chan(session, channel);
        long bufsize = fuse.fuse_chan_bufsize(channel);
        initChannel = initChannel(bufsize);
        bridge.channel(channel);
        for (int i = 0; i < opts.threads(); i++) {
            Thread t = new Thread(() -> loop(bufsize), "rxlator-fuse-" + i);
            t.setDaemon(true);
            t.start();
        }
        if (readers.adaptive()) {
            Thread m = new Thread(this::watchReaders, "rxlator-fuse-readers");
            m.setDaemon(true);
            m.start();
        }
        table.addListener(listener);
        invalidator.start();
        LOG.info("mounted {} ({} threads, {})", mountpoint, opts.threads(), opts);
    }

    /**
     * A channel on the same /dev/fuse descriptor, for the INIT request alone: libfuse 2 knows
     * protocol 7.19 and answers with its flags only, and this one's send adds
     * {@link Layout#INIT_HANDLE_KILLPRIV_V2} when the kernel offered it and the bridge may take
     * it (fuse_init_out's flags word is the same at 7.19).
     */
    private Pointer initChannel(long bufsize) throws MountException {
        int fd = fuse.fuse_chan_fd(channel);
        LibFuse.SendCallback send = (ch, iov, count) -> sendInit(fd, iov, count);
        Pointer closure = Layout.RUNTIME.getClosureManager().getClosurePointer(LibFuse.SendCallback.class, send);
        Pointer chanOps = Memory.allocateDirect(Layout.RUNTIME, Layout.CHAN_OPS_SIZE, true);
        chanOps.putAddress(Layout.CHAN_OPS_SEND, closure.address());
        keep.add(send);
        keep.add(closure);
        keep.add(chanOps);
        Pointer ch = fuse.fuse_chan_new(chanOps, fd, bufsize, null);
        if (ch == null || ch.address() == 0) {
            throw new MountException("libfuse could not make a channel for answering INIT (out of memory)");
        }
        keep.add(ch);
        return ch;
    }

    /** Writes libfuse's answer to INIT, with the flags the mount adds. */
    private int sendInit(int fd, Pointer iov, long count) {
        try {
            if (count >= 2 && iov.getPointer(0).getInt(Layout.OUT_ERROR) == 0
                    && iov.getLong(LibC.IOVEC_SIZE + 8) >= Layout.INIT_OUT_FLAGS_AT + 4
                    && (offered & Layout.INIT_HANDLE_KILLPRIV_V2) != 0 && bridge.mayKillPrivileges()) {
                Pointer out = iov.getPointer(LibC.IOVEC_SIZE);
                out.putInt(Layout.INIT_OUT_FLAGS_AT, out.getInt(Layout.INIT_OUT_FLAGS_AT) | Layout.INIT_HANDLE_KILLPRIV_V2);
                bridge.killsPrivileges(true);
                LOG.info("the mount clears set-ID bits on write and truncate (the kernel no longer asks for "
                        + "security.capability before each write)");
            }
        } catch (Throwable e) {
            Exceptions.throwIfJvmFatal(e);
            LOG.error("adding to the INIT answer failed; the kernel keeps clearing set-ID bits", e);
        }
        long n = LibC.INSTANCE.writev(fd, iov, (int) count);
        return n < 0 ? -jnr.ffi.LastError.getLastError(Layout.RUNTIME) : 0;
    }

    /**
     * Looks at the readers twice per stuck time (every 1 ms by default) while requests run,
     * so a request that never finishes cannot hold up the others; sleeps while none runs.
     */
    private void watchReaders() {
        long tick = readers.stuckNanos() / 2;
        Thread self = Thread.currentThread();
        readers.monitor(() -> LockSupport.unpark(self));
        int quiet = 0;
        while (!readers.closed()) {
            if (readers.tick()) {
                quiet = 0;
            } else if (++quiet >= QUIET_TICKS) {
                quiet = 0;
                if (readers.idle()) {
                    LockSupport.park(this);
                    readers.awake();
                }
                continue;
            }
            LockSupport.parkNanos(this, tick);
        }
    }

    /** One reader: takes a request from the kernel and runs it, until the mount goes away. */
    private void loop(long bufsize) {
        Pointer buf = Memory.allocateDirect(Layout.RUNTIME, Layout.BUF_SIZE_STRUCT, true);
        Pointer mem = Memory.allocateDirect(Layout.RUNTIME, bufsize, false);
        Pointer chp = Memory.allocateDirect(Layout.RUNTIME, 8, true);
        Pointer pollfd = Memory.allocateDirect(Layout.RUNTIME, LibC.POLLFD_SIZE, true);
        pollfd.putInt(0, fuse.fuse_chan_fd(channel));
        pollfd.putShort(4, LibC.POLLIN);
        SpinWait spin = new SpinWait(TimeUnit.MICROSECONDS.toNanos(opts.readerSpinMicros()), System::nanoTime, () -> {
            pollfd.putShort(6, (short) 0);
            return LibC.INSTANCE.poll(pollfd, 1, 0) != 0;
        });
        spins.add(spin);
        Bridge.Sent sent = bridge.readsInto(mem);
        try {
            Readers.Slot slot = readers.join();
            while (readers.awaitTurn(slot) && fuse.fuse_session_exited(session) == 0) {
                buf.putLong(Layout.BUF_SIZE, bufsize);
                buf.putInt(Layout.BUF_FLAGS, 0);
                buf.putAddress(Layout.BUF_MEM, mem.address());
                buf.putInt(Layout.BUF_FD, -1);
                buf.putLong(Layout.BUF_POS, 0);
                chp.putAddress(0, channel.address());
                // Only a reader alone looks before it sleeps: beside another one that already
                // sleeps in read, the next request wakes that one anyway.
                boolean queued = readers.alone() && spin.await();
                long asleep = !queued && spin.stopped() ? System.nanoTime() : 0;
                int res = fuse.fuse_session_receive_buf(session, buf, chp);
                if (asleep != 0) {
                    spin.slept(System.nanoTime() - asleep);
                }
                if (res == -EINTR || res == -EAGAIN) {
                    continue;
                }
                if (res <= 0) {
                    if (res < 0) {
                        LOG.error("reading from /dev/fuse failed: {}", Errno.orEio(-res).describe());
                        fuse.fuse_session_exit(session);
                    }
                    break;
                }
                int opcode = (buf.getInt(Layout.BUF_FLAGS) & Layout.BUF_IS_FD) == 0 && res >= Layout.IN_HEADER_SIZE
                        ? mem.getInt(Layout.IN_OPCODE) : -1;
                readers.started(slot, dataBytes(opcode, mem, res));
                sent.arrived(opcode, res);
                Pointer ch = chp.getPointer(0);
                Pointer init = initChannel;
                if (init != null && opcode == Layout.OP_INIT && res >= Layout.INIT_IN_FLAGS_AT + 4) {
                    offered = mem.getInt(Layout.INIT_IN_FLAGS_AT);
                    initChannel = null;
                    ch = init;
                }
                try {
                    fuse.fuse_session_process_buf(session, buf, ch);
                } finally {
                    readers.finished(slot);
                }
            }
        } catch (Throwable e) {
            loopFailure = e;
            LOG.error("a FUSE reader thread failed", e);
            fuse.fuse_session_exit(session);
        } finally {
            readers.close();
            loopsDone.countDown();
            if (loopsDone.getCount() == 0) {
                cleanup();
            }
        }
    }

    /**
     * The data a request read into {@code mem} moves: what a read asks for, what a write (or any
     * other request) carries. 0 when libfuse left the request in a pipe.
     */
    private static long dataBytes(int opcode, Pointer mem, int length) {
        if (opcode < 0) {
            return 0;
        }
        if (opcode == Layout.OP_READ && length >= Layout.READ_IN_SIZE_AT + 4) {
            return Integer.toUnsignedLong(mem.getInt(Layout.READ_IN_SIZE_AT));
        }
        return length;
    }

    // ---- unmounting ----

    /** Waits until the mount is gone (unmounted by {@link #close} or from outside). */
    public void awaitUnmount() throws InterruptedException {
        loopsDone.await();
        cleanup();
        gone.await();
    }

    /** Waits up to {@code timeout} until the mount is gone; false if it is still there. */
    public boolean awaitUnmount(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!loopsDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        cleanup();
        return gone.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    public boolean isMounted() {
        return loopsDone.getCount() > 0;
    }

    /**
     * Unmounts. When processes still use the mount it is detached (they get errors from then
     * on) and the connection is aborted, so nothing is left behind either way.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        if (isMounted()) {
            int r = LibC.INSTANCE.umount2(mountpointC, 0);
            if (r != 0) {
                int errno = Layout.RUNTIME.getLastError();
                if (errno == LibC.EBUSY) {
                    LOG.warn("{} is busy (files are open on it); detaching it and aborting its connection", mountpoint);
                    LibC.INSTANCE.umount2(mountpointC, LibC.MNT_DETACH);
                    abortConnection();
                } else if (errno != LibC.EINVAL) {
                    LOG.warn("unmounting {} failed: {}", mountpoint, Errno.orEio(errno).describe());
                }
            }
        }
        awaitQuietly();
    }

    private void awaitQuietly() {
        try {
            if (!awaitUnmount(Duration.ofSeconds(30))) {
                LOG.warn("the FUSE threads of {} did not stop; leaving them", mountpoint);
                fuse.fuse_session_exit(session);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the kernel connection through fusectl, when it is mounted, so detached users stop waiting. */
    private void abortConnection() {
        long c = connection;
        if (c < 0) {
            return;
        }
        Path abort = Path.of("/sys/fs/fuse/connections/" + c + "/abort");
        try {
            if (Files.exists(abort)) {
                Files.writeString(abort, "1");
            }
        } catch (IOException e) {
            LOG.debug("aborting FUSE connection {} failed: {}", c, e.toString());
        }
    }

    private void cleanup() {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
        try {
            table.removeListener(listener);
            boolean stopped = invalidator.stop(Duration.ofSeconds(5));
            // The kernel is gone: fuse_unmount sees that, closes the device and only unmounts if needed.
            fuse.fuse_unmount(mountpointC, channel);
            if (stopped) {
                fuse.fuse_session_destroy(session);
            } else {
                LOG.warn("the invalidation thread is still in the kernel after 5 s; the FUSE session is left, not freed under it");
            }
            fuse.fuse_opt_free_args(args);
            bridge.releaseAll();
            LOG.info("unmounted {}", mountpoint);
        } finally {
            gone.countDown();
        }
    }

    // ---- state ----

    public Path mountpoint() {
        return mountpoint;
    }

    public MountOptions options() {
        return opts;
    }

    /** The first failure of a reader thread, if one failed. */
    public @Nullable Throwable failure() {
        return loopFailure;
    }

    /** Node ids the kernel holds (the root aside). */
    public int kernelNodes() {
        return bridge.nodes();
    }

    /** Files and directories the kernel has open. */
    public int openFiles() {
        return bridge.openFds();
    }

    /** Whether POSIX and BSD locks go to the graph. */
    public boolean remoteLocks() {
        return bridge.remoteLocks();
    }

    /** The mount's state for a statedump. */
    public void dump(DumpWriter out) {
        bridge.dump(out, mountpoint.toString());
        out.put("invalidations_sent", invalidator.sent.get()).put("invalidations_dropped", invalidator.dropped.get());
        out.put("reader_threads", opts.threads()).put("readers_active", readers.active())
                .put("readers_let_in", readers.promotions()).put("readers_stepped_back", readers.retirements());
        out.put("reader_spin_found", spins.stream().mapToLong(SpinWait::hits).sum())
                .put("reader_spin_missed", spins.stream().mapToLong(SpinWait::misses).sum())
                .put("reader_spin_skipped", spins.stream().mapToLong(SpinWait::skipped).sum());
    }

    /** Records the kernel connection's number (the mount's minor device), for aborting it. */
    void noteConnection() {
        try {
            Object dev = Files.getAttribute(mountpoint, "unix:dev");
            long d = ((Number) dev).longValue();
            connection = ((d >>> 12) & 0xFFF00L) | (d & 0xFFL);
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read the device of {}: {}", mountpoint, e.toString());
        }
    }

    /**
     * Sends the kernel's cache invalidations from a thread of its own: the kernel may wait on
     * a request being served while it invalidates, so a reader thread must never do it.
     */
    private final class Invalidator implements Runnable {
        private final ArrayBlockingQueue<Inode> queue = new ArrayBlockingQueue<>(4096);
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        void start() {
            running = true;
            thread = new Thread(this, "rxlator-fuse-invalidate");
            thread.setDaemon(true);
            thread.start();
        }

        void offer(Inode inode) {
            if (running && !queue.offer(inode)) {
                dropped.incrementAndGet();
            }
        }

        /**
         * Stops the thread and waits for it, so no notification uses the session after it is
         * destroyed; false when the thread is still inside one after {@code timeout}.
         */
        boolean stop(Duration timeout) {
            running = false;
            Thread t = thread;
            if (t == null || t == Thread.currentThread()) {
                return true;
            }
            t.interrupt();
            try {
                t.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !t.isAlive();
        }

        @Override
        public void run() {
            noteConnection();
            while (running) {
                try {
                    Inode in = queue.poll(1, TimeUnit.SECONDS);
                    if (in != null && running) {
                        bridge.invalidate(in);
                        sent.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("invalidation failed: {}", e.toString());
                }
            }
        }
    }
}
