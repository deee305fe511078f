package io.rxlator.fuse.support;

import io.rxlator.runtime.fop.Errno;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;

/**
 * System calls with their exact errno, for asserting what a mount answers (java.nio folds
 * several errnos into one exception type).
 */
public final class Posix {

    public interface C {
        int open(@In byte[] path, int flags, int mode);

        int close(int fd);

        int mkdir(@In byte[] path, int mode);

        int rmdir(@In byte[] path);

        int unlink(@In byte[] path);

        int rename(@In byte[] from, @In byte[] to);

        int link(@In byte[] from, @In byte[] to);

        int symlink(@In byte[] target, @In byte[] path);

        int truncate(@In byte[] path, long length);

        int chmod(@In byte[] path, int mode);

        int mknod(@In byte[] path, int mode, long dev);

        int access(@In byte[] path, int mode);

        int setxattr(@In byte[] path, @In byte[] name, @In byte[] value, long size, int flags);

        long getxattr(@In byte[] path, @In byte[] name, @jnr.ffi.annotations.Out byte[] value, long size);

        long listxattr(@In byte[] path, @jnr.ffi.annotations.Out byte[] list, long size);

        int removexattr(@In byte[] path, @In byte[] name);
    }

    public static final int XATTR_CREATE = 1;
    public static final int XATTR_REPLACE = 2;

    public static final C C = LibraryLoader.create(C.class).load("c");
    private static final Runtime RT = Runtime.getRuntime(C);

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_TRUNC = 01000;
    public static final int O_DIRECTORY = 0200000;

    private Posix() {
    }

    public static byte[] c(Path p) {
        return c(p.toString());
    }

    public static byte[] c(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }

    /** The errno of a call that returned {@code result}: null when it succeeded. */
    public static Errno errno(long result) {
        return result >= 0 ? null : Errno.orEio(RT.getLastError());
    }

    /** open(2) then close: null on success, the errno otherwise. */
    public static Errno open(Path p, int flags, int mode) {
        int fd = C.open(c(p), flags, mode);
        if (fd < 0) {
            return Errno.orEio(RT.getLastError());
        }
        C.close(fd);
        return null;
    }
}
