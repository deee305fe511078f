package io.rxlator.xlators.storage.posix;

import java.nio.ByteBuffer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Pinned;
import jnr.ffi.annotations.SaveError;

/**
 * The Linux calls storage/posix needs, bound with jnr-ffi. Only {@link Sys} uses it; it turns
 * failures into {@code FopException}s with the errno. Paths and names are NUL-terminated UTF-8
 * byte arrays, whatever the JVM's default charset.
 */
public interface LibC {

    @SaveError
    int openat(int dirfd, @In byte[] path, int flags, int mode);

    @SaveError
    long syscall(long number, int dirfd, @In byte[] path, @In ByteBuffer how, long size);

    @SaveError
    int close(int fd);

    @SaveError
    long pread(int fd, @Out ByteBuffer buf, long count, long offset);

    /** pread(2) straight into a Java array, which the JVM pins for the call. */
    @SaveError
    long pread(int fd, @Pinned @Out byte[] buf, long count, long offset);

    /** cachestat(2): {@code range} is {off, len}, {@code stat} receives five counters. */
    @SaveError
    long syscall(long number, int fd, @In ByteBuffer range, @Out ByteBuffer stat, int flags);

    @SaveError
    long pwrite(int fd, @In ByteBuffer buf, long count, long offset);

    @SaveError
    int statx(int dirfd, @In byte[] path, int flags, int mask, @Out ByteBuffer buf);

    @SaveError
    int fstatvfs(int fd, @Out ByteBuffer buf);

    @SaveError
    int chmod(@In byte[] path, int mode);

    @SaveError
    int fchmod(int fd, int mode);

    int fchmodat(int dirfd, @In byte[] path, int mode, int flags);

    @SaveError
    int fchownat(int dirfd, @In byte[] path, int uid, int gid, int flags);

    @SaveError
    int utimensat(int dirfd, @In byte[] path, @In long[] times, int flags);

    @SaveError
    int mkdirat(int dirfd, @In byte[] path, int mode);

    @SaveError
    int mknodat(int dirfd, @In byte[] path, int mode, long dev);

    @SaveError
    int symlinkat(@In byte[] target, int newdirfd, @In byte[] linkpath);

    @SaveError
    long readlinkat(int dirfd, @In byte[] path, @Out byte[] buf, long bufsiz);

    @SaveError
    int linkat(int olddirfd, @In byte[] oldpath, int newdirfd, @In byte[] newpath, int flags);

    @SaveError
    int unlinkat(int dirfd, @In byte[] path, int flags);

    @SaveError
    int renameat2(int olddirfd, @In byte[] oldpath, int newdirfd, @In byte[] newpath, int flags);

    @SaveError
    int lsetxattr(@In byte[] path, @In byte[] name, @In byte[] value, long size, int flags);

    @SaveError
    long lgetxattr(@In byte[] path, @In byte[] name, @Out byte[] value, long size);

    @SaveError
    long llistxattr(@In byte[] path, @Out byte[] list, long size);

    @SaveError
    int lremovexattr(@In byte[] path, @In byte[] name);

    @SaveError
    int fsetxattr(int fd, @In byte[] name, @In byte[] value, long size, int flags);

    @SaveError
    int setxattr(@In byte[] path, @In byte[] name, @In byte[] value, long size, int flags);

    @SaveError
    long getxattr(@In byte[] path, @In byte[] name, @Out byte[] value, long size);

    @SaveError
    long listxattr(@In byte[] path, @Out byte[] list, long size);

    @SaveError
    int removexattr(@In byte[] path, @In byte[] name);

    @SaveError
    int fallocate(int fd, int mode, long offset, long len);

    @SaveError
    long lseek(int fd, long offset, int whence);

    @SaveError
    long copy_file_range(int fdIn, @In @Out long[] offIn, int fdOut, @In @Out long[] offOut, long len, int flags);

    @SaveError
    int fsync(int fd);

    @SaveError
    int fdatasync(int fd);

    @SaveError
    int ftruncate(int fd, long length);

    @SaveError
    long getdents64(int fd, @Out ByteBuffer buf, long count);
}
