package io.rxlator.fuse.internal;

import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;

/** The C library calls mounting needs that the JDK does not offer. */
public interface LibC {

    int MNT_DETACH = 2;
    int EINVAL = 22;
    int EBUSY = 16;

    LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");

    int umount2(@In byte[] target, int flags);

    int getpid();
}
