package io.rxlator.testkit;

import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.TranslatorContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** Overrides every fop method, notes which one the dispatch called, and forwards. */
final class EveryFopForwarder extends ForwardingTranslator {

    final List<String> calls = new CopyOnWriteArrayList<>();

    EveryFopForwarder(TranslatorContext context) {
        super(context);
    }

    @Override
    protected Mono<StatReply> stat(Stat request) {
        calls.add("stat");
        return super.stat(request);
    }

    @Override
    protected Mono<ReadlinkReply> readlink(Readlink request) {
        calls.add("readlink");
        return super.readlink(request);
    }

    @Override
    protected Mono<MknodReply> mknod(Mknod request) {
        calls.add("mknod");
        return super.mknod(request);
    }

    @Override
    protected Mono<MkdirReply> mkdir(Mkdir request) {
        calls.add("mkdir");
        return super.mkdir(request);
    }

    @Override
    protected Mono<UnlinkReply> unlink(Unlink request) {
        calls.add("unlink");
        return super.unlink(request);
    }

    @Override
    protected Mono<RmdirReply> rmdir(Rmdir request) {
        calls.add("rmdir");
        return super.rmdir(request);
    }

    @Override
    protected Mono<SymlinkReply> symlink(Symlink request) {
        calls.add("symlink");
        return super.symlink(request);
    }

    @Override
    protected Mono<RenameReply> rename(Rename request) {
        calls.add("rename");
        return super.rename(request);
    }

    @Override
    protected Mono<LinkReply> link(Link request) {
        calls.add("link");
        return super.link(request);
    }

    @Override
    protected Mono<TruncateReply> truncate(Truncate request) {
        calls.add("truncate");
        return super.truncate(request);
    }

    @Override
    protected Mono<OpenReply> open(Open request) {
        calls.add("open");
        return super.open(request);
    }

    @Override
    protected Mono<ReadvReply> readv(Readv request) {
        calls.add("readv");
        return super.readv(request);
    }

    @Override
    protected Mono<WritevReply> writev(Writev request) {
        calls.add("writev");
        return super.writev(request);
    }

    @Override
    protected Mono<StatfsReply> statfs(Statfs request) {
        calls.add("statfs");
        return super.statfs(request);
    }

    @Override
    protected Mono<FlushReply> flush(Flush request) {
        calls.add("flush");
        return super.flush(request);
    }

    @Override
    protected Mono<FsyncReply> fsync(Fsync request) {
        calls.add("fsync");
        return super.fsync(request);
    }

    @Override
    protected Mono<SetxattrReply> setxattr(Setxattr request) {
        calls.add("setxattr");
        return super.setxattr(request);
    }

    @Override
    protected Mono<GetxattrReply> getxattr(Getxattr request) {
        calls.add("getxattr");
        return super.getxattr(request);
    }

    @Override
    protected Mono<RemovexattrReply> removexattr(Removexattr request) {
        calls.add("removexattr");
        return super.removexattr(request);
    }

    @Override
    protected Mono<OpendirReply> opendir(Opendir request) {
        calls.add("opendir");
        return super.opendir(request);
    }

    @Override
    protected Mono<FsyncdirReply> fsyncdir(Fsyncdir request) {
        calls.add("fsyncdir");
        return super.fsyncdir(request);
    }

    @Override
    protected Mono<AccessReply> access(Access request) {
        calls.add("access");
        return super.access(request);
    }

    @Override
    protected Mono<CreateReply> create(Create request) {
        calls.add("create");
        return super.create(request);
    }

    @Override
    protected Mono<FtruncateReply> ftruncate(Ftruncate request) {
        calls.add("ftruncate");
        return super.ftruncate(request);
    }

    @Override
    protected Mono<FstatReply> fstat(Fstat request) {
        calls.add("fstat");
        return super.fstat(request);
    }

    @Override
    protected Mono<LkReply> lk(Lk request) {
        calls.add("lk");
        return super.lk(request);
    }

    @Override
    protected Mono<LookupReply> lookup(Lookup request) {
        calls.add("lookup");
        return super.lookup(request);
    }

    @Override
    protected Mono<ReaddirReply> readdir(Readdir request) {
        calls.add("readdir");
        return super.readdir(request);
    }

    @Override
    protected Mono<InodelkReply> inodelk(Inodelk request) {
        calls.add("inodelk");
        return super.inodelk(request);
    }

    @Override
    protected Mono<FinodelkReply> finodelk(Finodelk request) {
        calls.add("finodelk");
        return super.finodelk(request);
    }

    @Override
    protected Mono<EntrylkReply> entrylk(Entrylk request) {
        calls.add("entrylk");
        return super.entrylk(request);
    }

    @Override
    protected Mono<FentrylkReply> fentrylk(Fentrylk request) {
        calls.add("fentrylk");
        return super.fentrylk(request);
    }

    @Override
    protected Mono<XattropReply> xattrop(Xattrop request) {
        calls.add("xattrop");
        return super.xattrop(request);
    }

    @Override
    protected Mono<FxattropReply> fxattrop(Fxattrop request) {
        calls.add("fxattrop");
        return super.fxattrop(request);
    }

    @Override
    protected Mono<FgetxattrReply> fgetxattr(Fgetxattr request) {
        calls.add("fgetxattr");
        return super.fgetxattr(request);
    }

    @Override
    protected Mono<FsetxattrReply> fsetxattr(Fsetxattr request) {
        calls.add("fsetxattr");
        return super.fsetxattr(request);
    }

    @Override
    protected Mono<RchecksumReply> rchecksum(Rchecksum request) {
        calls.add("rchecksum");
        return super.rchecksum(request);
    }

    @Override
    protected Mono<SetattrReply> setattr(Setattr request) {
        calls.add("setattr");
        return super.setattr(request);
    }

    @Override
    protected Mono<FsetattrReply> fsetattr(Fsetattr request) {
        calls.add("fsetattr");
        return super.fsetattr(request);
    }

    @Override
    protected Mono<ReaddirpReply> readdirp(Readdirp request) {
        calls.add("readdirp");
        return super.readdirp(request);
    }

    @Override
    protected Mono<FremovexattrReply> fremovexattr(Fremovexattr request) {
        calls.add("fremovexattr");
        return super.fremovexattr(request);
    }

    @Override
    protected Mono<FallocateReply> fallocate(Fallocate request) {
        calls.add("fallocate");
        return super.fallocate(request);
    }

    @Override
    protected Mono<DiscardReply> discard(Discard request) {
        calls.add("discard");
        return super.discard(request);
    }

    @Override
    protected Mono<ZerofillReply> zerofill(Zerofill request) {
        calls.add("zerofill");
        return super.zerofill(request);
    }

    @Override
    protected Mono<IpcReply> ipc(Ipc request) {
        calls.add("ipc");
        return super.ipc(request);
    }

    @Override
    protected Mono<SeekReply> seek(Seek request) {
        calls.add("seek");
        return super.seek(request);
    }

    @Override
    protected Mono<LeaseReply> lease(Lease request) {
        calls.add("lease");
        return super.lease(request);
    }

    @Override
    protected Mono<GetactivelkReply> getactivelk(Getactivelk request) {
        calls.add("getactivelk");
        return super.getactivelk(request);
    }

    @Override
    protected Mono<SetactivelkReply> setactivelk(Setactivelk request) {
        calls.add("setactivelk");
        return super.setactivelk(request);
    }

    @Override
    protected Mono<PutReply> put(Put request) {
        calls.add("put");
        return super.put(request);
    }

    @Override
    protected Mono<IcreateReply> icreate(Icreate request) {
        calls.add("icreate");
        return super.icreate(request);
    }

    @Override
    protected Mono<NamelinkReply> namelink(Namelink request) {
        calls.add("namelink");
        return super.namelink(request);
    }

    @Override
    protected Mono<CopyFileRangeReply> copyFileRange(CopyFileRange request) {
        calls.add("copyFileRange");
        return super.copyFileRange(request);
    }
}
