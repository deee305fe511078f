package io.rxlator.fuse.internal;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.Flock;
import ru.serce.jnrfuse.struct.FuseBuf;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;

/**
 * Where the fields of the C structures the bridge reads and writes are. The system
 * structures ({@code stat}, {@code statvfs}, {@code flock}) and libfuse's
 * {@code fuse_file_info} and {@code fuse_buf} come from jnr-fuse's definitions for this
 * platform; libfuse's low-level structures that jnr-fuse does not define are laid out here.
 * Fields are then read and written straight through a {@link Pointer}, with no structure
 * object per call.
 */
public final class Layout {

    private Layout() {
    }

    public static final Runtime RUNTIME = Runtime.getSystemRuntime();

    static {
        if (RUNTIME.addressSize() != 8 || !System.getProperty("os.name", "").equals("Linux")) {
            throw new UnsupportedOperationException("the FUSE bridge needs 64-bit Linux, not "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
    }

    private static final Pointer SCRATCH = Memory.allocateDirect(RUNTIME, 512);

    // ---- struct stat ----
    public static final int STAT_SIZE;
    public static final int ST_INO;
    public static final int ST_MODE;
    public static final int ST_NLINK;
    public static final int ST_UID;
    public static final int ST_GID;
    public static final int ST_RDEV;
    public static final int ST_SIZE;
    public static final int ST_BLKSIZE;
    public static final int ST_BLOCKS;
    public static final int ST_ATIME;
    public static final int ST_MTIME;
    public static final int ST_CTIME;
    public static final int ST_NLINK_BYTES;
    public static final int ST_BLKSIZE_BYTES;

    // ---- struct statvfs ----
    public static final int STATVFS_SIZE;
    public static final int F_BSIZE;
    public static final int F_FRSIZE;
    public static final int F_BLOCKS;
    public static final int F_BFREE;
    public static final int F_BAVAIL;
    public static final int F_FILES;
    public static final int F_FFREE;
    public static final int F_FAVAIL;
    public static final int F_FSID;
    public static final int F_FLAG;
    public static final int F_NAMEMAX;

    // ---- struct flock ----
    public static final int FLOCK_SIZE;
    public static final int L_TYPE;
    public static final int L_WHENCE;
    public static final int L_START;
    public static final int L_LEN;
    public static final int L_PID;

    // ---- struct fuse_file_info ----
    public static final int FI_SIZE;
    public static final int FI_FLAGS;
    /** The int holding the bit fields (direct_io, keep_cache, flush, nonseekable, flock_release). */
    public static final int FI_BITS;
    public static final int FI_FH;
    public static final int FI_LOCK_OWNER;
    public static final int FI_DIRECT_IO = 1;
    public static final int FI_KEEP_CACHE = 1 << 1;
    public static final int FI_FLUSH = 1 << 2;
    public static final int FI_NONSEEKABLE = 1 << 3;
    public static final int FI_FLOCK_RELEASE = 1 << 4;

    // ---- the kernel's request, as read from /dev/fuse (fuse_kernel.h) ----
    /** struct fuse_in_header: len, opcode, unique, nodeid, uid, gid, pid, padding. */
    public static final int IN_HEADER_SIZE = 40;
    public static final int IN_OPCODE = 4;
    public static final int OP_SETATTR = 4;
    public static final int OP_OPEN = 14;
    public static final int OP_READ = 15;
    public static final int OP_WRITE = 16;
    public static final int OP_INIT = 26;
    public static final int OP_CREATE = 35;
    /** struct fuse_read_in after the header: fh, offset, then size. */
    public static final int READ_IN_SIZE_AT = IN_HEADER_SIZE + 16;
    /** struct fuse_init_in after the header: major, minor, max_readahead, flags. */
    public static final int INIT_IN_FLAGS_AT = IN_HEADER_SIZE + 12;
    /** struct fuse_setattr_in after the header: valid first. */
    public static final int SETATTR_IN_VALID_AT = IN_HEADER_SIZE;
    /** struct fuse_write_in after the header: fh, offset, size, write_flags. */
    public static final int WRITE_IN_FLAGS_AT = IN_HEADER_SIZE + 20;
    /** struct fuse_open_in after the header: flags, open_flags. */
    public static final int OPEN_IN_OPEN_FLAGS_AT = IN_HEADER_SIZE + 4;
    /** struct fuse_create_in after the header: flags, mode, umask, open_flags. */
    public static final int CREATE_IN_OPEN_FLAGS_AT = IN_HEADER_SIZE + 12;
    /**
     * INIT flag (protocol 7.33): the file system clears set-user-ID and set-group-ID on write,
     * truncate and chown, and the kernel stops asking for security.capability before each write.
     */
    public static final int INIT_HANDLE_KILLPRIV_V2 = 1 << 28;
    /** fuse_setattr_in.valid: the caller lacks CAP_FSETID; clear the set-ID bits with the size change. */
    public static final int FATTR_KILL_SUIDGID = 1 << 11;
    /** fuse_write_in.write_flags: the caller lacks CAP_FSETID; clear the set-ID bits. */
    public static final int WRITE_KILL_SUIDGID = 1 << 2;
    /** fuse_open_in and fuse_create_in open_flags: the caller lacks CAP_FSETID and truncates; clear the set-ID bits. */
    public static final int OPEN_KILL_SUIDGID = 1;

    // ---- the reply, as written to /dev/fuse ----
    /** struct fuse_out_header: len, error, unique. */
    public static final int OUT_ERROR = 4;
    /** struct fuse_init_out: major, minor, max_readahead, flags, ... */
    public static final int INIT_OUT_FLAGS_AT = 12;
    /** struct fuse_chan_ops (libfuse 2.6 and later): receive, send, destroy. */
    public static final int CHAN_OPS_SIZE = 24;
    public static final int CHAN_OPS_SEND = 8;

    // ---- struct fuse_buf ----
    /** fuse_buf.flags: the data is in a pipe ({@code fd}), not in {@code mem}. */
    public static final int BUF_IS_FD = 1 << 1;
    public static final int BUF_SIZE_STRUCT;
    public static final int BUF_SIZE;
    public static final int BUF_FLAGS;
    public static final int BUF_MEM;
    public static final int BUF_FD;
    public static final int BUF_POS;

    static {
        FileStat st = FileStat.of(SCRATCH);
        STAT_SIZE = Struct.size(st);
        ST_INO = (int) st.st_ino.offset();
        ST_MODE = (int) st.st_mode.offset();
        ST_NLINK = (int) st.st_nlink.offset();
        ST_UID = (int) st.st_uid.offset();
        ST_GID = (int) st.st_gid.offset();
        ST_RDEV = (int) st.st_rdev.offset();
        ST_SIZE = (int) st.st_size.offset();
        ST_BLKSIZE = (int) st.st_blksize.offset();
        ST_BLOCKS = (int) st.st_blocks.offset();
        ST_ATIME = (int) st.st_atim.tv_sec.offset();
        ST_MTIME = (int) st.st_mtim.tv_sec.offset();
        ST_CTIME = (int) st.st_ctim.tv_sec.offset();
        // nlink_t is 8 bytes on x86_64 and 4 on aarch64; blksize_t 8 and 4 likewise.
        ST_NLINK_BYTES = ST_MODE - ST_NLINK == 8 ? 8 : 4;
        ST_BLKSIZE_BYTES = ST_BLOCKS - ST_BLKSIZE >= 8 ? 8 : 4;

        Statvfs v = Statvfs.of(SCRATCH);
        STATVFS_SIZE = Struct.size(v);
        F_BSIZE = (int) v.f_bsize.offset();
        F_FRSIZE = (int) v.f_frsize.offset();
        F_BLOCKS = (int) v.f_blocks.offset();
        F_BFREE = (int) v.f_bfree.offset();
        F_BAVAIL = (int) v.f_bavail.offset();
        F_FILES = (int) v.f_files.offset();
        F_FFREE = (int) v.f_ffree.offset();
        F_FAVAIL = (int) v.f_favail.offset();
        F_FSID = (int) v.f_fsid.offset();
        F_FLAG = (int) v.f_flag.offset();
        F_NAMEMAX = (int) v.f_namemax.offset();

        Flock f = Flock.of(SCRATCH);
        FLOCK_SIZE = Struct.size(f);
        L_TYPE = (int) f.l_type.offset();
        L_WHENCE = (int) f.l_whence.offset();
        L_START = (int) f.l_start.offset();
        L_LEN = (int) f.l_len.offset();
        L_PID = (int) f.l_pid.offset();

        FuseFileInfo fi = FuseFileInfo.of(SCRATCH);
        FI_SIZE = Struct.size(fi);
        FI_FLAGS = (int) fi.flags.offset();
        // int flags; unsigned long fh_old; int writepage; then the bit fields.
        FI_BITS = (int) fi.fh_old.offset() + 8 + 4;
        FI_FH = (int) fi.fh.offset();
        FI_LOCK_OWNER = (int) fi.lock_owner.offset();

        FuseBuf b = FuseBuf.of(SCRATCH);
        BUF_SIZE_STRUCT = Struct.size(b);
        BUF_SIZE = (int) b.size.offset();
        BUF_FLAGS = (int) b.flags.offset();
        BUF_MEM = (int) b.mem.offset();
        BUF_FD = (int) b.fd.offset();
        BUF_POS = (int) b.pos.offset();
    }

    // ---- struct fuse_entry_param: ino, generation, attr, attr_timeout, entry_timeout ----
    public static final int E_INO = 0;
    public static final int E_GENERATION = 8;
    public static final int E_ATTR = 16;
    public static final int E_ATTR_TIMEOUT = E_ATTR + STAT_SIZE;
    public static final int E_ENTRY_TIMEOUT = E_ATTR_TIMEOUT + 8;
    public static final int ENTRY_SIZE = E_ENTRY_TIMEOUT + 8;

    // ---- struct fuse_ctx: uid, gid, pid, umask ----
    public static final int CTX_UID = 0;
    public static final int CTX_GID = 4;
    public static final int CTX_PID = 8;
    public static final int CTX_UMASK = 12;

    // ---- struct fuse_forget_data: ino, nlookup ----
    public static final int FORGET_SIZE = 16;

    // ---- struct fuse_args: argc, argv, allocated ----
    public static final int ARGS_ARGC = 0;
    public static final int ARGS_ARGV = 8;
    public static final int ARGS_ALLOCATED = 16;
    public static final int ARGS_SIZE = 24;

    // ---- struct fuse_conn_info: nine unsigned ints, then reserved ----
    public static final int CONN_PROTO_MAJOR = 0;
    public static final int CONN_PROTO_MINOR = 4;
    public static final int CONN_ASYNC_READ = 8;
    public static final int CONN_MAX_WRITE = 12;
    public static final int CONN_MAX_READAHEAD = 16;
    public static final int CONN_CAPABLE = 20;
    public static final int CONN_WANT = 24;
    public static final int CONN_MAX_BACKGROUND = 28;
    public static final int CONN_CONGESTION_THRESHOLD = 32;

    public static final int CAP_ASYNC_READ = 1;
    public static final int CAP_POSIX_LOCKS = 1 << 1;
    public static final int CAP_ATOMIC_O_TRUNC = 1 << 3;
    public static final int CAP_EXPORT_SUPPORT = 1 << 4;
    public static final int CAP_BIG_WRITES = 1 << 5;
    public static final int CAP_DONT_MASK = 1 << 6;
    public static final int CAP_FLOCK_LOCKS = 1 << 10;

    // ---- struct iovec ----
    public static final int IOV_BASE = 0;
    public static final int IOV_LEN = 8;
    public static final int IOV_SIZE = 16;

    // ---- struct fuse_dirent (the kernel's): ino, off, namelen, type, name, aligned to 8 ----
    public static final int DIRENT_HEADER = 24;

    public static int direntSize(int nameLength) {
        return (DIRENT_HEADER + nameLength + 7) & ~7;
    }

    // ---- setattr's to_set bits ----
    public static final int SET_ATTR_MODE = 1;
    public static final int SET_ATTR_UID = 1 << 1;
    public static final int SET_ATTR_GID = 1 << 2;
    public static final int SET_ATTR_SIZE = 1 << 3;
    public static final int SET_ATTR_ATIME = 1 << 4;
    public static final int SET_ATTR_MTIME = 1 << 5;
    public static final int SET_ATTR_ATIME_NOW = 1 << 7;
    public static final int SET_ATTR_MTIME_NOW = 1 << 8;
}
