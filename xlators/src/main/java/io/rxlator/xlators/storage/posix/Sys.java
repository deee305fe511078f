package io.rxlator.xlators.storage.posix;

import io.rxlator.runtime.fop.Bytes;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.IaType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.LibraryLoader;
import org.jspecify.annotations.Nullable;

/**
 * Checked Linux calls for storage/posix: every failure becomes a {@link FopException} with the
 * call's errno and a message naming the call and the object.
 */
final class Sys {

    private static final LibC RAW = LibraryLoader.create(LibC.class).load("c");
    private static final jnr.ffi.Runtime RT = jnr.ffi.Runtime.getRuntime(RAW);

    /**
     * The calls. With the system property {@code rxlator.markBlockingCalls} set (the tests set
     * it), each one first passes through {@link #blocking()}, which a BlockHound integration
     * marks as blocking, so a native call on a non-blocking thread fails the test.
     */
    static final LibC C = Boolean.getBoolean("rxlator.markBlockingCalls") ? marked(RAW) : RAW;

    /** Does nothing; the place a blocking-call detector watches. */
    static void blocking() {
    }

    private static LibC marked(LibC raw) {
        return (LibC) java.lang.reflect.Proxy.newProxyInstance(LibC.class.getClassLoader(), new Class<?>[] {LibC.class},
                (proxy, method, args) -> {
                    blocking();
                    try {
                        return method.invoke(raw, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_ACCMODE = 3;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;
    static final int O_DIRECT = 040000;
    static final int O_DIRECTORY = 0200000;
    static final int O_NOFOLLOW = 0400000;
    static final int O_CLOEXEC = 02000000;
    static final int O_PATH = 010000000;

    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_REMOVEDIR = 0x200;
    static final int AT_EMPTY_PATH = 0x1000;

    static final int RESOLVE_NO_MAGICLINKS = 0x02;
    static final int RESOLVE_NO_SYMLINKS = 0x04;
    static final int RESOLVE_BENEATH = 0x08;
    /** Stay below the starting directory and follow no symlink at all. */
    static final int RESOLVE_SAFE = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;

    static final int XATTR_CREATE = 1;
    static final int XATTR_REPLACE = 2;
    static final int RENAME_NOREPLACE = 1;
    static final int SEEK_SET = 0;
    static final int SEEK_DATA = 3;
    static final int SEEK_HOLE = 4;
    static final long UTIME_NOW = (1L << 30) - 1;
    static final long UTIME_OMIT = (1L << 30) - 2;

    private static final long SYS_OPENAT2 = 437;
    private static final long SYS_CACHESTAT = 451;
    /** The smallest page Linux has; counting in it can only make a range look less cached. */
    private static final int MIN_PAGE = 4096;
    private static final int STATX_BASIC_STATS = 0x7ff;
    private static final int STATX_BTIME = 0x800;

    private static final ThreadLocal<ByteBuffer> STATX_BUF =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder()));
    private static final ThreadLocal<ByteBuffer> HOW_BUF =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(24).order(ByteOrder.nativeOrder()));
    /** This thread's cachestat(2) arguments: the range {off, len} and the five counters it answers. */
    private static final ThreadLocal<ByteBuffer[]> CACHESTAT_BUF = ThreadLocal.withInitial(() -> {
        ByteBuffer b = ByteBuffer.allocateDirect(56);
        return new ByteBuffer[] {
            b.slice(0, 16).order(ByteOrder.nativeOrder()), b.slice(16, 40).order(ByteOrder.nativeOrder())};
    });
    private static volatile boolean noCachestat;
    private static final ThreadLocal<byte[]> XATTR_BUF = ThreadLocal.withInitial(() -> new byte[256]);
    private static final ThreadLocal<ByteBuffer[]> IO_BUF = ThreadLocal.withInitial(() -> new ByteBuffer[1]);
    private static final int MAX_IO_BUFFER = 8 << 20;
    private static final int IO_ALIGN = 4096;

    private Sys() {
    }

    /** The attributes statx gives for one object. */
    record Stat(int mode, int nlink, int uid, int gid, long ino, long size, long blocks, int blksize, long atimeSec,
            int atimeNsec, long btimeSec, int btimeNsec, long ctimeSec, int ctimeNsec, long mtimeSec, int mtimeNsec,
            long rdev, long dev, boolean hasBtime) {

        IaType type() {
            return IaType.ofMode(mode);
        }

        boolean isDirectory() {
            return (mode & IaType.S_IFMT) == IaType.DIRECTORY.modeBits();
        }

        boolean isSymlink() {
            return (mode & IaType.S_IFMT) == IaType.SYMLINK.modeBits();
        }

        boolean isRegular() {
            return (mode & IaType.S_IFMT) == IaType.REGULAR.modeBits();
        }

        int prot() {
            return mode & 07777;
        }
    }

    /** A path or name as C wants it: UTF-8 and a NUL. */
    static byte[] c(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    static final byte[] EMPTY = {0};

    /** {@code /proc/self/fd/N}: the object an fd holds, reached without walking any path. */
    static String proc(int fd) {
        return "/proc/self/fd/" + fd;
    }

    static int errno() {
        return RT.getLastError();
    }

    static FopException failure(String call, Object what) {
        return failure(errno(), call, what);
    }

    /** The failure of {@code call} with errno {@code e}, read before anything that may change it. */
    static FopException failure(int e, String call, Object what) {
        Errno errno = Errno.orEio(e);
        return FopException.of(errno, call + " " + what + ": " + errno.message());
    }

    /**
     * {@code result}, or the failure of {@code call} on {@code what} when it is negative. For a
     * name that has to be built, test the result and throw {@link #failure} instead, so that the
     * name is only built when the call fails.
     */
    static int check(int result, String call, Object what) {
        if (result < 0) {
            throw failure(call, what);
        }
        return result;
    }

    static long check(long result, String call, Object what) {
        if (result < 0) {
            throw failure(call, what);
        }
        return result;
    }

    /** openat2(2) with {@code resolve} flags; answers the fd. */
    static int openat2(int dirfd, String path, int flags, int mode, int resolve) {
        ByteBuffer how = HOW_BUF.get();
        how.putLong(0, (flags | O_CLOEXEC) & 0xFFFFFFFFL);
        how.putLong(8, mode);
        how.putLong(16, resolve);
        return (int) check(C.syscall(SYS_OPENAT2, dirfd, c(path), how, 24), "openat2", path);
    }

    static void close(int fd) {
        if (fd >= 0) {
            C.close(fd);
        }
    }

    /** statx of {@code path} under {@code dirfd}, never following a final symlink; "" means dirfd itself. */
    static Stat statx(int dirfd, String path) {
        ByteBuffer b = STATX_BUF.get();
        int flags = AT_SYMLINK_NOFOLLOW | (path.isEmpty() ? AT_EMPTY_PATH : 0);
        if (C.statx(dirfd, path.isEmpty() ? EMPTY : c(path), flags, STATX_BASIC_STATS | STATX_BTIME, b) < 0) {
            throw failure("statx", path.isEmpty() ? "fd " + dirfd : path);
        }
        int mask = b.getInt(0);
        long rdev = makedev(Integer.toUnsignedLong(b.getInt(128)), Integer.toUnsignedLong(b.getInt(132)));
        long dev = makedev(Integer.toUnsignedLong(b.getInt(136)), Integer.toUnsignedLong(b.getInt(140)));
        return new Stat(b.getShort(28) & 0xFFFF, b.getInt(16), b.getInt(20), b.getInt(24), b.getLong(32), b.getLong(40),
                b.getLong(48), b.getInt(4),
                b.getLong(64), b.getInt(72), b.getLong(80), b.getInt(88), b.getLong(96), b.getInt(104),
                b.getLong(112), b.getInt(120), rdev, dev, (mask & STATX_BTIME) != 0);
    }

    /** The major/minor pair of a {@code dev_t} in the kernel's encoding. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8) | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /** The value of an extended attribute, or null when it does not exist. */
    static @Nullable Bytes getxattr(String path, String name, boolean follow) {
        byte[] p = c(path);
        byte[] n = c(name);
        // Most attributes (gfids, gfid2path) are small: one call with a buffer that fits them,
        // a size query only for the ones that do not.
        byte[] small = XATTR_BUF.get();
        long got = follow ? C.getxattr(p, n, small, small.length) : C.lgetxattr(p, n, small, small.length);
        if (got >= 0) {
            return Bytes.of(small, 0, (int) got);
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            if (errno() == Errno.ENODATA.code()) {
                return null;
            }
            if (errno() != Errno.ERANGE.code()) {
                throw failure("getxattr " + name + " of", path);
            }
            long size = follow ? C.getxattr(p, n, null, 0) : C.lgetxattr(p, n, null, 0);
            if (size < 0) {
                continue;
            }
            byte[] v = new byte[(int) size];
            got = size == 0 ? 0 : follow ? C.getxattr(p, n, v, size) : C.lgetxattr(p, n, v, size);
            if (got >= 0) {
                return got == size ? Bytes.wrap(v) : Bytes.of(v, 0, (int) got);
            }
        }
        if (errno() == Errno.ENODATA.code()) {
            return null;
        }
        throw FopException.of(Errno.EIO, "getxattr " + name + " of " + path + " keeps changing size");
    }

    static void setxattr(String path, String name, Bytes value, int flags, boolean follow) {
        byte[] v = value.toByteArray();
        int r = follow ? C.setxattr(c(path), c(name), v, v.length, flags) : C.lsetxattr(c(path), c(name), v, v.length, flags);
        if (r < 0) {
            throw failure("setxattr " + name + " of", path);
        }
    }

    /** Sets an attribute through an open (not {@code O_PATH}) fd, with no path to resolve. */
    static void fsetxattr(int fd, String name, Bytes value, int flags, Object what) {
        byte[] v = value.toByteArray();
        if (C.fsetxattr(fd, c(name), v, v.length, flags) < 0) {
            throw failure("setxattr " + name + " of", what);
        }
    }

    /** Removes an attribute; answers false when it did not exist. */
    static boolean removexattr(String path, String name, boolean follow) {
        int r = follow ? C.removexattr(c(path), c(name)) : C.lremovexattr(c(path), c(name));
        if (r < 0) {
            if (errno() == Errno.ENODATA.code()) {
                return false;
            }
            throw failure("removexattr " + name + " of", path);
        }
        return true;
    }

    static List<String> listxattr(String path, boolean follow) {
        byte[] p = c(path);
        for (int attempt = 0; attempt < 3; attempt++) {
            long size = check(follow ? C.listxattr(p, null, 0) : C.llistxattr(p, null, 0), "listxattr", path);
            byte[] buf = new byte[(int) Math.max(size, 1)];
            long got = follow ? C.listxattr(p, buf, size) : C.llistxattr(p, buf, size);
            if (got < 0 && errno() == Errno.ERANGE.code()) {
                continue;
            }
            check(got, "listxattr", path);
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < got; i++) {
                if (buf[i] == 0) {
                    if (i > start) {
                        out.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
                    }
                    start = i + 1;
                }
            }
            return out;
        }
        throw FopException.of(Errno.EIO, "listxattr of " + path + " keeps changing size");
    }

    static String readlink(int dirfd, String path) {
        byte[] buf = new byte[4097];
        long n = C.readlinkat(dirfd, path.isEmpty() ? EMPTY : c(path), buf, buf.length);
        if (n < 0) {
            throw failure("readlink", path.isEmpty() ? "fd " + dirfd : path);
        }
        if (n >= buf.length) {
            throw FopException.of(Errno.ENAMETOOLONG, "symlink target of " + path + " is too long");
        }
        return new String(buf, 0, (int) n, StandardCharsets.UTF_8);
    }

    /**
     * Whether every page of {@code len} bytes at {@code offset} of {@code fd} is in memory now
     * (cachestat(2), Linux 6.5+); false when it cannot tell.
     */
    static boolean cached(int fd, long offset, long len) {
        if (noCachestat || len <= 0 || offset < 0) {
            return false;
        }
        ByteBuffer[] args = CACHESTAT_BUF.get();
        ByteBuffer range = args[0].putLong(0, offset).putLong(8, len);
        ByteBuffer stat = args[1];
        if (C.syscall(SYS_CACHESTAT, fd, range, stat, 0) < 0) {
            if (errno() == Errno.ENOSYS.code()) {
                noCachestat = true;
            }
            return false;
        }
        long pages = (offset + len - 1) / MIN_PAGE - offset / MIN_PAGE + 1;
        return stat.getLong(0) >= pages;
    }

    /** This thread's direct buffer for data, at least {@code size} bytes (sizes past 8 MiB are refused). */
    static ByteBuffer ioBuffer(int size) {
        if (size > MAX_IO_BUFFER) {
            throw new IllegalArgumentException("I/O of " + size + " bytes at once");
        }
        ByteBuffer[] holder = IO_BUF.get();
        ByteBuffer b = holder[0];
        if (b == null || b.capacity() < size) {
            int cap = Math.max(size, 128 << 10);
            cap = Integer.highestOneBit(cap - 1) << 1;
            // Page-aligned, as O_DIRECT needs (allocateDirect answers 16 bytes past a page).
            b = ByteBuffer.allocateDirect(Math.min(cap, MAX_IO_BUFFER) + IO_ALIGN).alignedSlice(IO_ALIGN);
            holder[0] = b;
        }
        b.clear();
        return b;
    }

    static final int MAX_IO = MAX_IO_BUFFER;
}
