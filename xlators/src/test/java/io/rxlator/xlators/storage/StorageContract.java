package io.rxlator.xlators.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.client.FileSystem.Handle;
import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.xlators.storage.common.Checksums;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/**
 * What every storage translator must do, fop by fop, as a client drives it through
 * {@link FileSystem}. Subclasses say which storage to build.
 */
public abstract class StorageContract {

    protected static final CallContext ROOT = CallContext.ROOT;
    protected static final CallContext USER = CallContext.of(1000, 1000, new int[0], 4242, LkOwner.NONE, "local", 0);
    protected static final int O_RDONLY = 0;
    protected static final int O_WRONLY = 1;
    protected static final int O_RDWR = 2;
    protected static final int O_EXCL = 0200;
    protected static final int O_TRUNC = 01000;
    protected static final int O_APPEND = 02000;
    protected static final int O_NOFOLLOW = 0400000;

    protected Graph graph;
    protected FileSystem fs;

    /** The storage's type and the options it needs. */
    protected abstract String type();

    protected abstract void options(Volfile.VolumeBuilder volume) throws Exception;

    @BeforeEach
    void build() throws Exception {
        InodeTable table = new InodeTable();
        graph = buildGraph(table);
        fs = new FileSystem(graph.top(), table);
    }

    /** The started graph the contract runs against: the storage alone, unless a subclass puts something in between. */
    protected Graph buildGraph(InodeTable table) throws Exception {
        Graph g = Graph.build(storageVolfile(), TranslatorRegistry.load(), table);
        g.start();
        return g;
    }

    /** The storage under test as a one-volume volfile (volume "storage"). */
    protected Volfile storageVolfile() {
        return Volfile.builder().volume("storage", type(), vol -> {
            try {
                options(vol);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).build();
    }

    @AfterEach
    void close() {
        try {
            if (graph != null) {
                graph.close();
            }
        } finally {
            closeMore();
        }
    }

    /** Closes whatever else {@link #buildGraph} made (also after it failed part way). */
    protected void closeMore() {
    }

    protected static <T> T ok(Mono<T> m) {
        return m.block(Duration.ofSeconds(30));
    }

    protected static void okVoid(Mono<Void> m) {
        m.block(Duration.ofSeconds(30));
    }

    protected static Errno errno(Mono<?> m) {
        try {
            m.block(Duration.ofSeconds(30));
        } catch (FopException e) {
            return e.errno();
        }
        throw new AssertionError("expected a failure");
    }

    protected Handle create(String path, int mode) {
        return ok(fs.create(ROOT, path, O_RDWR, mode));
    }

    protected void write(Handle h, long offset, byte[] data) {
        assertThat(ok(fs.write(ROOT, h, offset, Iovec.of(data)))).isEqualTo(data.length);
    }

    protected byte[] read(Handle h, long offset, int size) {
        return ok(fs.read(ROOT, h, offset, size)).toByteArray();
    }

    protected void put(String path, byte[] data) {
        Handle h = create(path, 0644);
        write(h, 0, data);
        okVoid(fs.close(ROOT, h));
    }

    protected byte[] get(String path) {
        Handle h = ok(fs.open(ROOT, path, O_RDONLY));
        long size = ok(fs.fstat(ROOT, h)).size();
        byte[] out = read(h, 0, (int) size);
        okVoid(fs.close(ROOT, h));
        return out;
    }

    // ---- files and data ----

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void writesAtOddOffsetsAndSizesReadBackExactly(long seed) throws Exception {
        Random r = new Random(seed);
        int size = 3 * (1 << 20) + 12345;
        byte[] model = new byte[size];
        Handle h = create("/odd" + seed, 0644);
        for (int i = 0; i < 200; i++) {
            int off = r.nextInt(size - 1);
            int len = 1 + r.nextInt(Math.min(size - off, 200_000));
            byte[] chunk = new byte[len];
            r.nextBytes(chunk);
            System.arraycopy(chunk, 0, model, off, len);
            write(h, off, chunk);
        }
        long written = ok(fs.fstat(ROOT, h)).size();
        byte[] back = read(h, 0, (int) written);
        assertThat(MessageDigest.getInstance("MD5").digest(back))
                .isEqualTo(MessageDigest.getInstance("MD5").digest(java.util.Arrays.copyOf(model, (int) written)));
        for (int i = 0; i < 50; i++) {
            int off = r.nextInt((int) written);
            int len = r.nextInt(70_000);
            byte[] expect = java.util.Arrays.copyOfRange(model, off, (int) Math.min(written, off + (long) len));
            assertThat(read(h, off, len)).isEqualTo(expect);
        }
        assertThat(read(h, written, 100)).isEmpty();
        okVoid(fs.close(ROOT, h));
    }

    @Test
    void sparseFilesReadZerosInHolesAndSeekFindsDataAndHoles() {
        Handle h = create("/sparse", 0644);
        byte[] data = "data".getBytes();
        write(h, 10L << 20, data);
        Iatt a = ok(fs.fstat(ROOT, h));
        assertThat(a.size()).isEqualTo((10L << 20) + 4);
        assertThat(a.blocks() * 512).as("a hole takes no space").isLessThan(1L << 20);
        assertThat(read(h, 5 << 20, 8)).containsOnly(0);
        assertThat(read(h, 10L << 20, 4)).isEqualTo(data);
        assertThat(ok(fs.seek(ROOT, h, 0, SeekWhat.HOLE))).isEqualTo(0);
        long dataAt = ok(fs.seek(ROOT, h, 0, SeekWhat.DATA));
        assertThat(dataAt).isLessThanOrEqualTo(10L << 20).isGreaterThan(1L << 20);
        assertThat(errno(fs.seek(ROOT, h, a.size() + 1, SeekWhat.DATA))).isEqualTo(Errno.ENXIO);
    }

    @Test
    void truncateShrinksAndGrows() {
        put("/t", "0123456789".getBytes());
        Iatt small = ok(fs.truncate(ROOT, "/t", 4));
        assertThat(small.size()).isEqualTo(4);
        assertThat(get("/t")).isEqualTo("0123".getBytes());
        ok(fs.truncate(ROOT, "/t", 8));
        assertThat(get("/t")).isEqualTo(new byte[] {'0', '1', '2', '3', 0, 0, 0, 0});
        Handle h = ok(fs.open(ROOT, "/t", O_RDWR | O_TRUNC));
        assertThat(ok(fs.fstat(ROOT, h)).size()).isZero();
        ok(fs.ftruncate(ROOT, h, 3));
        assertThat(ok(fs.fstat(ROOT, h)).size()).isEqualTo(3);
        okVoid(fs.close(ROOT, h));
        assertThat(errno(fs.truncate(ROOT, "/t", -1))).isEqualTo(Errno.EINVAL);
    }

    @Test
    void openWithONofollowOpensARegularFile() {
        put("/plain", "data".getBytes());
        Handle h = ok(fs.open(ROOT, "/plain", O_RDONLY | O_NOFOLLOW));
        assertThat(ok(fs.read(ROOT, h, 0, 10)).toByteArray()).isEqualTo("data".getBytes());
        okVoid(fs.close(ROOT, h));
    }

    @Test
    void appendWritesGoToTheEnd() {
        put("/log", "one".getBytes());
        Handle h = ok(fs.open(ROOT, "/log", O_WRONLY | O_APPEND));
        write(h, 0, "two".getBytes());
        okVoid(fs.close(ROOT, h));
        assertThat(get("/log")).isEqualTo("onetwo".getBytes());
    }

    @Test
    void fallocateDiscardZerofillAndCopyFileRange() {
        Handle h = create("/f", 0644);
        byte[] data = new byte[300_000];
        new Random(9).nextBytes(data);
        write(h, 0, data);
        assertThat(ok(fs.fallocate(ROOT, h, 0, 0, 500_000)).size()).isEqualTo(500_000);
        assertThat(ok(fs.fallocate(ROOT, h, 1, 0, 900_000)).size()).as("KEEP_SIZE").isEqualTo(500_000);
        ok(fs.discard(ROOT, h, 100_000, 100_000));
        assertThat(read(h, 100_000, 100_000)).containsOnly(0);
        assertThat(read(h, 0, 100_000)).isEqualTo(java.util.Arrays.copyOf(data, 100_000));
        ok(fs.zerofill(ROOT, h, 0, 10));
        assertThat(read(h, 0, 10)).containsOnly(0);
        Handle out = create("/g", 0644);
        CopyFileRangeReply r = ok(fs.top().copyFileRange(new CopyFileRange(ROOT, h.fd(), 200_000, out.fd(), 5, 50_000, 0,
                Xdata.EMPTY)));
        assertThat(r.copied()).isEqualTo(50_000);
        assertThat(read(out, 5, 50_000)).isEqualTo(java.util.Arrays.copyOfRange(data, 200_000, 250_000));
        assertThat(read(out, 0, 5)).containsOnly(0);
        assertThat(errno(fs.fallocate(ROOT, h, 0, 0, 0))).isEqualTo(Errno.EINVAL);
    }

    @Test
    void rchecksumIsAdlerFromZeroAndMd5() {
        byte[] data = new byte[4096];
        new Random(3).nextBytes(data);
        Handle h = create("/c", 0644);
        write(h, 0, data);
        RchecksumReply r = ok(fs.top().rchecksum(new Rchecksum(ROOT, h.fd(), 0, 4096, Xdata.EMPTY)));
        assertThat(r.weakChecksum()).isEqualTo(Checksums.weak(data, 0, data.length));
        assertThat(r.strongChecksum()).isEqualTo(Checksums.strong(data, 0, data.length, false));
    }

    @Test
    void aFileUnlinkedWhileOpenStaysReadableThroughItsFd() {
        put("/gone", "still here".getBytes());
        Handle h = ok(fs.open(ROOT, "/gone", O_RDONLY));
        okVoid(fs.unlink(ROOT, "/gone"));
        assertThat(errno(fs.lstat(ROOT, "/gone"))).isEqualTo(Errno.ENOENT);
        assertThat(read(h, 0, 100)).isEqualTo("still here".getBytes());
        okVoid(fs.close(ROOT, h));
    }

    @Test
    void aFileUnlinkedWhileOpenKeepsItsXattrsWorkingThroughItsFd() {
        put("/gone-x", "x".getBytes());
        Handle h = ok(fs.open(ROOT, "/gone-x", O_RDWR));
        okVoid(fs.unlink(ROOT, "/gone-x"));
        Fd fd = h.fd();
        ok(fs.top().fsetxattr(new Fsetxattr(ROOT, fd, Xattrs.of("user.k", Bytes.utf8("v")), 0, Xdata.EMPTY)));
        assertThat(ok(fs.top().fgetxattr(new Fgetxattr(ROOT, fd, "user.k", Xdata.EMPTY))).dict().get("user.k"))
                .isEqualTo(Bytes.utf8("v"));
        assertThat(ok(fs.top().fgetxattr(new Fgetxattr(ROOT, fd, null, Xdata.EMPTY))).dict().names()).contains("user.k");
        Bytes one = Bytes.fromHex("00000001");
        FxattropReply added = ok(fs.top().fxattrop(new Fxattrop(ROOT, fd, XattropType.ADD_ARRAY,
                Xattrs.of("trusted.afr.dirty", one), Xdata.EMPTY)));
        assertThat(added.dict().get("trusted.afr.dirty")).isEqualTo(one);
        ok(fs.top().fremovexattr(new Fremovexattr(ROOT, fd, "user.k", Xdata.EMPTY)));
        assertThat(errno(fs.top().fgetxattr(new Fgetxattr(ROOT, fd, "user.k", Xdata.EMPTY)))).isEqualTo(Errno.ENODATA);
        okVoid(fs.close(ROOT, h));
    }

    // ---- namespace ----

    @Test
    void theGfidAskedForIsTheGfidGiven() {
        Gfid wanted = Gfid.random();
        Loc loc = ok(fs.resolveEntry(ROOT, "/chosen"));
        MkdirReply r = ok(fs.top().mkdir(new Mkdir(ROOT, loc, 0755, 0, Xdata.of(XdataKeys.GFID_REQ, wanted))));
        assertThat(r.buf().gfid()).isEqualTo(wanted);
        assertThat(ok(fs.lstat(ROOT, "/chosen")).gfid()).isEqualTo(wanted);
        assertThat(ok(fs.lstat(ROOT, "/chosen")).ino()).isEqualTo(wanted.ino());
    }

    @Test
    void renameReplacesFilesAndEmptyDirectoriesAndRefusesTheRest() {
        put("/a", "a".getBytes());
        put("/b", "b".getBytes());
        okVoid(fs.rename(ROOT, "/a", "/b"));
        assertThat(get("/b")).isEqualTo("a".getBytes());
        assertThat(errno(fs.lstat(ROOT, "/a"))).isEqualTo(Errno.ENOENT);

        ok(fs.mkdir(ROOT, "/d1", 0755));
        ok(fs.mkdir(ROOT, "/d2", 0755));
        put("/d1/inside", "x".getBytes());
        okVoid(fs.rename(ROOT, "/d1", "/d2"));
        assertThat(get("/d2/inside")).isEqualTo("x".getBytes());

        ok(fs.mkdir(ROOT, "/full", 0755));
        put("/full/f", "f".getBytes());
        ok(fs.mkdir(ROOT, "/e", 0755));
        assertThat(errno(fs.rename(ROOT, "/e", "/full"))).isEqualTo(Errno.ENOTEMPTY);
        assertThat(errno(fs.rename(ROOT, "/b", "/e"))).isEqualTo(Errno.EISDIR);
        assertThat(errno(fs.rename(ROOT, "/e", "/b"))).isEqualTo(Errno.ENOTDIR);
        assertThat(errno(fs.rename(ROOT, "/d2", "/d2/inside2"))).isEqualTo(Errno.EINVAL);
        assertThat(errno(fs.rename(ROOT, "/nope", "/x"))).isEqualTo(Errno.ENOENT);
        // Renaming onto another name of the same file does nothing.
        okVoid(fs.link(ROOT, "/b", "/b2").then());
        okVoid(fs.rename(ROOT, "/b", "/b2"));
        assertThat(get("/b")).isEqualTo("a".getBytes());
    }

    @Test
    void hardLinksShareDataAndCountLinks() {
        put("/orig", "shared".getBytes());
        Iatt linked = ok(fs.link(ROOT, "/orig", "/alias"));
        assertThat(linked.nlink()).isEqualTo(2);
        assertThat(ok(fs.lstat(ROOT, "/alias")).gfid()).isEqualTo(ok(fs.lstat(ROOT, "/orig")).gfid());
        okVoid(fs.unlink(ROOT, "/orig"));
        assertThat(get("/alias")).isEqualTo("shared".getBytes());
        assertThat(ok(fs.lstat(ROOT, "/alias")).nlink()).isEqualTo(1);
        ok(fs.mkdir(ROOT, "/dir", 0755));
        assertThat(errno(fs.link(ROOT, "/dir", "/dirlink"))).isEqualTo(Errno.EPERM);
        assertThat(errno(fs.link(ROOT, "/alias", "/dir"))).isEqualTo(Errno.EEXIST);
    }

    @Test
    void symlinksPointWhereTheySay() {
        ok(fs.symlink(ROOT, "../somewhere/else", "/sl"));
        Iatt a = ok(fs.lstat(ROOT, "/sl"));
        assertThat(a.type()).isEqualTo(IaType.SYMLINK);
        assertThat(a.size()).isEqualTo("../somewhere/else".length());
        assertThat(ok(fs.readlink(ROOT, "/sl"))).isEqualTo("../somewhere/else");
        assertThat(errno(fs.readlink(ROOT, "/"))).isEqualTo(Errno.EINVAL);
    }

    @Test
    void devicesAndFifos() {
        Iatt fifo = ok(fs.mknod(ROOT, "/fifo", 0010644, 0));
        assertThat(fifo.type()).isEqualTo(IaType.FIFO);
        Iatt chr = ok(fs.mknod(ROOT, "/null", 0020666, (1L << 8) | 3));
        assertThat(chr.type()).isEqualTo(IaType.CHAR_DEVICE);
        assertThat(ok(fs.lstat(ROOT, "/null")).rdev()).isEqualTo(chr.rdev());
        assertThat(errno(fs.mknod(USER, "/dev2", 0060600, 1))).isEqualTo(Errno.EPERM);
    }

    @Test
    void aLargeDirectoryListsCompletelyAndExactlyOnce() {
        ok(fs.mkdir(ROOT, "/big", 0755));
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String n = "entry-" + i;
            okVoid(fs.mknod(ROOT, "/big/" + n, 0100644, 0).then());
            made.add(n);
        }
        for (boolean plus : new boolean[] {true, false}) {
            Handle dir = ok(fs.opendir(ROOT, "/big"));
            List<Dirent> all = ok(fs.list(ROOT, dir, 4096, plus).collectList());
            okVoid(fs.close(ROOT, dir));
            List<String> names = new ArrayList<>(all.stream().map(Dirent::name).toList());
            assertThat(names).startsWith(".", "..");
            names.removeAll(List.of(".", ".."));
            assertThat(names).hasSize(10_000).doesNotHaveDuplicates();
            assertThat(new HashSet<>(names)).isEqualTo(made);
            if (plus) {
                assertThat(all).allSatisfy(d -> assertThat(d.stat()).isNotNull());
                assertThat(all.stream().filter(d -> d.name().startsWith("entry-"))).allSatisfy(d ->
                        assertThat(d.stat().type()).isEqualTo(IaType.REGULAR));
            }
        }
    }

    // ---- attributes ----

    @Test
    void chmodChownAndNanosecondTimes() {
        put("/attrs", new byte[1]);
        assertThat(ok(fs.chmod(ROOT, "/attrs", 04751)).prot()).isEqualTo(04751);
        Iatt owned = ok(fs.chown(ROOT, "/attrs", 1234, 5678));
        assertThat(owned.uid()).isEqualTo(1234);
        assertThat(owned.gid()).isEqualTo(5678);
        Iatt times = Iatt.builder().atime(1_000_000_000L, 123_456_789).mtime(1_500_000_000L, 987_654_321).build();
        Iatt set = ok(fs.setattr(ROOT, "/attrs", times, SetattrValid.ATIME | SetattrValid.MTIME));
        assertThat(set.atimeSec()).isEqualTo(1_000_000_000L);
        assertThat(set.atimeNsec()).isEqualTo(123_456_789);
        assertThat(set.mtimeSec()).isEqualTo(1_500_000_000L);
        assertThat(set.mtimeNsec()).isEqualTo(987_654_321);
        Iatt back = ok(fs.lstat(ROOT, "/attrs"));
        assertThat(back.mtimeNsec()).isEqualTo(987_654_321);
        assertThat(errno(fs.chmod(USER, "/attrs", 0777))).isEqualTo(Errno.EPERM);
        assertThat(errno(fs.chown(USER, "/attrs", 1000, -1))).isEqualTo(Errno.EPERM);
    }

    @Test
    void statfsDescribesTheVolume() {
        Statvfs s = ok(fs.statfs(ROOT, "/"));
        assertThat(s.bsize()).isPositive();
        assertThat(s.blocks()).isPositive();
        assertThat(s.bfree()).isLessThanOrEqualTo(s.blocks());
        assertThat(s.namemax()).isEqualTo(255);
    }

    // ---- extended attributes ----

    @Test
    void extendedAttributesSetGetListRemove() {
        put("/x", new byte[1]);
        okVoid(fs.setxattr(ROOT, "/x", "user.color", Bytes.utf8("blue"), 0));
        okVoid(fs.setxattr(ROOT, "/x", "trusted.secret", Bytes.utf8("42"), 0));
        assertThat(ok(fs.getxattr(ROOT, "/x", "user.color")).utf8()).isEqualTo("blue");
        assertThat(ok(fs.listxattr(ROOT, "/x")).names()).contains("user.color", "trusted.secret");
        assertThat(errno(fs.setxattr(ROOT, "/x", "user.color", Bytes.utf8("red"), 1))).isEqualTo(Errno.EEXIST);
        assertThat(errno(fs.setxattr(ROOT, "/x", "user.absent", Bytes.utf8("red"), 2))).isEqualTo(Errno.ENODATA);
        okVoid(fs.setxattr(ROOT, "/x", "user.color", Bytes.utf8("red"), 2));
        assertThat(ok(fs.getxattr(ROOT, "/x", "user.color")).utf8()).isEqualTo("red");
        okVoid(fs.removexattr(ROOT, "/x", "user.color"));
        assertThat(errno(fs.getxattr(ROOT, "/x", "user.color"))).isEqualTo(Errno.ENODATA);
        assertThat(errno(fs.removexattr(ROOT, "/x", "user.color"))).isEqualTo(Errno.ENODATA);
        assertThat(errno(fs.setxattr(ROOT, "/x", "user." + "n".repeat(300), Bytes.utf8("v"), 0))).isEqualTo(Errno.ERANGE);
        assertThat(errno(fs.setxattr(ROOT, "/x", "nonamespace", Bytes.utf8("v"), 0))).isEqualTo(Errno.EOPNOTSUPP);
    }

    @Test
    void xattropAddsBigEndianArraysAsGlusterfs() {
        put("/afr", new byte[1]);
        Loc loc = ok(fs.resolve(ROOT, "/afr"));
        Bytes one = Bytes.fromHex("000000010000000000000000");
        XattropReply r1 = ok(fs.top().xattrop(new Xattrop(ROOT, loc, XattropType.ADD_ARRAY,
                Xattrs.of("trusted.afr.dirty", one), Xdata.EMPTY)));
        assertThat(r1.dict().get("trusted.afr.dirty")).isEqualTo(one);
        XattropReply r2 = ok(fs.top().xattrop(new Xattrop(ROOT, loc, XattropType.ADD_ARRAY,
                Xattrs.of("trusted.afr.dirty", Bytes.fromHex("ffffffff0000000200000000")), Xdata.EMPTY)));
        assertThat(r2.dict().get("trusted.afr.dirty")).isEqualTo(Bytes.fromHex("000000000000000200000000"));
        XattropReply withDefault = ok(fs.top().xattrop(new Xattrop(ROOT, loc, XattropType.ADD_ARRAY64_WITH_DEFAULT,
                Xattrs.of("trusted.q", Bytes.fromHex("0000000000000005" + "0000000000000001")), Xdata.EMPTY)));
        assertThat(withDefault.dict().get("trusted.q")).isEqualTo(Bytes.fromHex("0000000000000006"));
        XattropReply zero = ok(fs.top().xattrop(new Xattrop(ROOT, loc, XattropType.ADD_ARRAY,
                Xattrs.of("trusted.new", Bytes.fromHex("00000000")), Xdata.EMPTY)));
        assertThat(zero.dict().get("trusted.new")).isEqualTo(Bytes.fromHex("00000000"));
        assertThat(errno(fs.getxattr(ROOT, "/afr", "trusted.new"))).as("an all-zero operand writes nothing")
                .isEqualTo(Errno.ENODATA);
        XattropReply swapped = ok(fs.top().xattrop(new Xattrop(ROOT, loc, XattropType.GET_AND_SET,
                Xattrs.of("trusted.q", Bytes.fromHex("0000000000000009")), Xdata.EMPTY)));
        assertThat(swapped.dict().get("trusted.q")).isEqualTo(Bytes.fromHex("0000000000000006"));
        assertThat(ok(fs.getxattr(ROOT, "/afr", "trusted.q"))).isEqualTo(Bytes.fromHex("0000000000000009"));
    }

    // ---- failures ----

    @Test
    void failuresHaveTheirLinuxErrno() {
        assertThat(errno(fs.lstat(ROOT, "/missing"))).isEqualTo(Errno.ENOENT);
        ok(fs.mkdir(ROOT, "/dir", 0755));
        assertThat(errno(fs.mkdir(ROOT, "/dir", 0755))).isEqualTo(Errno.EEXIST);
        put("/dir/file", new byte[1]);
        assertThat(errno(fs.rmdir(ROOT, "/dir"))).isEqualTo(Errno.ENOTEMPTY);
        assertThat(errno(fs.unlink(ROOT, "/dir"))).isEqualTo(Errno.EISDIR);
        assertThat(errno(fs.rmdir(ROOT, "/dir/file"))).isEqualTo(Errno.ENOTDIR);
        assertThat(errno(fs.mkdir(ROOT, "/dir/file/sub", 0755))).isEqualTo(Errno.ENOTDIR);
        assertThat(errno(fs.open(ROOT, "/dir", O_WRONLY))).isEqualTo(Errno.EISDIR);
        assertThat(errno(fs.mkdir(ROOT, "/" + "n".repeat(256), 0755))).isEqualTo(Errno.ENAMETOOLONG);
        assertThat(errno(fs.create(ROOT, "/dir/file", O_RDWR | O_EXCL, 0644))).isEqualTo(Errno.EEXIST);
        Handle h = ok(fs.open(ROOT, "/dir/file", O_RDONLY));
        assertThat(errno(fs.write(ROOT, h, 0, Iovec.of(new byte[1])))).isEqualTo(Errno.EBADF);
        okVoid(fs.close(ROOT, h));
    }

    @Test
    void aNonRootCallerCannotOpenAPrivateFile() {
        put("/private", "secret".getBytes());
        ok(fs.chmod(ROOT, "/private", 0600));
        assertThat(errno(fs.open(USER, "/private", O_RDONLY))).isEqualTo(Errno.EACCES);
        assertThat(errno(fs.access(USER, "/private", 4))).isEqualTo(Errno.EACCES);
        okVoid(fs.access(ROOT, "/private", 4));
        ok(fs.chown(ROOT, "/private", 1000, 1000));
        assertThat(new String(get("/private"))).isEqualTo("secret");
        Handle h = ok(fs.open(USER, "/private", O_RDONLY));
        okVoid(fs.close(USER, h));
    }

    @Test
    void filesBelongToTheirCreator() {
        ok(fs.mkdir(ROOT, "/home", 0777));
        Handle h = ok(fs.create(USER, "/home/mine", O_RDWR, 0640));
        okVoid(fs.close(USER, h));
        Iatt a = ok(fs.lstat(ROOT, "/home/mine"));
        assertThat(a.uid()).isEqualTo(1000);
        assertThat(a.gid()).isEqualTo(1000);
        assertThat(a.prot()).isEqualTo(0640);
    }

    @Test
    void lockFopsAreEnosysWithoutFeaturesLocks() {
        put("/l", new byte[1]);
        Handle h = ok(fs.open(ROOT, "/l", O_RDWR));
        Flock lock = Flock.wholeFile(LockType.WRITE, 1, LkOwner.of(1));
        assertThat(errno(fs.top().lk(new Lk(ROOT, h.fd(), LkCmd.SETLK, lock, Xdata.EMPTY)))).isEqualTo(Errno.ENOSYS);
        Loc loc = ok(fs.resolve(ROOT, "/l"));
        assertThat(errno(fs.top().inodelk(new Inodelk(ROOT, "d", loc, LkCmd.SETLK, lock, Xdata.EMPTY))))
                .isEqualTo(Errno.ENOSYS);
        assertThat(errno(fs.top().entrylk(new Entrylk(ROOT, "d", loc, "x", EntrylkCmd.LOCK, EntrylkType.WRITE,
                Xdata.EMPTY)))).isEqualTo(Errno.ENOSYS);
        okVoid(fs.close(ROOT, h));
    }

    @Test
    void theInodeTableFollowsTheNamespace() {
        put("/n", new byte[1]);
        Inode n = fs.cached("/n");
        assertThat(n).isNotNull();
        okVoid(fs.rename(ROOT, "/n", "/m"));
        assertThat(fs.cached("/n")).isNull();
        assertThat(fs.cached("/m")).isSameAs(n);
        okVoid(fs.unlink(ROOT, "/m"));
        assertThat(fs.cached("/m")).isNull();
    }

    @Test
    void entryFopsWithoutANameAreRefusedWithEinvalAndChangeNothing() {
        Handle h = ok(fs.create(ROOT, "/named", O_RDWR, 0644));
        okVoid(fs.close(ROOT, h));
        ok(fs.mkdir(ROOT, "/dir", 0755));
        Inode root = graph.inodeTable().root();
        Loc file = ok(fs.resolve(ROOT, "/named"));
        Loc dir = ok(fs.resolve(ROOT, "/dir"));
        Loc fileNoName = new Loc(null, null, file.inode(), root, file.inode().gfid(), Gfid.ROOT);
        Loc dirNoName = new Loc(null, null, dir.inode(), root, dir.inode().gfid(), Gfid.ROOT);
        Loc newNoName = new Loc(null, null, graph.inodeTable().newInode(), root, Gfid.NULL, Gfid.ROOT);
        Loc fresh = Loc.root(root).child("other", graph.inodeTable().newInode());
        List<Mono<?>> calls = List.of(
                graph.top().unlink(new Unlink(ROOT, fileNoName, 0, Xdata.EMPTY)),
                graph.top().rmdir(new Rmdir(ROOT, dirNoName, 0, Xdata.EMPTY)),
                graph.top().rename(new Rename(ROOT, fileNoName, fresh, Xdata.EMPTY)),
                graph.top().rename(new Rename(ROOT, file, newNoName, Xdata.EMPTY)),
                graph.top().link(new Link(ROOT, file, newNoName, Xdata.EMPTY)));
        for (Mono<?> call : calls) {
            assertThatThrownBy(() -> call.block(Duration.ofSeconds(30)))
                    .isInstanceOfSatisfying(FopException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
        }
        assertThat(ok(fs.lstat(ROOT, "/named")).nlink()).isEqualTo(1);
        assertThat(ok(fs.lstat(ROOT, "/dir")).type()).isEqualTo(IaType.DIRECTORY);
    }
}
