package io.rxlator.runtime.fop;

/**
 * A file operation on its way down a graph: one record per GlusterFS fop, each naming the
 * type of its reply, so {@code child.lookup(req)} is a {@code Mono<LookupReply>}.
 *
 * <p>Every request carries who is calling ({@link #caller()}) and its xdata. Records are
 * immutable; a translator that changes a request winds a new one ({@link #withXdata} or the
 * record's constructor).
 *
 * @param <R> the reply type
 */
public sealed interface FopRequest<R extends FopReply> permits
        Stat,
        Readlink,
        Mknod,
        Mkdir,
        Unlink,
        Rmdir,
        Symlink,
        Rename,
        Link,
        Truncate,
        Open,
        Readv,
        Writev,
        Statfs,
        Flush,
        Fsync,
        Setxattr,
        Getxattr,
        Removexattr,
        Opendir,
        Fsyncdir,
        Access,
        Create,
        Ftruncate,
        Fstat,
        Lk,
        Lookup,
        Readdir,
        Inodelk,
        Finodelk,
        Entrylk,
        Fentrylk,
        Xattrop,
        Fxattrop,
        Fgetxattr,
        Fsetxattr,
        Rchecksum,
        Setattr,
        Fsetattr,
        Readdirp,
        Fremovexattr,
        Fallocate,
        Discard,
        Zerofill,
        Ipc,
        Seek,
        Lease,
        Getactivelk,
        Setactivelk,
        Put,
        Icreate,
        Namelink,
        CopyFileRange {

    /** Which fop this is. */
    FopType type();

    /** The caller's identity. */
    CallContext caller();

    /** The request's xdata. */
    Xdata xdata();

    /** The same request with other xdata. */
    FopRequest<R> withXdata(Xdata xdata);
}
