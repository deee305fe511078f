package io.rxlator.runtime.fop;

import java.util.Locale;

/**
 * The one table of fops: every GlusterFS 10 fop (getspec, compound and the cbk placeholders
 * aside), with its {@code glusterfs_fop_t} number, the name GlusterFS prints and accepts in
 * options ({@code READ}, not readv), the request and reply records, and what kind of
 * operation it is.
 *
 * <p>Adding a fop means one request record, one reply record, one constant here and one
 * default method in the forwarding base.
 */
public enum FopType {
    STAT(1, "STAT", "stat", Stat.class, StatReply.class, K.LOC),
    READLINK(2, "READLINK", "readlink", Readlink.class, ReadlinkReply.class, K.LOC),
    MKNOD(3, "MKNOD", "mknod", Mknod.class, MknodReply.class, K.MUTATING | K.ENTRY | K.LOC),
    MKDIR(4, "MKDIR", "mkdir", Mkdir.class, MkdirReply.class, K.MUTATING | K.ENTRY | K.LOC),
    UNLINK(5, "UNLINK", "unlink", Unlink.class, UnlinkReply.class, K.MUTATING | K.ENTRY | K.LOC),
    RMDIR(6, "RMDIR", "rmdir", Rmdir.class, RmdirReply.class, K.MUTATING | K.ENTRY | K.LOC),
    SYMLINK(7, "SYMLINK", "symlink", Symlink.class, SymlinkReply.class, K.MUTATING | K.ENTRY | K.LOC),
    RENAME(8, "RENAME", "rename", Rename.class, RenameReply.class, K.MUTATING | K.ENTRY),
    LINK(9, "LINK", "link", Link.class, LinkReply.class, K.MUTATING | K.ENTRY),
    TRUNCATE(10, "TRUNCATE", "truncate", Truncate.class, TruncateReply.class, K.MUTATING | K.LOC),
    OPEN(11, "OPEN", "open", Open.class, OpenReply.class, K.LOC),
    READV(12, "READ", "readv", Readv.class, ReadvReply.class, K.FD),
    WRITEV(13, "WRITE", "writev", Writev.class, WritevReply.class, K.MUTATING | K.FD),
    STATFS(14, "STATFS", "statfs", Statfs.class, StatfsReply.class, K.LOC),
    FLUSH(15, "FLUSH", "flush", Flush.class, FlushReply.class, K.FD),
    FSYNC(16, "FSYNC", "fsync", Fsync.class, FsyncReply.class, K.FD),
    SETXATTR(17, "SETXATTR", "setxattr", Setxattr.class, SetxattrReply.class, K.MUTATING | K.LOC),
    GETXATTR(18, "GETXATTR", "getxattr", Getxattr.class, GetxattrReply.class, K.LOC),
    REMOVEXATTR(19, "REMOVEXATTR", "removexattr", Removexattr.class, RemovexattrReply.class, K.MUTATING | K.LOC),
    OPENDIR(20, "OPENDIR", "opendir", Opendir.class, OpendirReply.class, K.LOC),
    FSYNCDIR(21, "FSYNCDIR", "fsyncdir", Fsyncdir.class, FsyncdirReply.class, K.FD),
    ACCESS(22, "ACCESS", "access", Access.class, AccessReply.class, K.LOC),
    CREATE(23, "CREATE", "create", Create.class, CreateReply.class, K.MUTATING | K.ENTRY | K.LOC),
    FTRUNCATE(24, "FTRUNCATE", "ftruncate", Ftruncate.class, FtruncateReply.class, K.MUTATING | K.FD),
    FSTAT(25, "FSTAT", "fstat", Fstat.class, FstatReply.class, K.FD),
    LK(26, "LK", "lk", Lk.class, LkReply.class, K.FD),
    LOOKUP(27, "LOOKUP", "lookup", Lookup.class, LookupReply.class, K.LOC),
    READDIR(28, "READDIR", "readdir", Readdir.class, ReaddirReply.class, K.FD),
    INODELK(29, "INODELK", "inodelk", Inodelk.class, InodelkReply.class, K.LOC),
    FINODELK(30, "FINODELK", "finodelk", Finodelk.class, FinodelkReply.class, K.FD),
    ENTRYLK(31, "ENTRYLK", "entrylk", Entrylk.class, EntrylkReply.class, K.LOC),
    FENTRYLK(32, "FENTRYLK", "fentrylk", Fentrylk.class, FentrylkReply.class, K.FD),
    XATTROP(33, "XATTROP", "xattrop", Xattrop.class, XattropReply.class, K.MUTATING | K.LOC),
    FXATTROP(34, "FXATTROP", "fxattrop", Fxattrop.class, FxattropReply.class, K.MUTATING | K.FD),
    FGETXATTR(35, "FGETXATTR", "fgetxattr", Fgetxattr.class, FgetxattrReply.class, K.FD),
    FSETXATTR(36, "FSETXATTR", "fsetxattr", Fsetxattr.class, FsetxattrReply.class, K.MUTATING | K.FD),
    RCHECKSUM(37, "RCHECKSUM", "rchecksum", Rchecksum.class, RchecksumReply.class, K.FD),
    SETATTR(38, "SETATTR", "setattr", Setattr.class, SetattrReply.class, K.MUTATING | K.LOC),
    FSETATTR(39, "FSETATTR", "fsetattr", Fsetattr.class, FsetattrReply.class, K.MUTATING | K.FD),
    READDIRP(40, "READDIRP", "readdirp", Readdirp.class, ReaddirpReply.class, K.FD),
    FREMOVEXATTR(45, "FREMOVEXATTR", "fremovexattr", Fremovexattr.class, FremovexattrReply.class, K.MUTATING | K.FD),
    FALLOCATE(46, "FALLOCATE", "fallocate", Fallocate.class, FallocateReply.class, K.MUTATING | K.FD),
    DISCARD(47, "DISCARD", "discard", Discard.class, DiscardReply.class, K.MUTATING | K.FD),
    ZEROFILL(48, "ZEROFILL", "zerofill", Zerofill.class, ZerofillReply.class, K.MUTATING | K.FD),
    IPC(49, "IPC", "ipc", Ipc.class, IpcReply.class, 0),
    SEEK(50, "SEEK", "seek", Seek.class, SeekReply.class, K.FD),
    LEASE(51, "LEASE", "lease", Lease.class, LeaseReply.class, K.LOC),
    GETACTIVELK(53, "GETACTIVELK", "getactivelk", Getactivelk.class, GetactivelkReply.class, K.LOC),
    SETACTIVELK(54, "SETACTIVELK", "setactivelk", Setactivelk.class, SetactivelkReply.class, K.LOC),
    PUT(55, "PUT", "put", Put.class, PutReply.class, K.MUTATING | K.ENTRY | K.LOC),
    ICREATE(56, "ICREATE", "icreate", Icreate.class, IcreateReply.class, K.MUTATING | K.ENTRY | K.LOC),
    NAMELINK(57, "NAMELINK", "namelink", Namelink.class, NamelinkReply.class, K.MUTATING | K.ENTRY | K.LOC),
    COPY_FILE_RANGE(58, "COPY_FILE_RANGE", "copyFileRange", CopyFileRange.class, CopyFileRangeReply.class, K.MUTATING);

    private static final FopType[] VALUES = values();
    private static final FopType[] BY_NUMBER;

    static {
        BY_NUMBER = new FopType[60];
        for (FopType t : VALUES) {
            BY_NUMBER[t.number] = t;
        }
    }

    private final int number;
    private final String glusterName;
    private final String methodName;
    private final Class<? extends FopRequest<?>> requestType;
    private final Class<? extends FopReply> replyType;
    private final int kind;

    FopType(int number, String glusterName, String methodName, Class<? extends FopRequest<?>> requestType,
            Class<? extends FopReply> replyType, int kind) {
        this.number = number;
        this.glusterName = glusterName;
        this.methodName = methodName;
        this.requestType = requestType;
        this.replyType = replyType;
        this.kind = kind;
    }

    /** The {@code glusterfs_fop_t} value (GF_FOP_LOOKUP = 27). */
    public int number() {
        return number;
    }

    /** The name in GlusterFS's {@code gf_fop_list}: "LOOKUP", "READ", "WRITE", "COPY_FILE_RANGE". */
    public String glusterName() {
        return glusterName;
    }

    /** The forwarding base's method for this fop: "lookup", "readv", "copyFileRange". */
    public String methodName() {
        return methodName;
    }

    public Class<? extends FopRequest<?>> requestType() {
        return requestType;
    }

    public Class<? extends FopReply> replyType() {
        return replyType;
    }

    /** True for fops that change data, metadata or the namespace (what a read-only volume refuses). */
    public boolean isMutating() {
        return (kind & K.MUTATING) != 0;
    }

    /** True for fops that add, remove or rename names. */
    public boolean isEntryOp() {
        return (kind & K.ENTRY) != 0;
    }

    /** True for fops whose request is a {@link LocFop}. */
    public boolean isLocBased() {
        return (kind & K.LOC) != 0;
    }

    /** True for fops whose request is an {@link FdFop}. */
    public boolean isFdBased() {
        return (kind & K.FD) != 0;
    }

    /** The fop with this {@code glusterfs_fop_t} number, or null. */
    public static FopType ofNumber(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /**
     * The fop with this name, case-insensitive: GlusterFS's name ("READ", "fsetxattr"), the
     * constant's name ("READV") or the method name ("copyFileRange"). Null if none.
     */
    public static FopType ofName(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (FopType t : VALUES) {
            if (t.glusterName.equals(upper) || t.name().equals(upper) || t.methodName.equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        return null;
    }

    /** The number of fops. */
    public static int count() {
        return VALUES.length;
    }

    /** The kind bits of the table. */
    private static final class K {
        static final int MUTATING = 1;
        static final int ENTRY = 2;
        static final int LOC = 4;
        static final int FD = 8;
    }
}
