package io.rxlator.xlators.storage.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.graph.VolfileException;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** What storage/posix leaves on disk, and what it never does. */
class PosixBrickTest {

    static final CallContext ROOT = CallContext.ROOT;

    @TempDir
    Path tmp;
    Path brick;
    Path outside;
    Graph graph;
    FileSystem fs;

    @BeforeEach
    void start() throws Exception {
        brick = Files.createDirectory(tmp.resolve("brick"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        graph = Graph.build(Volfile.builder().volume("posix", PosixTranslator.TYPE,
                v -> v.option("directory", brick.toString())).build(), TranslatorRegistry.load(), new InodeTable());
        graph.start();
        fs = new FileSystem(graph.top(), graph.inodeTable());
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    static <T> T ok(Mono<T> m) {
        return m.block(Duration.ofSeconds(30));
    }

    static Errno errno(Mono<?> m) {
        try {
            m.block(Duration.ofSeconds(30));
        } catch (FopException e) {
            return e.errno();
        }
        throw new AssertionError("expected a failure");
    }

    static Gfid gfidOn(Path p) {
        Bytes b = Sys.getxattr(p.toString(), "trusted.gfid", false);
        return b == null ? null : Gfid.fromBytes(b.toByteArray());
    }

    static Path handle(Path brick, Gfid g) {
        return brick.resolve(".glusterfs").resolve(String.format("%02x", g.byteAt(0)))
                .resolve(String.format("%02x", g.byteAt(1))).resolve(g.toString());
    }

    void write(String path, String text) {
        FileSystem.Handle h = ok(fs.create(ROOT, path, 2, 0644));
        ok(fs.write(ROOT, h, 0, Iovec.of(text.getBytes(StandardCharsets.UTF_8))));
        ok(fs.close(ROOT, h).thenReturn(1));
    }

    // ---- the on-disk format ----

    @Test
    void theBrickIsLaidOutAsGlusterfsLaysItOut() throws Exception {
        assertThat(gfidOn(brick)).isEqualTo(Gfid.ROOT);
        Path gl = brick.resolve(".glusterfs");
        assertThat(gl.resolve("00")).isDirectory();
        assertThat(gl.resolve("ff")).isDirectory();
        assertThat(gl.resolve("landfill")).isDirectory();
        assertThat(gl.resolve("unlink")).isDirectory();
        assertThat(Files.readSymbolicLink(handle(brick, Gfid.ROOT)).toString()).isEqualTo("../../..");
        // The modes GlusterFS 10.3 gives them.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gl))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gl.resolve("ab")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gl.resolve("landfill"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gl.resolve("unlink")))).isEqualTo("rw-------");
    }

    @Test
    void filesCarryTheirGfidAHardLinkedHandleAndGfid2path() throws Exception {
        ok(fs.mkdir(ROOT, "/d", 0755));
        write("/d/f", "hello");
        Gfid dir = gfidOn(brick.resolve("d"));
        Gfid file = gfidOn(brick.resolve("d/f"));
        assertThat(file).isEqualTo(ok(fs.lstat(ROOT, "/d/f")).gfid());
        assertThat(Files.isSameFile(handle(brick, file), brick.resolve("d/f"))).isTrue();
        assertThat(Files.getAttribute(brick.resolve("d/f"), "unix:nlink")).as("the name and the handle").isEqualTo(2);
        assertThat(ok(fs.lstat(ROOT, "/d/f")).nlink()).as("the handle is not counted").isEqualTo(1);
        String value = dir + "/f";
        String key = "trusted.gfid2path." + XxHash64.hex(value.getBytes(StandardCharsets.UTF_8));
        assertThat(Sys.getxattr(brick.resolve("d/f").toString(), key, false)).isEqualTo(Bytes.utf8(value));
        assertThat(Files.readSymbolicLink(handle(brick, dir)).toString())
                .isEqualTo("../../00/00/00000000-0000-0000-0000-000000000001/d");
        assertThat(Files.readString(brick.resolve("d/f"))).isEqualTo("hello");
    }

    @Test
    void renamesAndLinksKeepHandlesAndGfid2pathInStep() throws Exception {
        ok(fs.mkdir(ROOT, "/a", 0755));
        ok(fs.mkdir(ROOT, "/a/sub", 0755));
        write("/a/f", "x");
        Gfid a = gfidOn(brick.resolve("a"));
        Gfid sub = gfidOn(brick.resolve("a/sub"));
        Gfid f = gfidOn(brick.resolve("a/f"));
        ok(fs.rename(ROOT, "/a/sub", "/moved").thenReturn(1));
        assertThat(Files.readSymbolicLink(handle(brick, sub)).toString())
                .isEqualTo("../../00/00/00000000-0000-0000-0000-000000000001/moved");
        ok(fs.rename(ROOT, "/a/f", "/g").thenReturn(1));
        String oldKey = "trusted.gfid2path." + XxHash64.hex((a + "/f").getBytes(StandardCharsets.UTF_8));
        String newKey = "trusted.gfid2path." + XxHash64.hex((Gfid.ROOT + "/g").getBytes(StandardCharsets.UTF_8));
        assertThat(Sys.getxattr(brick.resolve("g").toString(), oldKey, false)).isNull();
        assertThat(Sys.getxattr(brick.resolve("g").toString(), newKey, false)).isNotNull();
        ok(fs.link(ROOT, "/g", "/g2"));
        assertThat(Sys.listxattr(brick.resolve("g").toString(), false)).filteredOn(k -> k.startsWith("trusted.gfid2path."))
                .hasSize(2);
        ok(fs.unlink(ROOT, "/g").thenReturn(1));
        assertThat(handle(brick, f)).as("another name is left").exists();
        ok(fs.unlink(ROOT, "/g2").thenReturn(1));
        assertThat(handle(brick, f)).as("the last name is gone").doesNotExist();
        ok(fs.rmdir(ROOT, "/moved").thenReturn(1));
        assertThat(Files.exists(handle(brick, sub), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aNameReplacedBehindTheBricksBackIsRemovedAsWhatItNamesNow() throws Exception {
        write("/a", "first");
        write("/b", "second");
        Gfid a = ok(fs.lstat(ROOT, "/a")).gfid(); // the brick now holds a's fd
        Gfid b = gfidOn(brick.resolve("b"));
        Files.move(brick.resolve("b"), brick.resolve("a"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // The caller still thinks /a is a; the name is b's now.
        Loc stale = new Loc("/a", "a", null, graph.inodeTable().root(), a, Gfid.ROOT);
        ok(fs.top().unlink(new Unlink(ROOT, stale, 0, Xdata.EMPTY)));
        assertThat(brick.resolve("a")).doesNotExist();
        assertThat(handle(brick, b)).as("b lost its last name").doesNotExist();
        assertThat(handle(brick, a)).as("a, no longer named, is not what was unlinked").exists();

        write("/c", "third");
        Gfid c = ok(fs.lstat(ROOT, "/c")).gfid();
        Loc current = new Loc("/c", "c", null, graph.inodeTable().root(), c, Gfid.ROOT);
        ok(fs.top().unlink(new Unlink(ROOT, current, 0, Xdata.EMPTY)));
        assertThat(brick.resolve("c")).doesNotExist();
        assertThat(handle(brick, c)).doesNotExist();
    }

    @Test
    void aFileMadeBehindTheBricksBackGetsTheGfidTheClientAsksFor() throws Exception {
        Files.writeString(brick.resolve("foreign"), "made directly");
        assertThat(gfidOn(brick.resolve("foreign"))).isNull();
        Gfid wanted = Gfid.random();
        Loc loc = Loc.root(graph.inodeTable().root()).child("foreign", graph.inodeTable().newInode());
        LookupReply r = ok(fs.top().lookup(new Lookup(ROOT, loc, Xdata.of(XdataKeys.GFID_REQ, wanted))));
        assertThat(r.buf().gfid()).isEqualTo(wanted);
        assertThat(gfidOn(brick.resolve("foreign"))).isEqualTo(wanted);
        assertThat(handle(brick, wanted)).exists();
        assertThat(new String(ok(fs.open(ROOT, "/foreign", 0).flatMap(h -> fs.read(ROOT, h, 0, 100))).toByteArray()))
                .isEqualTo("made directly");
    }

    @Test
    void theHousekeepingDirectoryIsHidden() {
        assertThat(errno(fs.lstat(ROOT, "/.glusterfs"))).isEqualTo(Errno.EPERM);
        assertThat(errno(fs.mkdir(ROOT, "/.glusterfs", 0755))).isEqualTo(Errno.EPERM);
        FileSystem.Handle root = ok(fs.opendir(ROOT, "/"));
        assertThat(ok(fs.list(ROOT, root, 4096, true).map(Dirent::name).collectList())).doesNotContain(".glusterfs");
    }

    @Test
    void theBricksOwnAttributesCannotBeChangedByClients() {
        write("/f", "x");
        assertThat(errno(fs.setxattr(ROOT, "/f", "trusted.gfid", Bytes.wrap(Gfid.random().toBytes()), 0)))
                .isEqualTo(Errno.EPERM);
        assertThat(errno(fs.removexattr(ROOT, "/f", "trusted.gfid"))).isEqualTo(Errno.EPERM);
        assertThat(ok(fs.listxattr(ROOT, "/f")).names()).noneMatch(n -> n.startsWith("trusted.gfid"));
        assertThat(ok(fs.getxattr(ROOT, "/f", "glusterfs.gfid.string")).utf8()).isEqualTo(ok(fs.lstat(ROOT, "/f")).gfid().toString());
    }

    // ---- nothing outside the brick, whatever symlinks it holds ----

    @Test
    void symlinksPlantedInTheBrickNeverLeadOutOfIt() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim"), "untouched");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
        Path victimDir = Files.createDirectory(outside.resolve("dir"));
        Files.createSymbolicLink(brick.resolve("evil"), victim);
        Files.createSymbolicLink(brick.resolve("up"), Path.of(".."));
        Files.createSymbolicLink(brick.resolve("linkdir"), victimDir);
        Files.createSymbolicLink(brick.resolve("etc"), Path.of("/etc"));

        assertThat(ok(fs.lstat(ROOT, "/evil")).type()).isEqualTo(IaType.SYMLINK);
        assertThat(errno(fs.open(ROOT, "/evil", 2))).isEqualTo(Errno.ELOOP);
        assertThat(errno(fs.open(ROOT, "/evil", 0))).isEqualTo(Errno.ELOOP);
        assertThat(errno(fs.truncate(ROOT, "/evil", 0))).isIn(Errno.EINVAL, Errno.ELOOP);
        ok(fs.chmod(ROOT, "/evil", 0777));
        ok(fs.chown(ROOT, "/evil", 1234, 1234));
        ok(fs.setattr(ROOT, "/evil", Iatt.builder().mtime(1, 0).build(), SetattrValid.MTIME));
        assertThat(errno(fs.setxattr(ROOT, "/evil", "user.x", Bytes.utf8("y"), 0))).isEqualTo(Errno.EPERM);
        // Through a symlinked directory, nothing resolves.
        assertThat(errno(fs.create(ROOT, "/linkdir/new", 2, 0644))).isIn(Errno.ELOOP, Errno.ENOTDIR);
        assertThat(errno(fs.lstat(ROOT, "/etc/passwd"))).isIn(Errno.ELOOP, Errno.ENOTDIR);
        assertThat(errno(fs.lstat(ROOT, "/up/outside/victim"))).isIn(Errno.ELOOP, Errno.ENOTDIR);
        assertThat(errno(fs.opendir(ROOT, "/linkdir"))).isIn(Errno.ELOOP, Errno.ENOTDIR);
        assertThat(errno(fs.mkdir(ROOT, "/etc/x", 0755))).isIn(Errno.ELOOP, Errno.ENOTDIR);
        assertThat(errno(fs.unlink(ROOT, "/etc/passwd"))).isIn(Errno.ELOOP, Errno.ENOTDIR);
        // Removing the symlink removes the symlink.
        ok(fs.unlink(ROOT, "/evil").thenReturn(1));
        assertThat(Files.exists(brick.resolve("evil"), LinkOption.NOFOLLOW_LINKS)).isFalse();

        assertThat(Files.readString(victim)).isEqualTo("untouched");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim))).isEqualTo("rw-r--r--");
        assertThat(Files.getAttribute(victim, "unix:uid")).isEqualTo(0);
        assertThat(Sys.listxattr(victim.toString(), true)).isEmpty();
        assertThat(victimDir.toFile().list()).isEmpty();
        assertThat(Files.exists(Path.of("/etc/x"))).isFalse();
        assertThat(Files.exists(Path.of("/etc/passwd"))).isTrue();
    }

    @Test
    void pathsThatClimbOutAreRefused() {
        InodeTable t = graph.inodeTable();
        Loc dotdot = Loc.root(t.root()).child("..", t.newInode());
        assertThat(errno(fs.top().lookup(new Lookup(ROOT, dotdot, Xdata.EMPTY)))).isEqualTo(Errno.EINVAL);
        Loc climb = new Loc("/../outside/victim", "victim", t.newInode(), null, Gfid.random(), Gfid.NULL);
        assertThat(errno(fs.top().stat(new Stat(ROOT, climb, Xdata.EMPTY)))).isEqualTo(Errno.ENOENT);
    }

    @Test
    void aReplacedDirectoryIsNotFollowedThroughItsHandle() throws Exception {
        ok(fs.mkdir(ROOT, "/real", 0755));
        write("/real/f", "inside");
        Gfid real = gfidOn(brick.resolve("real"));
        // Somebody swaps the directory for a symlink to the outside behind the brick's back.
        Files.move(brick.resolve("real"), brick.resolve("moved-away"));
        Files.createSymbolicLink(brick.resolve("real"), outside);
        Loc byGfid = Loc.nameless(real);
        // Found where it went (the handle the brick keeps open follows it), or not at all: never
        // through the symlink.
        try {
            StatReply r = fs.top().stat(new Stat(ROOT, byGfid, Xdata.EMPTY)).block(Duration.ofSeconds(30));
            assertThat(r.buf().gfid()).isEqualTo(real);
            assertThat(r.buf().ino()).isNotEqualTo(Files.getAttribute(outside, "unix:ino"));
        } catch (FopException e) {
            assertThat(e.errno()).isIn(Errno.ENOENT, Errno.ELOOP);
        }
        assertThat(outside.toFile().list()).isEmpty();
    }

    @Test
    void aDirectoryMovedOutOfTheBrickIsNeverWrittenInto() throws Exception {
        ok(fs.mkdir(ROOT, "/d", 0755));
        Gfid d = gfidOn(brick.resolve("d"));
        ok(fs.top().stat(new Stat(ROOT, Loc.nameless(d), Xdata.EMPTY))); // the brick now holds d open
        Files.move(brick.resolve("d"), outside.resolve("d"));
        Inode parent = graph.inodeTable().find(d);
        Loc entry = new Loc(null, "planted", graph.inodeTable().newInode(), parent, Gfid.NULL, d);
        assertThat(errno(fs.top().mkdir(new Mkdir(ROOT, entry, 0755, 0, Xdata.of(XdataKeys.GFID_REQ, Gfid.random())))))
                .isEqualTo(Errno.ENOENT);
        assertThat(outside.resolve("d").toFile().list()).isEmpty();
    }

    /**
     * A directory the brick holds open and that is moved behind its back, from and to depths on
     * both sides of the levels {@code ..} is followed up before the kernel is asked for the path:
     * it keeps being used wherever it is inside the brick, and is never written into outside it.
     */
    @ParameterizedTest(name = "{0} deep, moved {1} {2} deep")
    @CsvSource({"1, inside, 1", "1, inside, 6", "6, inside, 1", "6, inside, 6", "4, inside, 5",
            "1, outside, 1", "1, outside, 6", "6, outside, 1", "5, outside, 4", "3, outside, 3", "2, top, 1"})
    void aCachedDirectoryIsUsedWhereverItIsInsideTheBrickAndNeverOutside(int depth, String where, int newDepth)
            throws Exception {
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < depth; i++) {
            path.append("/p").append(i);
            ok(fs.mkdir(ROOT, path.toString(), 0755));
        }
        path.append("/d");
        ok(fs.mkdir(ROOT, path.toString(), 0755));
        Path d = brick.resolve(path.substring(1));
        Gfid g = gfidOn(d);
        ok(fs.top().stat(new Stat(ROOT, Loc.nameless(g), Xdata.EMPTY))); // the brick now holds d open
        // "top": right below the temporary directory (/tmp), so that going up by .. reaches the
        // file system's top within the levels looked at.
        Path to = switch (where) {
            case "inside" -> brick.resolve("elsewhere");
            case "outside" -> outside;
            default -> Path.of(System.getProperty("java.io.tmpdir")).resolve("rxlator-moved-" + g);
        };
        for (int i = 1; i < newDepth; i++) {
            to = to.resolve("q" + i);
        }
        Path moved = to.resolve("d");
        try {
            Files.createDirectories(to);
            Files.move(d, moved);
            Loc entry = new Loc(null, "planted", graph.inodeTable().newInode(), graph.inodeTable().find(g), Gfid.NULL,
                    g);
            Mono<MkdirReply> mkdir = fs.top().mkdir(new Mkdir(ROOT, entry, 0755, 0,
                    Xdata.of(XdataKeys.GFID_REQ, Gfid.random())));
            if (where.equals("inside")) {
                ok(mkdir);
                assertThat(moved.resolve("planted")).isDirectory();
            } else {
                assertThat(errno(mkdir)).isEqualTo(Errno.ENOENT);
                assertThat(moved.toFile().list()).isEmpty();
            }
        } finally {
            if (where.equals("top")) {
                Files.deleteIfExists(moved.resolve("planted"));
                Files.deleteIfExists(moved);
                Files.deleteIfExists(to);
            }
        }
    }

    // ---- start-up ----

    @Test
    void aMissingDirectoryOrAMismatchedVolumeIdIsReportedByName() throws Exception {
        Volfile missing = Volfile.builder().volume("p", PosixTranslator.TYPE,
                v -> v.option("directory", tmp.resolve("nope").toString())).build();
        assertThatThrownBy(() -> Graph.build(missing, TranslatorRegistry.load()))
                .isInstanceOfSatisfying(VolfileException.class, e -> assertThat(e.getMessage())
                        .contains("storage/posix failed to initialise: directory '" + tmp.resolve("nope") + "' doesn't exist"));
        Path fresh = Files.createDirectory(tmp.resolve("fresh"));
        Volfile withId = Volfile.builder().volume("p", PosixTranslator.TYPE, v -> v.option("directory", fresh.toString())
                .option("volume-id", Gfid.random().toString())).build();
        assertThatThrownBy(() -> Graph.build(withId, TranslatorRegistry.load()))
                .isInstanceOfSatisfying(VolfileException.class, e -> assertThat(e.getMessage())
                        .contains("extended attribute trusted.glusterfs.volume-id is absent"));
        Gfid id = Gfid.random();
        Sys.setxattr(fresh.toString(), "trusted.glusterfs.volume-id", Bytes.wrap(id.toBytes()), 0, true);
        Volfile other = Volfile.builder().volume("p", PosixTranslator.TYPE, v -> v.option("directory", fresh.toString())
                .option("volume-id", Gfid.random().toString())).build();
        assertThatThrownBy(() -> Graph.build(other, TranslatorRegistry.load()))
                .isInstanceOfSatisfying(VolfileException.class, e -> assertThat(e.getMessage()).contains("mismatching volume-id"));
        Volfile right = Volfile.builder().volume("p", PosixTranslator.TYPE, v -> v.option("directory", fresh.toString())
                .option("volume-id", id.toString())).build();
        Graph.build(right, TranslatorRegistry.load()).close();
    }

    // ---- threads ----

    @Test
    void fopsCalledFromANonBlockingThreadRunTheirSystemCallsElsewhere() {
        write("/t", "data");
        String thread = Mono.defer(() -> fs.lstat(ROOT, "/t").map(a -> Thread.currentThread().getName()))
                .subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
        assertThat(thread).startsWith("boundedElastic");
    }

    @Test
    void blockHoundIsWatching() {
        assertThatThrownBy(() -> Mono.fromRunnable(Sys::blocking).subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(10))).hasMessageContaining("Blocking call!");
    }
}
