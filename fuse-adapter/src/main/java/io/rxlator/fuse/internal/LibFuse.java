package io.rxlator.fuse.internal;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Delegate;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Pinned;

/**
 * The parts of libfuse 2.9's low-level API the bridge uses ({@code fuse_lowlevel.h}). Sizes
 * and offsets ({@code size_t}, {@code off_t}, {@code fuse_ino_t}) are 64-bit on the platforms
 * this runs on and are passed as {@code long}; strings go as NUL-terminated UTF-8 bytes.
 */
public interface LibFuse {

    // ---- mounting and the session ----

    Pointer fuse_mount(@In byte[] mountpoint, Pointer args);

    void fuse_unmount(@In byte[] mountpoint, Pointer ch);

    Pointer fuse_lowlevel_new(Pointer args, Pointer ops, long opSize, Pointer userdata);

    void fuse_session_add_chan(Pointer se, Pointer ch);

    void fuse_session_remove_chan(Pointer ch);

    void fuse_session_destroy(Pointer se);

    void fuse_session_exit(Pointer se);

    int fuse_session_exited(Pointer se);

    int fuse_session_receive_buf(Pointer se, Pointer buf, Pointer chp);

    void fuse_session_process_buf(Pointer se, Pointer buf, Pointer ch);

    void fuse_opt_free_args(Pointer args);

    long fuse_chan_bufsize(Pointer ch);

    int fuse_chan_fd(Pointer ch);

    void fuse_chan_destroy(Pointer ch);

    /**
     * A channel on {@code fd} whose replies go through {@code ops} ({@code struct fuse_chan_ops}:
     * receive, send, destroy); libfuse copies the table.
     */
    Pointer fuse_chan_new(Pointer ops, int fd, long bufsize, Pointer data);

    // ---- replies ----

    int fuse_reply_err(Pointer req, int err);

    void fuse_reply_none(Pointer req);

    int fuse_reply_entry(Pointer req, Pointer entry);

    int fuse_reply_create(Pointer req, Pointer entry, Pointer fi);

    int fuse_reply_attr(Pointer req, Pointer stat, double attrTimeout);

    int fuse_reply_readlink(Pointer req, @In byte[] link);

    int fuse_reply_open(Pointer req, Pointer fi);

    int fuse_reply_write(Pointer req, long count);

    int fuse_reply_buf(Pointer req, Pointer buf, long size);

    /** fuse_reply_buf from a Java array, which the kernel reads in place (it is pinned for the call). */
    int fuse_reply_buf(Pointer req, @Pinned @In byte[] buf, long size);

    int fuse_reply_iov(Pointer req, Pointer iov, int count);

    int fuse_reply_statfs(Pointer req, Pointer statvfs);

    int fuse_reply_xattr(Pointer req, long count);

    int fuse_reply_lock(Pointer req, Pointer flock);

    long fuse_add_direntry(Pointer req, Pointer buf, long bufsize, @In byte[] name, Pointer stat, long off);

    // ---- requests ----

    Pointer fuse_req_ctx(Pointer req);

    int fuse_req_getgroups(Pointer req, int size, @Out int[] list);

    void fuse_req_interrupt_func(Pointer req, InterruptCallback func, Pointer data);

    int fuse_req_interrupted(Pointer req);

    // ---- notifications to the kernel ----

    int fuse_lowlevel_notify_inval_inode(Pointer ch, long ino, long off, long len);

    int fuse_lowlevel_notify_inval_entry(Pointer ch, long parent, @In byte[] name, long namelen);

    /** A channel's send: writes the {@code count} pieces of a reply; 0 or a negative errno. */
    interface SendCallback {
        @Delegate
        int send(Pointer ch, Pointer iov, long count);
    }

    /** Called by libfuse when the kernel interrupts a request (a signal reached the caller). */
    interface InterruptCallback {
        @Delegate
        void interrupted(Pointer req, Pointer data);
    }
}
