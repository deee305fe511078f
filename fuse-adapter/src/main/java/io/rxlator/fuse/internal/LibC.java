package io.rxlator.fuse.internal;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.In;

/** The C library calls mounting needs that the JDK does not offer. */
public interface LibC {

    int MNT_DETACH = 2;
    int EINVAL = 22;
    int EBUSY = 16;
    short POLLIN = 1;
    /** struct pollfd: int fd, short events, short revents. */
    int POLLFD_SIZE = 8;
    /** struct iovec: void *iov_base, size_t iov_len. */
    int IOVEC_SIZE = 16;

    LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");

    int umount2(@In byte[] target, int flags);

    int getpid();

    /** writev(2); errno is kept. */
    long writev(int fd, Pointer iov, int count);

    /** poll(2); errno is not kept (a failure makes the caller read, which reports it). */
    @IgnoreError
    int poll(Pointer fds, long nfds, int timeout);
}
