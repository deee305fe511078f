package io.rxlator.runtime.client;

import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.Subvolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A path-based, POSIX-like view of a graph: what GlusterFS's gfapi is to a volume. It turns
 * {@code mkdir("/a/b", 0755)} into the fops a client sends (lookups of the parents, then
 * {@code mkdir} with a fresh {@code gfid-req}) and keeps the inode table in step with the
 * replies (links names on lookups and creates, unlinks them on removals and renames). The
 * FUSE bridge, tests and the load driver all use it.
 *
 * <p>Parent directories come from the inode table when it knows them, and are looked up
 * when it does not; the last component is looked up afresh unless the call says a cached
 * one will do. A call that fails with ENOENT or ESTALE on a cached path is retried once with
 * fresh lookups, so another client's changes are noticed.
 *
 * <p>Every call takes the caller's identity; every method returns a cold {@code Mono}.
 */
public final class FileSystem {

    /** An open file or directory: close it with {@link FileSystem#close}. */
    public record Handle(Fd fd, String path) {
    }

    private final Subvolume top;
    private final InodeTable table;

    public FileSystem(Subvolume top, InodeTable table) {
        this.top = Objects.requireNonNull(top, "top");
        this.table = Objects.requireNonNull(table, "table");
    }

    public InodeTable table() {
        return table;
    }

    public Subvolume top() {
        return top;
    }

    // ---- paths ----

    /** The components of an absolute path; "." is skipped, ".." is refused. */
    static List<String> components(String path) {
        if (!path.startsWith("/")) {
            throw FopException.of(Errno.EINVAL, "'" + path + "' is not an absolute path");
        }
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                throw FopException.of(Errno.EINVAL, "'" + path + "': '..' is resolved by the caller, not here");
            }
            out.add(c);
        }
        return out;
    }

    private static String join(List<String> components, int n) {
        if (n == 0) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append('/').append(components.get(i));
        }
        return sb.toString();
    }

    /** The loc of the root directory. */
    public Loc rootLoc() {
        return Loc.root(table.root());
    }

    /** The loc of {@code path}, its inode found (and linked), looking up what is not cached. */
    public Mono<Loc> resolve(CallContext caller, String path) {
        return resolve(caller, path, true);
    }

    /**
     * The loc of {@code path}.
     *
     * @param fresh look the last component up even when the table has it
     */
    public Mono<Loc> resolve(CallContext caller, String path, boolean fresh) {
        return Mono.defer(() -> walk(caller, components(path), components(path).size(), fresh));
    }

    /** The loc of the directory that holds {@code path}, and the name in it (as a child loc with a fresh inode). */
    public Mono<Loc> resolveEntry(CallContext caller, String path) {
        return Mono.defer(() -> {
            List<String> c = components(path);
            if (c.isEmpty()) {
                return Mono.error(FopException.of(Errno.EEXIST, "'/' always exists"));
            }
            String name = c.get(c.size() - 1);
            return walk(caller, c, c.size() - 1, false).map(parent -> {
                Inode known = parent.inode() == null ? null : table.grep(parent.inode(), name);
                return parent.child(name, known != null ? known : table.newInode());
            });
        });
    }

    private Mono<Loc> walk(CallContext caller, List<String> c, int depth, boolean fresh) {
        Loc loc = rootLoc();
        Inode cur = table.root();
        int i = 0;
        // Use what the table knows for the leading components.
        while (i < depth) {
            boolean last = i == depth - 1;
            if (last && fresh) {
                break;
            }
            Inode next = table.grep(cur, c.get(i));
            if (next == null) {
                break;
            }
            loc = loc.child(c.get(i), next);
            cur = next;
            i++;
        }
        return lookupFrom(caller, loc, c, i, depth);
    }

    private Mono<Loc> lookupFrom(CallContext caller, Loc at, List<String> c, int i, int depth) {
        if (i >= depth) {
            return Mono.just(at);
        }
        Inode parent = at.inode();
        Inode existing = table.grep(parent, c.get(i));
        Loc child = at.child(c.get(i), existing != null ? existing : table.newInode());
        // A name not seen before carries a gfid-req, as GlusterFS's fuse bridge sends: storage uses
        // it to give a gfid to a file that was created behind its back.
        Xdata xdata = existing != null ? Xdata.EMPTY : gfidReq();
        return top.lookup(new Lookup(caller, existing != null ? child.withInode(existing) : child, xdata))
                .map(r -> {
                    Inode linked = table.link(r.inode(), parent, c.get(i), r.buf());
                    return at.child(c.get(i), linked);
                })
                .onErrorResume(e -> FopException.is(e, Errno.ENOENT) && existing != null, e -> {
                    table.unlink(existing, parent, c.get(i));
                    return Mono.error(e);
                })
                .flatMap(next -> lookupFrom(caller, next, c, i + 1, depth));
    }

    /** Runs {@code op} on a cached resolution; on ENOENT/ESTALE runs it again on a fresh one. */
    private <T> Mono<T> withLoc(CallContext caller, String path, Function<Loc, Mono<T>> op) {
        return resolve(caller, path, false).flatMap(op)
                .onErrorResume(e -> FopException.is(e, Errno.ESTALE) || FopException.is(e, Errno.ENOENT),
                        e -> resolve(caller, path, true).flatMap(op));
    }

    private static Xdata gfidReq() {
        return Xdata.of(XdataKeys.GFID_REQ, Gfid.random());
    }

    // ---- attributes ----

    /** {@code lstat}: attributes of {@code path} itself (symlinks are not followed). */
    public Mono<Iatt> lstat(CallContext caller, String path) {
        return resolve(caller, path, true).flatMap(loc -> loc.isNameless() || loc.name() == null
                ? top.stat(new Stat(caller, loc, Xdata.EMPTY)).map(StatReply::buf)
                : top.lookup(new Lookup(caller, loc, Xdata.EMPTY)).map(LookupReply::buf));
    }

    /**
     * {@code stat} of a name the table may already know, as a kernel does once it holds the
     * inode: a stat fop on the cached inode, looking the path up again only when it is gone.
     */
    public Mono<Iatt> stat(CallContext caller, String path) {
        return withLoc(caller, path, loc -> top.stat(new Stat(caller, loc, Xdata.EMPTY)).map(StatReply::buf));
    }

    /** Attributes of an open file. */
    public Mono<Iatt> fstat(CallContext caller, Handle h) {
        return top.fstat(new Fstat(caller, h.fd(), Xdata.EMPTY)).map(FstatReply::buf);
    }

    public Mono<Void> access(CallContext caller, String path, int mask) {
        return withLoc(caller, path, loc -> top.access(new Access(caller, loc, mask, Xdata.EMPTY))).then();
    }

    /** setattr: the fields of {@code stbuf} that {@code valid} selects ({@link SetattrValid}). */
    public Mono<Iatt> setattr(CallContext caller, String path, Iatt stbuf, int valid) {
        return withLoc(caller, path, loc -> top.setattr(new Setattr(caller, loc, stbuf, valid, Xdata.EMPTY)))
                .map(SetattrReply::postop);
    }

    public Mono<Iatt> fsetattr(CallContext caller, Handle h, Iatt stbuf, int valid) {
        return top.fsetattr(new Fsetattr(caller, h.fd(), stbuf, valid, Xdata.EMPTY)).map(FsetattrReply::postop);
    }

    public Mono<Iatt> chmod(CallContext caller, String path, int mode) {
        return setattr(caller, path, Iatt.builder().prot(mode & Iatt.PROT_MASK).build(), SetattrValid.MODE);
    }

    public Mono<Iatt> chown(CallContext caller, String path, int uid, int gid) {
        int valid = (uid != -1 ? SetattrValid.UID : 0) | (gid != -1 ? SetattrValid.GID : 0);
        return setattr(caller, path, Iatt.builder().uid(uid).gid(gid).build(), valid);
    }

    public Mono<Iatt> truncate(CallContext caller, String path, long size) {
        return withLoc(caller, path, loc -> top.truncate(new Truncate(caller, loc, size, Xdata.EMPTY)))
                .map(TruncateReply::postbuf);
    }

    public Mono<Iatt> ftruncate(CallContext caller, Handle h, long size) {
        return top.ftruncate(new Ftruncate(caller, h.fd(), size, Xdata.EMPTY)).map(FtruncateReply::postbuf);
    }

    public Mono<Statvfs> statfs(CallContext caller, String path) {
        return withLoc(caller, path, loc -> top.statfs(new Statfs(caller, loc, Xdata.EMPTY))).map(StatfsReply::buf);
    }

    public Mono<String> readlink(CallContext caller, String path) {
        return withLoc(caller, path, loc -> top.readlink(new Readlink(caller, loc, 4096, Xdata.EMPTY)))
                .map(ReadlinkReply::path);
    }

    // ---- entries ----

    private <T> Mono<T> entry(CallContext caller, String path, Function<Loc, Mono<T>> op) {
        return resolveEntry(caller, path).flatMap(op);
    }

    private void linked(Loc loc, Inode inode, Iatt buf) {
        table.link(inode, loc.parent(), loc.name(), buf);
    }

    public Mono<Iatt> mkdir(CallContext caller, String path, int mode) {
        return entry(caller, path, loc -> top.mkdir(new Mkdir(caller, loc, mode, 0, gfidReq())).doOnNext(r ->
                linked(loc, r.inode(), r.buf()))).map(MkdirReply::buf);
    }

    public Mono<Iatt> mknod(CallContext caller, String path, int mode, long rdev) {
        return entry(caller, path, loc -> top.mknod(new Mknod(caller, loc, mode, rdev, 0, gfidReq())).doOnNext(r ->
                linked(loc, r.inode(), r.buf()))).map(MknodReply::buf);
    }

    public Mono<Iatt> symlink(CallContext caller, String target, String path) {
        return entry(caller, path, loc -> top.symlink(new Symlink(caller, target, loc, 0, gfidReq())).doOnNext(r ->
                linked(loc, r.inode(), r.buf()))).map(SymlinkReply::buf);
    }

    /** Creates and opens a regular file; {@code flags} as open(2) (O_CREAT implied). */
    public Mono<Handle> create(CallContext caller, String path, int flags, int mode) {
        return entry(caller, path, loc -> {
            Fd fd = table.newFd(loc.inode(), flags, caller.pid());
            return top.create(new Create(caller, loc, flags, mode, 0, fd, gfidReq()))
                    .doOnNext(r -> linked(loc, r.inode(), r.buf()))
                    .doOnError(e -> fd.release())
                    .map(r -> new Handle(fd, path));
        });
    }

    public Mono<Handle> open(CallContext caller, String path, int flags) {
        return withLoc(caller, path, loc -> {
            Fd fd = table.newFd(loc.inode(), flags, caller.pid());
            return top.open(new Open(caller, loc, flags, fd, Xdata.EMPTY)).doOnError(e -> fd.release())
                    .map(r -> new Handle(fd, path));
        });
    }

    public Mono<Handle> opendir(CallContext caller, String path) {
        return withLoc(caller, path, loc -> {
            Fd fd = table.newDirFd(loc.inode(), caller.pid());
            return top.opendir(new Opendir(caller, loc, fd, Xdata.EMPTY)).doOnError(e -> fd.release())
                    .map(r -> new Handle(fd, path));
        });
    }

    public Mono<Void> unlink(CallContext caller, String path) {
        return withLoc(caller, path, loc -> top.unlink(new Unlink(caller, loc, 0, Xdata.EMPTY))
                .doOnNext(r -> table.unlink(loc.inode(), loc.parent(), loc.name()))).then();
    }

    public Mono<Void> rmdir(CallContext caller, String path) {
        return withLoc(caller, path, loc -> top.rmdir(new Rmdir(caller, loc, 0, Xdata.EMPTY))
                .doOnNext(r -> table.unlink(loc.inode(), loc.parent(), loc.name()))).then();
    }

    public Mono<Iatt> link(CallContext caller, String existing, String path) {
        return withLoc(caller, existing, from -> entry(caller, path, to ->
                top.link(new Link(caller, from, to, Xdata.EMPTY)).doOnNext(r ->
                        table.link(from.inode(), to.parent(), to.name(), r.buf())))).map(LinkReply::buf);
    }

    public Mono<Void> rename(CallContext caller, String from, String to) {
        return withLoc(caller, from, src -> entry(caller, to, dst -> top.rename(new Rename(caller, src, dst, Xdata.EMPTY))
                .doOnNext(r -> table.rename(src.parent(), src.name(), dst.parent(), dst.name(), src.inode())))).then();
    }

    // ---- data ----

    public Mono<Iovec> read(CallContext caller, Handle h, long offset, int size) {
        return top.readv(new Readv(caller, h.fd(), size, offset, 0, Xdata.EMPTY)).map(ReadvReply::vector);
    }

    /** Writes all of {@code data}, or fails; answers the bytes written. */
    public Mono<Integer> write(CallContext caller, Handle h, long offset, Iovec data) {
        return top.writev(new Writev(caller, h.fd(), data, offset, 0, Xdata.EMPTY)).map(WritevReply::written);
    }

    public Mono<Void> flush(CallContext caller, Handle h) {
        return top.flush(new Flush(caller, h.fd(), Xdata.EMPTY)).then();
    }

    public Mono<Void> fsync(CallContext caller, Handle h, boolean datasync) {
        return (h.fd().isDirectory()
                ? top.fsyncdir(new Fsyncdir(caller, h.fd(), datasync, Xdata.EMPTY)).then()
                : top.fsync(new Fsync(caller, h.fd(), datasync, Xdata.EMPTY)).then());
    }

    /** Flushes (for a file) and releases the handle. */
    public Mono<Void> close(CallContext caller, Handle h) {
        Mono<Void> flush = h.fd().isDirectory() ? Mono.empty() : flush(caller, h);
        return flush.doFinally(s -> h.fd().release());
    }

    public Mono<Iatt> fallocate(CallContext caller, Handle h, int mode, long offset, long len) {
        return top.fallocate(new Fallocate(caller, h.fd(), mode, offset, len, Xdata.EMPTY)).map(FallocateReply::postbuf);
    }

    public Mono<Iatt> discard(CallContext caller, Handle h, long offset, long len) {
        return top.discard(new Discard(caller, h.fd(), offset, len, Xdata.EMPTY)).map(DiscardReply::postbuf);
    }

    public Mono<Iatt> zerofill(CallContext caller, Handle h, long offset, long len) {
        return top.zerofill(new Zerofill(caller, h.fd(), offset, len, Xdata.EMPTY)).map(ZerofillReply::postbuf);
    }

    public Mono<Long> seek(CallContext caller, Handle h, long offset, SeekWhat what) {
        return top.seek(new Seek(caller, h.fd(), offset, what, Xdata.EMPTY)).map(SeekReply::offset);
    }

    // ---- directories ----

    /**
     * Every entry of the directory, "." and ".." included, read in batches of about
     * {@code batch} bytes with readdirp (so each entry has its attributes) or readdir.
     */
    public Flux<Dirent> list(CallContext caller, Handle dir, int batch, boolean plus) {
        return Flux.defer(() -> page(caller, dir, batch, plus, 0L));
    }

    private Flux<Dirent> page(CallContext caller, Handle dir, int batch, boolean plus, long offset) {
        Mono<List<Dirent>> entries = plus
                ? top.readdirp(new Readdirp(caller, dir.fd(), batch, offset, Xdata.EMPTY)).map(ReaddirpReply::entries)
                : top.readdir(new Readdir(caller, dir.fd(), batch, offset, Xdata.EMPTY)).map(ReaddirReply::entries);
        return entries.flatMapMany(list -> list.isEmpty() ? Flux.empty()
                : Flux.fromIterable(list).concatWith(Flux.defer(() -> page(caller, dir, batch, plus,
                        list.get(list.size() - 1).off()))));
    }

    // ---- extended attributes ----

    public Mono<Void> setxattr(CallContext caller, String path, String name, Bytes value, int flags) {
        return withLoc(caller, path, loc -> top.setxattr(new Setxattr(caller, loc, Xattrs.of(name, value), flags,
                Xdata.EMPTY))).then();
    }

    /** One attribute's value. */
    public Mono<Bytes> getxattr(CallContext caller, String path, String name) {
        return withLoc(caller, path, loc -> top.getxattr(new Getxattr(caller, loc, name, Xdata.EMPTY)))
                .flatMap(r -> {
                    Bytes v = r.dict().get(name);
                    return v != null ? Mono.just(v) : Mono.error(FopException.of(Errno.ENODATA, "no xattr '" + name + "'"));
                });
    }

    /** Every attribute, by name. */
    public Mono<Xattrs> listxattr(CallContext caller, String path) {
        return withLoc(caller, path, loc -> top.getxattr(new Getxattr(caller, loc, null, Xdata.EMPTY)))
                .map(GetxattrReply::dict);
    }

    public Mono<Void> removexattr(CallContext caller, String path, String name) {
        return withLoc(caller, path, loc -> top.removexattr(new Removexattr(caller, loc, name, Xdata.EMPTY))).then();
    }

    /** The inode of {@code path} if the table knows it, without any fop. */
    public @Nullable Inode cached(String path) {
        Inode cur = table.root();
        for (String c : components(path)) {
            cur = table.grep(cur, c);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }
}
