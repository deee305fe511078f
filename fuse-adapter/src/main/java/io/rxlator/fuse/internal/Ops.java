package io.rxlator.fuse.internal;

import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.annotations.Delegate;

/**
 * libfuse's {@code struct fuse_lowlevel_ops}: one function pointer per operation, in the
 * order of {@code fuse_lowlevel.h} (2.9). A slot left empty makes libfuse answer ENOSYS
 * for that operation (bmap, ioctl, poll here).
 */
public final class Ops {

    /** The slots, in declaration order. */
    enum Slot {
        INIT, DESTROY, LOOKUP, FORGET, GETATTR, SETATTR, READLINK, MKNOD, MKDIR, UNLINK, RMDIR, SYMLINK, RENAME,
        LINK, OPEN, READ, WRITE, FLUSH, RELEASE, FSYNC, OPENDIR, READDIR, RELEASEDIR, FSYNCDIR, STATFS, SETXATTR,
        GETXATTR, LISTXATTR, REMOVEXATTR, ACCESS, CREATE, GETLK, SETLK, BMAP, IOCTL, POLL, WRITE_BUF, RETRIEVE_REPLY,
        FORGET_MULTI, FLOCK, FALLOCATE
    }

    // ---- the signatures (every callback returns void) ----

    public interface Init {
        @Delegate
        void call(Pointer userdata, Pointer conn);
    }

    public interface Destroy {
        @Delegate
        void call(Pointer userdata);
    }

    /** lookup, unlink, rmdir, removexattr: (req, ino, name). */
    public interface InoName {
        @Delegate
        void call(Pointer req, long ino, Pointer name);
    }

    public interface Forget {
        @Delegate
        void call(Pointer req, long ino, long nlookup);
    }

    /** getattr, open, flush, release, opendir, releasedir: (req, ino, fi). */
    public interface InoFi {
        @Delegate
        void call(Pointer req, long ino, Pointer fi);
    }

    public interface Setattr {
        @Delegate
        void call(Pointer req, long ino, Pointer attr, int toSet, Pointer fi);
    }

    /** readlink, statfs: (req, ino). */
    public interface Ino {
        @Delegate
        void call(Pointer req, long ino);
    }

    public interface Mknod {
        @Delegate
        void call(Pointer req, long parent, Pointer name, int mode, long rdev);
    }

    public interface Mkdir {
        @Delegate
        void call(Pointer req, long parent, Pointer name, int mode);
    }

    public interface Symlink {
        @Delegate
        void call(Pointer req, Pointer link, long parent, Pointer name);
    }

    public interface Rename {
        @Delegate
        void call(Pointer req, long parent, Pointer name, long newParent, Pointer newName);
    }

    public interface Link {
        @Delegate
        void call(Pointer req, long ino, long newParent, Pointer newName);
    }

    /** read, readdir: (req, ino, size, off, fi). */
    public interface InoSizeOffFi {
        @Delegate
        void call(Pointer req, long ino, long size, long off, Pointer fi);
    }

    public interface Write {
        @Delegate
        void call(Pointer req, long ino, Pointer buf, long size, long off, Pointer fi);
    }

    /** fsync, fsyncdir: (req, ino, datasync, fi). */
    public interface Fsync {
        @Delegate
        void call(Pointer req, long ino, int datasync, Pointer fi);
    }

    public interface Setxattr {
        @Delegate
        void call(Pointer req, long ino, Pointer name, Pointer value, long size, int flags);
    }

    public interface Getxattr {
        @Delegate
        void call(Pointer req, long ino, Pointer name, long size);
    }

    public interface Listxattr {
        @Delegate
        void call(Pointer req, long ino, long size);
    }

    public interface Access {
        @Delegate
        void call(Pointer req, long ino, int mask);
    }

    public interface Create {
        @Delegate
        void call(Pointer req, long parent, Pointer name, int mode, Pointer fi);
    }

    public interface Getlk {
        @Delegate
        void call(Pointer req, long ino, Pointer fi, Pointer lock);
    }

    public interface Setlk {
        @Delegate
        void call(Pointer req, long ino, Pointer fi, Pointer lock, int sleep);
    }

    public interface ForgetMulti {
        @Delegate
        void call(Pointer req, long count, Pointer forgets);
    }

    public interface Flock {
        @Delegate
        void call(Pointer req, long ino, Pointer fi, int op);
    }

    public interface Fallocate {
        @Delegate
        void call(Pointer req, long ino, int mode, long offset, long length, Pointer fi);
    }

    private final Pointer table = Memory.allocateDirect(Layout.RUNTIME, Slot.values().length * 8L, true);
    /** The closures must live as long as libfuse may call them. */
    private final List<Object> keep = new ArrayList<>();

    /** The table to give {@code fuse_lowlevel_new}. */
    public Pointer pointer() {
        return table;
    }

    public long size() {
        return Slot.values().length * 8L;
    }

    /** Fills {@code slot} with a native closure calling {@code callback}, of type {@code type}. */
    <T> Ops set(Slot slot, Class<T> type, T callback) {
        Pointer closure = Layout.RUNTIME.getClosureManager().getClosurePointer(type, callback);
        keep.add(callback);
        keep.add(closure);
        table.putAddress(slot.ordinal() * 8L, closure.address());
        return this;
    }
}
