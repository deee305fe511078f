package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;

/** A request that acts on one open {@link Fd} (readv, writev, fstat, readdir, …). */
public interface FdFop {

    Fd fd();
}
