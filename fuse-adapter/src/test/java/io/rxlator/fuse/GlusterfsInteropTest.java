package io.rxlator.fuse;

import static io.rxlator.fuse.support.Posix.C;
import static io.rxlator.fuse.support.Posix.c;
import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.fuse.support.Mounted;
import io.rxlator.fuse.support.Posix;
import io.rxlator.fuse.support.RequiresFuse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A brick written by rxlator's storage/posix opens in GlusterFS 10.3's own storage/posix
 * ({@code glusterfs -f}), and the other way round: the same tree, contents, modes, owners,
 * links, xattrs and inode numbers through either mount, and the same gfids on disk.
 */
@RequiresFuse
class GlusterfsInteropTest {

    static final Path GLUSTERFS = Path.of("/usr/sbin/glusterfs");

    @TempDir
    Path tmp;
    Path export;

    @BeforeEach
    void glusterfsIsHere() throws IOException {
        if (!Files.isExecutable(GLUSTERFS)) {
            System.err.println("\n******** SKIPPING GlusterFS interop: " + GLUSTERFS + " is missing "
                    + "(apt-get install glusterfs-client) ********\n");
        }
        Assumptions.assumeTrue(Files.isExecutable(GLUSTERFS), "glusterfs is installed");
        export = Files.createDirectory(tmp.resolve("export"));
    }

    String volfile() {
        return "volume posix\n    type storage/posix\n    option directory " + export + "\nend-volume\n";
    }

    /** GlusterFS's own client, mounting the same volfile; unmounted (lazily if need be) on close. */
    final class GlusterMount implements AutoCloseable {
        final Path root;

        GlusterMount(Path root) throws Exception {
            this.root = root;
            Files.createDirectories(root);
            Path vol = Files.writeString(tmp.resolve("gluster-" + System.nanoTime() + ".vol"), volfile());
            Process p = new ProcessBuilder(GLUSTERFS.toString(), "-f", vol.toString(), "-l",
                    tmp.resolve("glusterfs.log").toString(), root.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("glusterfs -f: %s", out).isZero();
            assertThat(Mounted.isMountPoint(root)).isTrue();
        }

        @Override
        public void close() throws Exception {
            Process p = new ProcessBuilder("umount", root.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
            if (Mounted.isMountPoint(root)) {
                Mounted.forceUnmount(root);
            }
        }
    }

    /** Writes the same tree whichever mount it is given. */
    static void writeTree(Path root) throws Exception {
        Path abc = Files.createDirectories(root.resolve("a/b/c"));
        Files.createFile(root.resolve("empty"));
        Files.writeString(root.resolve("a/small.txt"), "hello, brick\n");
        byte[] big = new byte[(1 << 20) + 17];
        new Random(42).nextBytes(big);
        Files.write(abc.resolve("big.bin"), big);
        try (FileChannel ch = FileChannel.open(root.resolve("sparse"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("end".getBytes(StandardCharsets.UTF_8)), 10 << 20);
        }
        Files.writeString(root.resolve("é ü name.txt"), "unicode\n");
        Path restricted = Files.writeString(root.resolve("a/b/restricted"), "secret");
        assertThat(Posix.errno(C.chmod(c(restricted), 0640))).isNull();
        Files.setAttribute(restricted, "unix:uid", 1234);
        Files.setAttribute(restricted, "unix:gid", 5678);
        assertThat(Posix.errno(C.chmod(c(root.resolve("a/b")), 0750))).isNull();
        Files.setLastModifiedTime(root.resolve("a/small.txt"), FileTime.fromMillis(1_600_000_000_123L));
        Files.createSymbolicLink(root.resolve("link"), Path.of("a/small.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
        Files.createLink(abc.resolve("hardlink"), root.resolve("a/small.txt"));
        assertThat(Posix.errno(C.mknod(c(root.resolve("fifo")), 0010644, 0))).isNull();
        UserDefinedFileAttributeView x = Files.getFileAttributeView(root.resolve("a/small.txt"),
                UserDefinedFileAttributeView.class);
        x.write("one", ByteBuffer.wrap("1".getBytes(StandardCharsets.UTF_8)));
        byte[] bin = new byte[300];
        new Random(7).nextBytes(bin);
        x.write("bin", ByteBuffer.wrap(bin));
        Files.writeString(root.resolve("renamed-from"), "moved\n");
        Files.move(root.resolve("renamed-from"), root.resolve("a/renamed-to"));
        Files.writeString(root.resolve("deleted"), "gone\n");
        Files.delete(root.resolve("deleted"));
    }

    /** Everything a user can see of the tree: one line per path. */
    static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.toList();
        }
        for (Path p : all) {
            String rel = root.relativize(p).toString();
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,nlink,ino,size,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            StringBuilder sb = new StringBuilder();
            sb.append("mode=").append(Integer.toOctalString((Integer) a.get("mode")))
                    .append(" uid=").append(a.get("uid")).append(" gid=").append(a.get("gid"))
                    .append(" ino=").append(a.get("ino"));
            boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            if (!dir) {
                sb.append(" nlink=").append(a.get("nlink")).append(" size=").append(a.get("size"));
            }
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                sb.append(" mtime=").append(((FileTime) a.get("lastModifiedTime")).toInstant());
                sb.append(" sha256=").append(HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
            if (Files.isSymbolicLink(p)) {
                sb.append(" -> ").append(Files.readSymbolicLink(p));
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || dir) {
                UserDefinedFileAttributeView x = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS);
                for (String n : new java.util.TreeSet<>(x.list())) {
                    ByteBuffer v = ByteBuffer.allocate(x.size(n));
                    x.read(n, v);
                    sb.append(" user.").append(n).append('=').append(HexFormat.of().formatHex(v.array()));
                }
            }
            out.put(rel, sb.toString());
        }
        return out;
    }

    /** The gfid of every path of the export, and where its handle points. */
    Map<String, String> gfidsOnDisk() throws Exception {
        Map<String, String> out = new TreeMap<>();
        List<Path> all;
        try (Stream<Path> s = Files.walk(export)) {
            all = s.filter(p -> !export.relativize(p).toString().startsWith(".glusterfs")).toList();
        }
        for (Path p : all) {
            byte[] buf = new byte[16];
            long n = C.getxattr(c(p), c("trusted.gfid"), buf, 16);
            if (Files.isSymbolicLink(p)) {
                // getxattr follows: read the link's own.
                n = lgetxattr(p, buf);
            }
            assertThat(n).as("trusted.gfid of %s", p).isEqualTo(16);
            String gfid = HexFormat.of().formatHex(buf);
            String uuid = gfid.substring(0, 8) + "-" + gfid.substring(8, 12) + "-" + gfid.substring(12, 16) + "-"
                    + gfid.substring(16, 20) + "-" + gfid.substring(20);
            Path handle = export.resolve(".glusterfs").resolve(gfid.substring(0, 2)).resolve(gfid.substring(2, 4))
                    .resolve(uuid);
            String how;
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                how = "dir-handle->" + Files.readSymbolicLink(handle);
            } else {
                how = "same-inode=" + Files.getAttribute(handle, "unix:ino", LinkOption.NOFOLLOW_LINKS)
                        .equals(Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS));
            }
            out.put(export.relativize(p).toString(), uuid + " " + how);
        }
        return out;
    }

    public interface L {
        long lgetxattr(byte[] path, byte[] name, byte[] value, long size);
    }

    static final L LC = jnr.ffi.LibraryLoader.create(L.class).load("c");

    static long lgetxattr(Path p, byte[] buf) {
        return LC.lgetxattr(c(p), c("trusted.gfid"), buf, buf.length);
    }

    @Test
    void aBrickRxlatorWroteOpensInGlusterfs() throws Exception {
        Map<String, String> ours;
        try (Mounted m = Mounted.volfile(volfile(), tmp.resolve("rx"), new MountOptions())) {
            writeTree(m.root);
            ours = snapshot(m.root);
        }
        Map<String, String> gfids = gfidsOnDisk();
        assertThat(gfids.values()).allMatch(v -> v.contains("same-inode=true") || v.contains("dir-handle->../../"));
        Map<String, String> theirs;
        try (GlusterMount g = new GlusterMount(tmp.resolve("gl"))) {
            theirs = snapshot(g.root);
        }
        assertThat(ours).containsKeys("a/b/c/big.bin", "a/b/restricted", "link", "dangling", "fifo", "sparse",
                "é ü name.txt", "a/renamed-to").doesNotContainKeys("deleted", "renamed-from", ".glusterfs");
        assertThat(ours.get("a/b/c/hardlink")).contains("nlink=2").isEqualTo(ours.get("a/small.txt"));
        assertThat(ours.get("a/b/restricted")).contains("mode=100640 uid=1234 gid=5678");
        assertThat(ours.get("a/small.txt")).contains("mtime=2020-09-13T12:26:40.123Z").contains("user.one=31");
        assertThat(theirs).isEqualTo(ours);
        assertThat(gfidsOnDisk()).as("GlusterFS kept every gfid").isEqualTo(gfids);
    }

    @Test
    void aBrickGlusterfsWroteOpensInRxlator() throws Exception {
        Map<String, String> theirs;
        try (GlusterMount g = new GlusterMount(tmp.resolve("gl"))) {
            writeTree(g.root);
            theirs = snapshot(g.root);
        }
        Map<String, String> gfids = gfidsOnDisk();
        Map<String, String> ours;
        try (Mounted m = Mounted.volfile(volfile(), tmp.resolve("rx"), new MountOptions())) {
            ours = snapshot(m.root);
            // And rxlator carries on writing in it, in a form GlusterFS reads back.
            Files.writeString(m.root.resolve("a/added-by-rxlator"), "added\n");
            Files.move(m.root.resolve("a/renamed-to"), m.root.resolve("renamed-again"));
        }
        assertThat(ours).isEqualTo(theirs);
        Map<String, String> after = gfidsOnDisk();
        assertThat(after.get("renamed-again")).isEqualTo(gfids.get("a/renamed-to"));
        try (GlusterMount g = new GlusterMount(tmp.resolve("gl2"))) {
            assertThat(Files.readString(g.root.resolve("a/added-by-rxlator"))).isEqualTo("added\n");
            assertThat(Files.readString(g.root.resolve("renamed-again"))).isEqualTo("moved\n");
            assertThat(Files.exists(g.root.resolve("a/renamed-to"))).isFalse();
        }
        assertThat(gfidsOnDisk()).isEqualTo(after);
    }
}
