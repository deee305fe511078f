package io.rxlator.fuse;

import static io.rxlator.fuse.support.Posix.C;
import static io.rxlator.fuse.support.Posix.c;
import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.fuse.support.Mounted;
import io.rxlator.fuse.support.Posix;
import io.rxlator.runtime.fop.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user does with a mounted file system, checked through the kernel on one stack.
 * Each subclass mounts its stack once; each test works in a directory of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PosixBehaviourSuite {

    Path base;
    Mounted mounted;
    Path dir;

    /** The volfile of the stack, given a fresh export directory. */
    abstract String volfile(Path export);

    /** The stored form of {@code data} in the export, or null when the stack has no export to look at. */
    abstract byte[] stored(byte[] data);

    /** The export directory, for stacks that have one. */
    Path export;

    @BeforeAll
    void mount() throws Exception {
        base = Files.createTempDirectory("rxlator-posix-suite");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        export = Files.createDirectory(base.resolve("export"));
        mounted = Mounted.volfile(volfile(export), base.resolve("mnt"), new MountOptions().with("allow_other"));
    }

    @AfterAll
    void unmount() throws IOException {
        try {
            if (mounted != null) {
                mounted.close();
            }
        } finally {
            afterUnmount();
        }
        try (Stream<Path> walk = Files.walk(base)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Stops whatever else the stack needed (a brick server), once the mount is gone. */
    void afterUnmount() {
    }

    @BeforeEach
    void ownDirectory(TestInfo info) throws IOException {
        String name = info.getTestMethod().orElseThrow().getName() + "-" + Math.abs(info.getDisplayName().hashCode());
        dir = Files.createDirectory(mounted.root.resolve(name));
    }

    static Errno errno(long result) {
        return Posix.errno(result);
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    // ---- data ----

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 4095, 4096, 4097, 131071, 131072, 131073, 1_048_589, 64 << 20})
    void dataWrittenAtOddOffsetsAndSizesReadsBackExactly(int size) throws Exception {
        Random rnd = new Random(size * 31L + 7);
        byte[] model = new byte[size];
        rnd.nextBytes(model);
        Path f = dir.resolve("data");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int pos = 0;
            while (pos < size) {
                int n = Math.min(size - pos, 1 + rnd.nextInt(300 * 1024));
                ch.write(ByteBuffer.wrap(model, pos, n), pos);
                pos += n;
            }
            // Overwrites at odd places and sizes.
            for (int i = 0; i < 50 && size > 0; i++) {
                int at = rnd.nextInt(size);
                int n = Math.min(size - at, 1 + rnd.nextInt(70_000));
                byte[] patch = new byte[n];
                rnd.nextBytes(patch);
                System.arraycopy(patch, 0, model, at, n);
                ch.write(ByteBuffer.wrap(patch), at);
            }
        }
        assertThat(Files.size(f)).isEqualTo(size);
        // Read back in random chunks through a fresh open (the kernel drops its cache on open).
        byte[] back = new byte[size];
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            int pos = 0;
            while (pos < size) {
                int n = Math.min(size - pos, 1 + rnd.nextInt(200 * 1024));
                ByteBuffer b = ByteBuffer.wrap(back, pos, n);
                while (b.hasRemaining()) {
                    assertThat(ch.read(b, pos + (n - b.remaining()))).isPositive();
                }
                pos += n;
            }
            assertThat(ch.read(ByteBuffer.allocate(10), size)).isEqualTo(-1);
        }
        assertThat(sha256(back)).isEqualTo(sha256(model));
        byte[] expected = stored(model);
        if (expected != null) {
            assertThat(sha256(Files.readAllBytes(export.resolve(dir.getFileName()).resolve("data"))))
                    .isEqualTo(sha256(expected));
        }
    }

    @Test
    void appendsGoToTheEnd() throws Exception {
        Path f = dir.resolve("log");
        for (int i = 0; i < 100; i++) {
            Files.writeString(f, "line " + i + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(100);
        assertThat(lines.get(99)).isEqualTo("line 99");
    }

    @Test
    void sparseFilesReadZeroesInTheirHolesAndTakeLittleSpace() throws Exception {
        Path f = dir.resolve("sparse");
        long far = 1L << 30;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("head".getBytes(StandardCharsets.UTF_8)), 0);
            ch.write(ByteBuffer.wrap("tail".getBytes(StandardCharsets.UTF_8)), far);
        }
        assertThat(Files.size(f)).isEqualTo(far + 4);
        assertThat(allocated(f)).as("a 1 GiB hole takes no space").isLessThan(1L << 20);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(8192);
            ch.read(b, far / 2);
            b.flip();
            while (b.hasRemaining()) {
                assertThat(b.get()).isZero();
            }
            ByteBuffer t = ByteBuffer.allocate(4);
            ch.read(t, far);
            assertThat(new String(t.array(), StandardCharsets.UTF_8)).isEqualTo("tail");
        }
    }

    /** Bytes the file takes, as stat(1) says (st_blocks × 512). */
    static long allocated(Path f) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b", f.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Long.parseLong(out) * 512;
    }

    @Test
    void truncateShrinksAndGrows() throws Exception {
        Path f = dir.resolve("t");
        byte[] data = new byte[100_000];
        new Random(3).nextBytes(data);
        Files.write(f, data);
        assertThat(errno(C.truncate(c(f), 10_000))).isNull();
        assertThat(Files.readAllBytes(f)).isEqualTo(java.util.Arrays.copyOf(data, 10_000));
        assertThat(errno(C.truncate(c(f), 50_000))).isNull();
        byte[] grown = Files.readAllBytes(f);
        assertThat(grown).hasSize(50_000);
        assertThat(java.util.Arrays.copyOf(grown, 10_000)).isEqualTo(java.util.Arrays.copyOf(data, 10_000));
        for (int i = 10_000; i < 50_000; i++) {
            assertThat(grown[i]).isZero();
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(7);
        }
        assertThat(Files.size(f)).isEqualTo(7);
        Files.writeString(f, "abc", StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(Files.readString(f)).isEqualTo("abc");
    }

    // ---- names ----

    @Test
    void renameReplacesFilesAndEmptyDirectoriesAndRefusesTheRest() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "A");
        Path b = Files.writeString(dir.resolve("b"), "B");
        assertThat(errno(C.rename(c(a), c(b)))).isNull();
        assertThat(Files.exists(a)).isFalse();
        assertThat(Files.readString(b)).isEqualTo("A");

        Path d1 = Files.createDirectory(dir.resolve("d1"));
        Files.writeString(d1.resolve("inside"), "x");
        Path d2 = Files.createDirectory(dir.resolve("d2"));
        assertThat(errno(C.rename(c(d1), c(d2)))).isNull();
        assertThat(Files.readString(d2.resolve("inside"))).isEqualTo("x");

        Path d3 = Files.createDirectory(dir.resolve("d3"));
        assertThat(errno(C.rename(c(d3), c(d2)))).isEqualTo(Errno.ENOTEMPTY);
        assertThat(errno(C.rename(c(b), c(d3)))).isEqualTo(Errno.EISDIR);
        assertThat(errno(C.rename(c(d3), c(b)))).isEqualTo(Errno.ENOTDIR);
        assertThat(errno(C.rename(c(d2), c(d2.resolve("sub"))))).isEqualTo(Errno.EINVAL);
        assertThat(errno(C.rename(c(dir.resolve("missing")), c(b)))).isEqualTo(Errno.ENOENT);

        // Across directories, with the file open: the open file keeps reading.
        Path moved = d3.resolve("moved");
        try (FileChannel ch = FileChannel.open(b, StandardOpenOption.READ)) {
            assertThat(errno(C.rename(c(b), c(moved)))).isNull();
            ByteBuffer buf = ByteBuffer.allocate(1);
            ch.read(buf, 0);
            assertThat(buf.array()[0]).isEqualTo((byte) 'A');
        }
        assertThat(Files.readString(moved)).isEqualTo("A");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("d2", "d3");
        }
    }

    @Test
    void hardLinksShareDataAndCountLinks() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "shared");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertThat(errno(C.link(c(f), c(dir.resolve("g"))))).isNull();
        assertThat(errno(C.link(c(f), c(sub.resolve("h"))))).isNull();
        assertThat(Files.getAttribute(f, "unix:nlink")).isEqualTo(3);
        assertThat(Files.getAttribute(sub.resolve("h"), "unix:ino")).isEqualTo(Files.getAttribute(f, "unix:ino"));
        Files.writeString(sub.resolve("h"), "changed");
        assertThat(Files.readString(dir.resolve("g"))).isEqualTo("changed");
        Files.delete(f);
        assertThat(Files.getAttribute(dir.resolve("g"), "unix:nlink")).isEqualTo(2);
        assertThat(errno(C.link(c(sub), c(dir.resolve("dirlink"))))).isEqualTo(Errno.EPERM);
        assertThat(errno(C.link(c(dir.resolve("g")), c(sub.resolve("h"))))).isEqualTo(Errno.EEXIST);
    }

    @Test
    void symlinksResolveDangleAndLoop() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "via link");
        Path link = dir.resolve("link");
        assertThat(errno(C.symlink(c("target"), c(link)))).isNull();
        assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("target");
        assertThat(Files.readString(link)).isEqualTo("via link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        Files.delete(target);
        assertThat(Posix.open(link, Posix.O_RDONLY, 0)).isEqualTo(Errno.ENOENT);
        assertThat(errno(C.symlink(c("loop2"), c(dir.resolve("loop1"))))).isNull();
        assertThat(errno(C.symlink(c("loop1"), c(dir.resolve("loop2"))))).isNull();
        assertThat(Posix.open(dir.resolve("loop1"), Posix.O_RDONLY, 0)).isEqualTo(Errno.ELOOP);
        String longTarget = "x/".repeat(1000) + "y";
        assertThat(errno(C.symlink(c(longTarget), c(dir.resolve("long"))))).isNull();
        assertThat(Files.readSymbolicLink(dir.resolve("long")).toString()).isEqualTo(longTarget);
    }

    // ---- attributes ----

    @Test
    void chmodChownAndTimesWithNanoseconds() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
        assertThat(errno(C.chmod(c(f), 04755))).isNull();
        assertThat((Integer) Files.getAttribute(f, "unix:mode") & 07777).isEqualTo(04755);
        Files.setAttribute(f, "unix:uid", 1234);
        Files.setAttribute(f, "unix:gid", 5678);
        assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(1234);
        assertThat(Files.getAttribute(f, "unix:gid")).isEqualTo(5678);
        Instant when = Instant.ofEpochSecond(1_500_000_000L, 123_456_789L);
        Files.setLastModifiedTime(f, FileTime.from(when));
        Files.setAttribute(f, "lastAccessTime", FileTime.from(when.plusNanos(1)));
        assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(when);
        assertThat(((FileTime) Files.getAttribute(f, "lastAccessTime")).toInstant()).isEqualTo(when.plusNanos(1));
        Instant before = Instant.now().minusSeconds(5);
        new ProcessBuilder("touch", f.toString()).start().waitFor(30, TimeUnit.SECONDS);
        assertThat(Files.getLastModifiedTime(f).toInstant()).isAfter(before);
    }

    @Test
    void extendedAttributesSetGetListRemove() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        byte[] v1 = "value one".getBytes(StandardCharsets.UTF_8);
        byte[] v2 = new byte[3000];
        new Random(5).nextBytes(v2);
        assertThat(errno(C.setxattr(c(f), c("user.one"), v1, v1.length, 0))).isNull();
        assertThat(errno(C.setxattr(c(f), c("user.two"), v2, v2.length, 0))).isNull();
        assertThat(errno(C.setxattr(c(f), c("user.one"), v1, v1.length, Posix.XATTR_CREATE))).isEqualTo(Errno.EEXIST);
        assertThat(errno(C.setxattr(c(f), c("user.none"), v1, v1.length, Posix.XATTR_REPLACE))).isEqualTo(Errno.ENODATA);
        byte[] buf = new byte[4096];
        assertThat(C.getxattr(c(f), c("user.two"), buf, buf.length)).isEqualTo(3000);
        assertThat(java.util.Arrays.copyOf(buf, 3000)).isEqualTo(v2);
        assertThat(C.getxattr(c(f), c("user.two"), null, 0)).as("size query").isEqualTo(3000);
        assertThat(errno(C.getxattr(c(f), c("user.two"), buf, 10))).isEqualTo(Errno.ERANGE);
        assertThat(errno(C.getxattr(c(f), c("user.missing"), buf, buf.length))).isEqualTo(Errno.ENODATA);
        long n = C.listxattr(c(f), buf, buf.length);
        Set<String> names = new HashSet<>(List.of(new String(buf, 0, (int) n, StandardCharsets.UTF_8).split("\0")));
        assertThat(names).contains("user.one", "user.two");
        assertThat(names).noneMatch(s -> s.startsWith("trusted.gfid") || s.startsWith("trusted.glusterfs"));
        assertThat(errno(C.removexattr(c(f), c("user.one")))).isNull();
        assertThat(errno(C.removexattr(c(f), c("user.one")))).isEqualTo(Errno.ENODATA);
        assertThat(errno(C.getxattr(c(f), c("user.one"), buf, buf.length))).isEqualTo(Errno.ENODATA);
    }

    @Test
    void statfsReportsTheStorage() throws Exception {
        FileStore store = Files.getFileStore(mounted.root);
        assertThat(store.getTotalSpace()).isPositive();
        assertThat(store.getUsableSpace()).isBetween(0L, store.getTotalSpace());
        assertThat(store.type()).isEqualTo("fuse.rxlator");
    }

    // ---- directories ----

    @Test
    void aDirectoryOfTenThousandEntriesListsEachOnceExactly() throws Exception {
        Path big = Files.createDirectory(dir.resolve("big"));
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String name = "entry-" + i + (i % 7 == 0 ? "-with-a-somewhat-longer-name-to-vary-record-sizes" : "");
            Files.createFile(big.resolve(name));
            made.add(name);
        }
        List<String> listed = new java.util.ArrayList<>();
        try (var s = Files.newDirectoryStream(big)) {
            for (Path p : s) {
                listed.add(p.getFileName().toString());
            }
        }
        assertThat(listed).hasSize(10_000);
        assertThat(new HashSet<>(listed)).isEqualTo(made);
        // ls sees "." and ".." as well, and the same count otherwise.
        Process ls = new ProcessBuilder("ls", "-f", big.toString()).start();
        long lines = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().count();
        assertThat(ls.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).isEqualTo(10_002);
    }

    // ---- failures ----

    @Test
    void everyFailureHasItsErrno() throws Exception {
        Path f = Files.writeString(dir.resolve("file"), "x");
        Path d = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(d.resolve("inner"), "y");
        assertThat(Posix.open(dir.resolve("missing"), Posix.O_RDONLY, 0)).isEqualTo(Errno.ENOENT);
        assertThat(errno(C.mkdir(c(dir.resolve("missing/deeper")), 0755))).isEqualTo(Errno.ENOENT);
        assertThat(errno(C.unlink(c(dir.resolve("missing"))))).isEqualTo(Errno.ENOENT);
        assertThat(errno(C.mkdir(c(d), 0755))).isEqualTo(Errno.EEXIST);
        assertThat(Posix.open(f, Posix.O_CREAT | Posix.O_EXCL | Posix.O_WRONLY, 0644)).isEqualTo(Errno.EEXIST);
        assertThat(errno(C.symlink(c("x"), c(f)))).isEqualTo(Errno.EEXIST);
        assertThat(errno(C.rmdir(c(d)))).isEqualTo(Errno.ENOTEMPTY);
        assertThat(Posix.open(d, Posix.O_WRONLY, 0)).isEqualTo(Errno.EISDIR);
        assertThat(errno(C.unlink(c(d)))).isEqualTo(Errno.EISDIR);
        assertThat(errno(C.rmdir(c(f)))).isEqualTo(Errno.ENOTDIR);
        assertThat(errno(C.mkdir(c(f.resolve("under")), 0755))).isEqualTo(Errno.ENOTDIR);
        assertThat(Posix.open(f, Posix.O_RDONLY | Posix.O_DIRECTORY, 0)).isEqualTo(Errno.ENOTDIR);
        String tooLong = "n".repeat(256);
        assertThat(Posix.open(dir.resolve(tooLong), Posix.O_CREAT | Posix.O_WRONLY, 0644)).isEqualTo(Errno.ENAMETOOLONG);
        assertThat(errno(C.mkdir(c(dir.resolve(tooLong)), 0755))).isEqualTo(Errno.ENAMETOOLONG);
        String longest = "n".repeat(255);
        assertThat(Posix.open(dir.resolve(longest), Posix.O_CREAT | Posix.O_WRONLY, 0644)).isNull();
    }

    @Test
    void aNonRootCallerIsRefusedA0600FileButReadsA0644One() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "root only");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path open = Files.writeString(dir.resolve("open"), "for all");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String[] asNobody = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat"};
        Process ok = new ProcessBuilder(concat(asNobody, open.toString())).redirectErrorStream(true).start();
        assertThat(new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("for all");
        assertThat(ok.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ok.exitValue()).isZero();
        Process refused = new ProcessBuilder(concat(asNobody, secret.toString())).redirectErrorStream(true).start();
        assertThat(new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("Permission denied");
        assertThat(refused.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(1);
        Process write = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c",
                "echo x > " + dir.resolve("made-by-nobody")).redirectErrorStream(true).start();
        assertThat(new String(write.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("Permission denied");
        assertThat(write.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(dir.resolve("made-by-nobody"))).isFalse();
    }

    /**
     * Set-ID bits go as Linux clears them, whether the kernel clears them or leaves that to the
     * mount: a write, a truncate, a truncating open or a fallocate by a caller without CAP_FSETID clears
     * set-user-ID, and set-group-ID when the group may execute (without that it stays); root's
     * write keeps both; root's chown clears them; a file that such a caller makes with a truncating
     * create keeps the bits an exclusive create gives (all of them on storage/memory, none on
     * storage/posix, whose create-mask is 0777 as GlusterFS's). Each mode is read right after,
     * through the kernel.
     */
    @Test
    void setIdBitsGoAsLinuxClearsThem() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String[][] made = { // name, mode, owner
            {"written", "6775", "65534"}, {"truncated", "6775", "65534"}, {"reopened", "6775", "65534"},
            {"allocated", "6775", "65534"},
            {"sgid-no-exec", "2745", "65534"}, {"others-write", "6777", "0"}, {"root-writes", "6775", "0"},
            {"chowned", "6775", "0"}};
        for (String[] f : made) {
            Path p = Files.writeString(dir.resolve(f[0]), "x");
            Files.setAttribute(p, "unix:uid", Integer.parseInt(f[2]));
            Files.setAttribute(p, "unix:gid", Integer.parseInt(f[2]));
            assertThat(errno(C.chmod(c(p), Integer.parseInt(f[1], 8)))).isNull();
        }
        Path forAll = Files.createDirectory(dir.resolve("for-all"));
        assertThat(errno(C.chmod(c(forAll), 0777))).isNull();
        String script = "echo y >> written && truncate -s 1 truncated && echo y > reopened && echo y >> sgid-no-exec"
                + " && echo y >> others-write && fallocate -l 8192 allocated && umask 022 && perl -MFcntl -e"
                + " 'for (\"made\", \"excl\") { sysopen(F, \"for-all/$_\", O_CREAT|O_WRONLY|($_ eq \"made\" ? O_TRUNC : O_EXCL),"
                + " 06775) or die \"$!\"; close F }'";
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", script)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        Files.writeString(dir.resolve("root-writes"), "y", StandardOpenOption.APPEND);
        Files.setAttribute(dir.resolve("chowned"), "unix:uid", 1234);
        String[][] expected = {
            {"written", "775"}, {"truncated", "775"}, {"reopened", "775"}, {"allocated", "775"}, {"sgid-no-exec", "2745"},
            {"others-write", "777"}, {"root-writes", "6775"}, {"chowned", "775"}};
        for (String[] e : expected) {
            int mode = (Integer) Files.getAttribute(dir.resolve(e[0]), "unix:mode") & 07777;
            assertThat(Integer.toOctalString(mode)).as(e[0]).isEqualTo(e[1]);
        }
        assertThat(Files.getAttribute(forAll.resolve("made"), "unix:mode"))
                .isEqualTo(Files.getAttribute(forAll.resolve("excl"), "unix:mode"));
        assertThat(Files.readString(dir.resolve("written"))).isEqualTo("xy\n");
        assertThat(Files.readString(dir.resolve("truncated"))).isEqualTo("x");
    }

    private static String[] concat(String[] a, String b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = b;
        return r;
    }

    @Test
    void renameAndLinkAcrossMountsAreExdev() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        try (Mounted other = Mounted.volfile("volume m\n type storage/memory\nend-volume\n", base.resolve("other-"
                + System.nanoTime()), new MountOptions())) {
            assertThat(errno(C.rename(c(f), c(other.root.resolve("f"))))).isEqualTo(Errno.EXDEV);
            assertThat(errno(C.link(c(f), c(other.root.resolve("f"))))).isEqualTo(Errno.EXDEV);
        }
    }
}
