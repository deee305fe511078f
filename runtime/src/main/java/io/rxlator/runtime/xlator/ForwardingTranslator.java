package io.rxlator.runtime.xlator;

import io.rxlator.runtime.fop.*;
import reactor.core.publisher.Mono;

/**
 * The base of most translators: one method per fop whose default winds the request,
 * unchanged, to the first child (GlusterFS's {@code defaults.c}). Override the fops the
 * translator cares about and nothing else:
 *
 * <pre>{@code
 * final class Rot13 extends ForwardingTranslator {
 *     Rot13(TranslatorContext context) { super(context); }
 *
 *     @Override
 *     protected Mono<ReadvReply> readv(Readv req) {
 *         return child().readv(req).map(r -> new ReadvReply(r.vector().transform(Rot13::rot), r.stbuf(), r.xdata()));
 *     }
 * }
 * }</pre>
 *
 * <p>When the graph is built the runtime records which of these methods a class overrides
 * and sends every other fop straight past it, so a translator pays only for what it
 * handles. A translator with no children (storage) that leaves a fop alone answers it with
 * ENOSYS.
 */
public abstract class ForwardingTranslator implements Translator {

    private final Subvolume child;

    /** Winds to the first child of {@code context} (for a translator without children: ENOSYS). */
    protected ForwardingTranslator(TranslatorContext context) {
        this.child = context.firstChild();
    }

    /** Where the defaults wind to. */
    protected final Subvolume child() {
        return child;
    }

    /** Dispatches to the method of the request's fop: the runtime's one switch over fop types. */
    @Override
    public final Mono<? extends FopReply> handle(FopRequest<?> request) {
        return switch (request.type()) {
            case STAT -> stat((Stat) request);
            case READLINK -> readlink((Readlink) request);
            case MKNOD -> mknod((Mknod) request);
            case MKDIR -> mkdir((Mkdir) request);
            case UNLINK -> unlink((Unlink) request);
            case RMDIR -> rmdir((Rmdir) request);
            case SYMLINK -> symlink((Symlink) request);
            case RENAME -> rename((Rename) request);
            case LINK -> link((Link) request);
            case TRUNCATE -> truncate((Truncate) request);
            case OPEN -> open((Open) request);
            case READV -> readv((Readv) request);
            case WRITEV -> writev((Writev) request);
            case STATFS -> statfs((Statfs) request);
            case FLUSH -> flush((Flush) request);
            case FSYNC -> fsync((Fsync) request);
            case SETXATTR -> setxattr((Setxattr) request);
            case GETXATTR -> getxattr((Getxattr) request);
            case REMOVEXATTR -> removexattr((Removexattr) request);
            case OPENDIR -> opendir((Opendir) request);
            case FSYNCDIR -> fsyncdir((Fsyncdir) request);
            case ACCESS -> access((Access) request);
            case CREATE -> create((Create) request);
            case FTRUNCATE -> ftruncate((Ftruncate) request);
            case FSTAT -> fstat((Fstat) request);
            case LK -> lk((Lk) request);
            case LOOKUP -> lookup((Lookup) request);
            case READDIR -> readdir((Readdir) request);
            case INODELK -> inodelk((Inodelk) request);
            case FINODELK -> finodelk((Finodelk) request);
            case ENTRYLK -> entrylk((Entrylk) request);
            case FENTRYLK -> fentrylk((Fentrylk) request);
            case XATTROP -> xattrop((Xattrop) request);
            case FXATTROP -> fxattrop((Fxattrop) request);
            case FGETXATTR -> fgetxattr((Fgetxattr) request);
            case FSETXATTR -> fsetxattr((Fsetxattr) request);
            case RCHECKSUM -> rchecksum((Rchecksum) request);
            case SETATTR -> setattr((Setattr) request);
            case FSETATTR -> fsetattr((Fsetattr) request);
            case READDIRP -> readdirp((Readdirp) request);
            case FREMOVEXATTR -> fremovexattr((Fremovexattr) request);
            case FALLOCATE -> fallocate((Fallocate) request);
            case DISCARD -> discard((Discard) request);
            case ZEROFILL -> zerofill((Zerofill) request);
            case IPC -> ipc((Ipc) request);
            case SEEK -> seek((Seek) request);
            case LEASE -> lease((Lease) request);
            case GETACTIVELK -> getactivelk((Getactivelk) request);
            case SETACTIVELK -> setactivelk((Setactivelk) request);
            case PUT -> put((Put) request);
            case ICREATE -> icreate((Icreate) request);
            case NAMELINK -> namelink((Namelink) request);
            case COPY_FILE_RANGE -> copyFileRange((CopyFileRange) request);
        };
    }

    protected Mono<StatReply> stat(Stat request) {
        return child.stat(request);
    }

    protected Mono<ReadlinkReply> readlink(Readlink request) {
        return child.readlink(request);
    }

    protected Mono<MknodReply> mknod(Mknod request) {
        return child.mknod(request);
    }

    protected Mono<MkdirReply> mkdir(Mkdir request) {
        return child.mkdir(request);
    }

    protected Mono<UnlinkReply> unlink(Unlink request) {
        return child.unlink(request);
    }

    protected Mono<RmdirReply> rmdir(Rmdir request) {
        return child.rmdir(request);
    }

    protected Mono<SymlinkReply> symlink(Symlink request) {
        return child.symlink(request);
    }

    protected Mono<RenameReply> rename(Rename request) {
        return child.rename(request);
    }

    protected Mono<LinkReply> link(Link request) {
        return child.link(request);
    }

    protected Mono<TruncateReply> truncate(Truncate request) {
        return child.truncate(request);
    }

    protected Mono<OpenReply> open(Open request) {
        return child.open(request);
    }

    protected Mono<ReadvReply> readv(Readv request) {
        return child.readv(request);
    }

    protected Mono<WritevReply> writev(Writev request) {
        return child.writev(request);
    }

    protected Mono<StatfsReply> statfs(Statfs request) {
        return child.statfs(request);
    }

    protected Mono<FlushReply> flush(Flush request) {
        return child.flush(request);
    }

    protected Mono<FsyncReply> fsync(Fsync request) {
        return child.fsync(request);
    }

    protected Mono<SetxattrReply> setxattr(Setxattr request) {
        return child.setxattr(request);
    }

    protected Mono<GetxattrReply> getxattr(Getxattr request) {
        return child.getxattr(request);
    }

    protected Mono<RemovexattrReply> removexattr(Removexattr request) {
        return child.removexattr(request);
    }

    protected Mono<OpendirReply> opendir(Opendir request) {
        return child.opendir(request);
    }

    protected Mono<FsyncdirReply> fsyncdir(Fsyncdir request) {
        return child.fsyncdir(request);
    }

    protected Mono<AccessReply> access(Access request) {
        return child.access(request);
    }

    protected Mono<CreateReply> create(Create request) {
        return child.create(request);
    }

    protected Mono<FtruncateReply> ftruncate(Ftruncate request) {
        return child.ftruncate(request);
    }

    protected Mono<FstatReply> fstat(Fstat request) {
        return child.fstat(request);
    }

    protected Mono<LkReply> lk(Lk request) {
        return child.lk(request);
    }

    protected Mono<LookupReply> lookup(Lookup request) {
        return child.lookup(request);
    }

    protected Mono<ReaddirReply> readdir(Readdir request) {
        return child.readdir(request);
    }

    protected Mono<InodelkReply> inodelk(Inodelk request) {
        return child.inodelk(request);
    }

    protected Mono<FinodelkReply> finodelk(Finodelk request) {
        return child.finodelk(request);
    }

    protected Mono<EntrylkReply> entrylk(Entrylk request) {
        return child.entrylk(request);
    }

    protected Mono<FentrylkReply> fentrylk(Fentrylk request) {
        return child.fentrylk(request);
    }

    protected Mono<XattropReply> xattrop(Xattrop request) {
        return child.xattrop(request);
    }

    protected Mono<FxattropReply> fxattrop(Fxattrop request) {
        return child.fxattrop(request);
    }

    protected Mono<FgetxattrReply> fgetxattr(Fgetxattr request) {
        return child.fgetxattr(request);
    }

    protected Mono<FsetxattrReply> fsetxattr(Fsetxattr request) {
        return child.fsetxattr(request);
    }

    protected Mono<RchecksumReply> rchecksum(Rchecksum request) {
        return child.rchecksum(request);
    }

    protected Mono<SetattrReply> setattr(Setattr request) {
        return child.setattr(request);
    }

    protected Mono<FsetattrReply> fsetattr(Fsetattr request) {
        return child.fsetattr(request);
    }

    protected Mono<ReaddirpReply> readdirp(Readdirp request) {
        return child.readdirp(request);
    }

    protected Mono<FremovexattrReply> fremovexattr(Fremovexattr request) {
        return child.fremovexattr(request);
    }

    protected Mono<FallocateReply> fallocate(Fallocate request) {
        return child.fallocate(request);
    }

    protected Mono<DiscardReply> discard(Discard request) {
        return child.discard(request);
    }

    protected Mono<ZerofillReply> zerofill(Zerofill request) {
        return child.zerofill(request);
    }

    protected Mono<IpcReply> ipc(Ipc request) {
        return child.ipc(request);
    }

    protected Mono<SeekReply> seek(Seek request) {
        return child.seek(request);
    }

    protected Mono<LeaseReply> lease(Lease request) {
        return child.lease(request);
    }

    protected Mono<GetactivelkReply> getactivelk(Getactivelk request) {
        return child.getactivelk(request);
    }

    protected Mono<SetactivelkReply> setactivelk(Setactivelk request) {
        return child.setactivelk(request);
    }

    protected Mono<PutReply> put(Put request) {
        return child.put(request);
    }

    protected Mono<IcreateReply> icreate(Icreate request) {
        return child.icreate(request);
    }

    protected Mono<NamelinkReply> namelink(Namelink request) {
        return child.namelink(request);
    }

    protected Mono<CopyFileRangeReply> copyFileRange(CopyFileRange request) {
        return child.copyFileRange(request);
    }
}
