package io.rxlator.runtime.xlator;

import io.rxlator.runtime.fop.*;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * A translator's handle on another translator of its graph, usually a child: the thing a
 * fop is wound to. {@code child.writev(req)} is GlusterFS's {@code STACK_WIND} to that
 * child; what the returned {@code Mono} emits is its {@code STACK_UNWIND}.
 *
 * <p>A call returns a cold {@code Mono}: the translator runs when the {@code Mono} is
 * subscribed, and again on every re-subscription, so {@code Mono.delay(d).then(child.stat(req))}
 * winds after the delay and a retry winds again.
 *
 * <p>A call goes to the first translator on the child's first-child chain that handles the
 * fop: translators that do not override it, or that run in pass-through mode, are skipped
 * without costing anything. A chain that ends without a handler answers ENOSYS.
 *
 * <p>Handles are made by the runtime and stay valid for the life of the graph.
 */
public interface Subvolume {

    /** The volume name of the translator this handle points at. */
    String name();

    /** Its type, e.g. {@code storage/posix}. */
    String type();

    /** Handles on its own children, in volfile order (for translators that look further down). */
    List<Subvolume> children();

    /** Winds {@code request} to the translator (or past it, when it does not handle the fop). */
    <R extends FopReply> Mono<R> call(FopRequest<R> request);

    default Mono<StatReply> stat(Stat request) {
        return call(request);
    }

    default Mono<ReadlinkReply> readlink(Readlink request) {
        return call(request);
    }

    default Mono<MknodReply> mknod(Mknod request) {
        return call(request);
    }

    default Mono<MkdirReply> mkdir(Mkdir request) {
        return call(request);
    }

    default Mono<UnlinkReply> unlink(Unlink request) {
        return call(request);
    }

    default Mono<RmdirReply> rmdir(Rmdir request) {
        return call(request);
    }

    default Mono<SymlinkReply> symlink(Symlink request) {
        return call(request);
    }

    default Mono<RenameReply> rename(Rename request) {
        return call(request);
    }

    default Mono<LinkReply> link(Link request) {
        return call(request);
    }

    default Mono<TruncateReply> truncate(Truncate request) {
        return call(request);
    }

    default Mono<OpenReply> open(Open request) {
        return call(request);
    }

    default Mono<ReadvReply> readv(Readv request) {
        return call(request);
    }

    default Mono<WritevReply> writev(Writev request) {
        return call(request);
    }

    default Mono<StatfsReply> statfs(Statfs request) {
        return call(request);
    }

    default Mono<FlushReply> flush(Flush request) {
        return call(request);
    }

    default Mono<FsyncReply> fsync(Fsync request) {
        return call(request);
    }

    default Mono<SetxattrReply> setxattr(Setxattr request) {
        return call(request);
    }

    default Mono<GetxattrReply> getxattr(Getxattr request) {
        return call(request);
    }

    default Mono<RemovexattrReply> removexattr(Removexattr request) {
        return call(request);
    }

    default Mono<OpendirReply> opendir(Opendir request) {
        return call(request);
    }

    default Mono<FsyncdirReply> fsyncdir(Fsyncdir request) {
        return call(request);
    }

    default Mono<AccessReply> access(Access request) {
        return call(request);
    }

    default Mono<CreateReply> create(Create request) {
        return call(request);
    }

    default Mono<FtruncateReply> ftruncate(Ftruncate request) {
        return call(request);
    }

    default Mono<FstatReply> fstat(Fstat request) {
        return call(request);
    }

    default Mono<LkReply> lk(Lk request) {
        return call(request);
    }

    default Mono<LookupReply> lookup(Lookup request) {
        return call(request);
    }

    default Mono<ReaddirReply> readdir(Readdir request) {
        return call(request);
    }

    default Mono<InodelkReply> inodelk(Inodelk request) {
        return call(request);
    }

    default Mono<FinodelkReply> finodelk(Finodelk request) {
        return call(request);
    }

    default Mono<EntrylkReply> entrylk(Entrylk request) {
        return call(request);
    }

    default Mono<FentrylkReply> fentrylk(Fentrylk request) {
        return call(request);
    }

    default Mono<XattropReply> xattrop(Xattrop request) {
        return call(request);
    }

    default Mono<FxattropReply> fxattrop(Fxattrop request) {
        return call(request);
    }

    default Mono<FgetxattrReply> fgetxattr(Fgetxattr request) {
        return call(request);
    }

    default Mono<FsetxattrReply> fsetxattr(Fsetxattr request) {
        return call(request);
    }

    default Mono<RchecksumReply> rchecksum(Rchecksum request) {
        return call(request);
    }

    default Mono<SetattrReply> setattr(Setattr request) {
        return call(request);
    }

    default Mono<FsetattrReply> fsetattr(Fsetattr request) {
        return call(request);
    }

    default Mono<ReaddirpReply> readdirp(Readdirp request) {
        return call(request);
    }

    default Mono<FremovexattrReply> fremovexattr(Fremovexattr request) {
        return call(request);
    }

    default Mono<FallocateReply> fallocate(Fallocate request) {
        return call(request);
    }

    default Mono<DiscardReply> discard(Discard request) {
        return call(request);
    }

    default Mono<ZerofillReply> zerofill(Zerofill request) {
        return call(request);
    }

    default Mono<IpcReply> ipc(Ipc request) {
        return call(request);
    }

    default Mono<SeekReply> seek(Seek request) {
        return call(request);
    }

    default Mono<LeaseReply> lease(Lease request) {
        return call(request);
    }

    default Mono<GetactivelkReply> getactivelk(Getactivelk request) {
        return call(request);
    }

    default Mono<SetactivelkReply> setactivelk(Setactivelk request) {
        return call(request);
    }

    default Mono<PutReply> put(Put request) {
        return call(request);
    }

    default Mono<IcreateReply> icreate(Icreate request) {
        return call(request);
    }

    default Mono<NamelinkReply> namelink(Namelink request) {
        return call(request);
    }

    default Mono<CopyFileRangeReply> copyFileRange(CopyFileRange request) {
        return call(request);
    }
}
