package io.rxlator.runtime.inode;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open file or directory (GlusterFS's {@code fd_t}): the inode, the open flags, the
 * process that opened it, and one typed context slot per translator.
 *
 * <p>The owner of the open (the FUSE adapter, a protocol server) releases it exactly once
 * with {@link #release()}; the runtime then calls {@code release} or {@code releasedir} on
 * the translators and frees their context. Translators never count references.
 */
public final class Fd extends ContextHolder {

    /** GlusterFS's pid for an fd that was never opened on the backend. */
    public static final int ANONYMOUS_PID = -2;

    private final Inode inode;
    private final int flags;
    private final int pid;
    private final boolean directory;
    private final boolean anonymous;
    private final AtomicBoolean released = new AtomicBoolean();

    Fd(Inode inode, int flags, int pid, boolean directory, boolean anonymous) {
        this.inode = inode;
        this.flags = flags;
        this.pid = pid;
        this.directory = directory;
        this.anonymous = anonymous;
    }

    public Inode inode() {
        return inode;
    }

    /** The open flags ({@code O_RDONLY}, {@code O_APPEND}, …). */
    public int flags() {
        return flags;
    }

    public int pid() {
        return pid;
    }

    /** True for an fd made by opendir. */
    public boolean isDirectory() {
        return directory;
    }

    /** True for an anonymous fd: one the runtime made for an fd-based fop without an open. */
    public boolean isAnonymous() {
        return anonymous;
    }

    public boolean isReleased() {
        return released.get();
    }

    /**
     * Closes the fd for good: translators get their {@code release} (or {@code releasedir})
     * callback and their context is dropped. Later calls do nothing.
     */
    public void release() {
        if (released.compareAndSet(false, true)) {
            inode.table().released(this);
        }
    }

    @Override
    public String toString() {
        return "Fd[" + inode.gfid() + (directory ? " dir" : "") + (anonymous ? " anon" : "")
                + " flags=0" + Integer.toOctalString(flags) + " pid=" + pid + (isReleased() ? " released" : "") + "]";
    }
}
