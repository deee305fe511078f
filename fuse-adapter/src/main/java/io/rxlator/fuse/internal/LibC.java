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

    LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");

    int umount2(@In byte[] target, int flags);

    int getpid();

    /** poll(2); errno is not kept (a failure makes the caller read, which reports it). */
    @IgnoreError
    int poll(Pointer fds, long nfds, int timeout);
}
