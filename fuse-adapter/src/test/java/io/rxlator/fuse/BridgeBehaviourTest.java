package io.rxlator.fuse;

import static io.rxlator.fuse.support.Posix.C;
import static io.rxlator.fuse.support.Posix.c;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.fuse.support.Await;
import io.rxlator.fuse.support.Mounted;
import io.rxlator.fuse.support.Posix;
import io.rxlator.fuse.support.RequiresFuse;
import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** How the bridge answers what the graph does: failures, misbehaviour, waiting locks, caching. */
@RequiresFuse
class BridgeBehaviourTest {

    static final String MEMORY = "volume memory\n type storage/memory\nend-volume\n";

    @TempDir
    Path tmp;

    /** Misbehaves on purpose: mknod throws, link completes empty, symlink fails with EDQUOT. */
    static final class Faulty extends ForwardingTranslator {
        Faulty(TranslatorContext ctx) {
            super(ctx);
        }

        @Override
        protected Mono<MknodReply> mknod(Mknod req) {
            throw new IllegalStateException("a bug in a translator");
        }

        @Override
        protected Mono<LinkReply> link(Link req) {
            return Mono.empty();
        }

        @Override
        protected Mono<SymlinkReply> symlink(Symlink req) {
            return Mono.error(FopException.of(Errno.EDQUOT, "over quota"));
        }
    }

    /** A terminal that only knows the root directory: everything else it does not implement. */
    static final class RootOnly extends ForwardingTranslator {
        RootOnly(TranslatorContext ctx) {
            super(ctx);
        }

        static Iatt root() {
            return Iatt.builder().gfid(Gfid.ROOT).type(IaType.DIRECTORY).prot(0755).nlink(2).blksize(4096).build();
        }

        @Override
        protected Mono<LookupReply> lookup(Lookup req) {
            if (req.loc().inode() != null && req.loc().inode().isRoot()) {
                return Mono.just(new LookupReply(req.loc().inode(), root(), Iatt.builder().build(), Xdata.EMPTY));
            }
            return Mono.error(FopException.of(Errno.ENOENT));
        }

        @Override
        protected Mono<StatReply> stat(Stat req) {
            return Mono.just(new StatReply(root(), Xdata.EMPTY));
        }
    }

    /** Locks that never come: SETLKW waits forever, until cancelled. */
    static final class NeverLocks extends ForwardingTranslator {
        static final AtomicInteger WAITING = new AtomicInteger();
        static final AtomicInteger CANCELLED = new AtomicInteger();

        NeverLocks(TranslatorContext ctx) {
            super(ctx);
        }

        @Override
        protected Mono<LkReply> lk(Lk req) {
            return switch (req.cmd()) {
                case GETLK -> Mono.just(new LkReply(req.flock().withType(LockType.UNLOCK), Xdata.EMPTY));
                case SETLK -> req.flock().type() == LockType.UNLOCK ? Mono.just(new LkReply(req.flock(), Xdata.EMPTY))
                        : Mono.error(FopException.of(Errno.EAGAIN, "held elsewhere"));
                case SETLKW -> Mono.<LkReply>never()
                        .doOnSubscribe(s -> WAITING.incrementAndGet())
                        .doOnCancel(CANCELLED::incrementAndGet);
            };
        }
    }

    /** Holds on to every readv reply's data, calling {@link Iovec#keep} first or (a bug) not. */
    static final class HoldsReads extends ForwardingTranslator {
        static final Queue<Iovec> HELD = new ConcurrentLinkedQueue<>();
        /** The attributes in every readv and writev reply (postbuf). */
        static final Queue<Iatt> ATTRIBUTES = new ConcurrentLinkedQueue<>();
        final boolean keep;

        HoldsReads(TranslatorContext ctx, boolean keep) {
            super(ctx);
            this.keep = keep;
        }

        @Override
        protected Mono<ReadvReply> readv(Readv req) {
            return super.readv(req).doOnNext(r -> {
                ATTRIBUTES.add(r.stbuf());
                HELD.add(keep ? r.vector().keep() : r.vector());
            });
        }

        @Override
        protected Mono<WritevReply> writev(Writev req) {
            return super.writev(req).doOnNext(r -> ATTRIBUTES.add(r.postbuf()));
        }
    }

    static TranslatorDescriptor descriptor(String type, Arity arity,
            io.rxlator.runtime.xlator.TranslatorFactory factory) {
        return TranslatorDescriptor.builder(type).arity(arity).factory(factory).build();
    }

    Mounted mount(String volfile, MountOptions opts) throws Exception {
        TranslatorRegistry registry = TranslatorRegistry.load().with(
                descriptor("test/faulty", Arity.ONE, Faulty::new),
                descriptor("test/root-only", Arity.NONE, RootOnly::new),
                descriptor("test/never-locks", Arity.ONE, NeverLocks::new),
                descriptor("test/keeps-reads", Arity.ONE, ctx -> new HoldsReads(ctx, true)),
                descriptor("test/peeks-at-reads", Arity.ONE, ctx -> new HoldsReads(ctx, false)));
        Graph g = Graph.build(Volfile.parse(volfile, "test.vol"), registry, new InodeTable());
        return Mounted.graph(g, tmp.resolve("mnt-" + System.nanoTime()), opts);
    }

    @Test
    void aTranslatorThatThrowsOrAnswersNothingIsEioAndAFailureKeepsItsErrno() throws Exception {
        try (Mounted m = mount(MEMORY + "volume faulty\n type test/faulty\n subvolumes memory\nend-volume\n",
                new MountOptions())) {
            assertThat(Posix.errno(C.mknod(c(m.path("fifo")), 0010644, 0))).isEqualTo(Errno.EIO);
            Files.writeString(m.path("f"), "x");
            assertThat(Posix.errno(C.link(c(m.path("f")), c(m.path("g"))))).isEqualTo(Errno.EIO);
            assertThat(Posix.errno(C.symlink(c("f"), c(m.path("s"))))).isEqualTo(Errno.EDQUOT);
            // The mount carries on.
            assertThat(Files.readString(m.path("f"))).isEqualTo("x");
            assertThat(m.mount.failure()).isNull();
        }
    }

    @Test
    void whatTheGraphDoesNotImplementIsEnosys() throws Exception {
        try (Mounted m = mount("volume r\n type test/root-only\nend-volume\n", new MountOptions())) {
            assertThat(Posix.errno(C.mkdir(c(m.path("d")), 0755))).isEqualTo(Errno.ENOSYS);
            assertThat(Posix.errno(C.mknod(c(m.path("n")), 0100644, 0))).isEqualTo(Errno.ENOSYS);
            assertThat(Posix.errno(C.symlink(c("x"), c(m.path("s"))))).isEqualTo(Errno.ENOSYS);
            assertThat(Files.isDirectory(m.root)).isTrue();
        }
    }

    @Test
    void aNameThatIsNotUtf8IsRefusedNotMangled() throws Exception {
        try (Mounted m = mount(MEMORY, new MountOptions())) {
            byte[] root = m.root.toString().getBytes(StandardCharsets.UTF_8);
            byte[] path = new byte[root.length + 4];
            System.arraycopy(root, 0, path, 0, root.length);
            path[root.length] = '/';
            path[root.length + 1] = (byte) 0xff;
            path[root.length + 2] = (byte) 0xfe;
            int fd = C.open(path, Posix.O_CREAT | Posix.O_WRONLY, 0644);
            assertThat(Posix.errno(fd)).isEqualTo(Errno.EILSEQ);
            try (var s = Files.list(m.root)) {
                assertThat(s).isEmpty();
            }
        }
    }

    @Test
    void aWaitingLockEndsWithEintrWhenTheCallerIsInterrupted() throws Exception {
        try (Mounted m = mount(MEMORY + "volume locks\n type test/never-locks\n subvolumes memory\nend-volume\n",
                new MountOptions())) {
            assertThat(m.mount.remoteLocks()).as("the graph handles lk, so locks go to it").isTrue();
            Path f = Files.writeString(m.path("f"), "x");
            int cancelledBefore = NeverLocks.CANCELLED.get();
            // flock -w 1 arms an alarm: the signal interrupts the waiting flock(2).
            Process p = new ProcessBuilder("flock", "-w", "1", f.toString(), "true").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("flock returned").isTrue();
            assertThat(p.exitValue()).as("flock timed out: %s", out).isEqualTo(1);
            Await.until("the waiting lock was cancelled", () -> NeverLocks.CANCELLED.get() > cancelledBefore);
            // A lock that is refused at once is refused at once.
            Process nb = new ProcessBuilder("flock", "-n", f.toString(), "true").redirectErrorStream(true).start();
            nb.getInputStream().readAllBytes();
            assertThat(nb.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(nb.exitValue()).isEqualTo(1);
        }
    }

    @Test
    void withoutLocksInTheGraphTheKernelKeepsThem() throws Exception {
        try (Mounted m = mount(MEMORY, new MountOptions())) {
            assertThat(m.mount.remoteLocks()).isFalse();
            Path f = Files.writeString(m.path("f"), "x");
            Process p = new ProcessBuilder("flock", f.toString(), "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            try (var ch = FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE);
                    var lock = ch.lock()) {
                assertThat(lock.isValid()).isTrue();
            }
        }
    }

    @Test
    void invalidatingAnInodeDropsWhatTheKernelCaches() throws Exception {
        try (Mounted m = mount(MEMORY, new MountOptions().with("attribute-timeout=3600,entry-timeout=3600"))) {
            Path f = Files.writeString(m.path("f"), "short");
            assertThat(Files.size(f)).isEqualTo(5);
            FileSystem fs = new FileSystem(m.graph.top(), m.graph.inodeTable());
            FileSystem.Handle h = fs.open(CallContext.ROOT, "/f", Posix.O_WRONLY).block(Duration.ofSeconds(10));
            fs.write(CallContext.ROOT, h, 5, Iovec.of(" and longer".getBytes(StandardCharsets.UTF_8)))
                    .block(Duration.ofSeconds(10));
            fs.close(CallContext.ROOT, h).block(Duration.ofSeconds(10));
            assertThat(Files.size(f)).as("the kernel still has the old size").isEqualTo(5);
            Inode inode = fs.cached("/f");
            m.graph.inodeTable().invalidate(inode);
            Await.until("the kernel dropped its attributes", () -> sizeOf(f) == 16);
        }
    }

    static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void negativeTimeoutZeroSeesANameMadeElsewhereAtOnce() throws Exception {
        try (Mounted m = mount(MEMORY, new MountOptions())) {
            assertThat(Files.exists(m.path("later"))).isFalse();
            FileSystem fs = new FileSystem(m.graph.top(), m.graph.inodeTable());
            fs.close(CallContext.ROOT, fs.create(CallContext.ROOT, "/later", Posix.O_WRONLY, 0644)
                    .block(Duration.ofSeconds(10))).block(Duration.ofSeconds(10));
            assertThat(Files.exists(m.path("later"))).isTrue();
        }
        try (Mounted m = mount(MEMORY, new MountOptions().with("negative-timeout=3600"))) {
            assertThat(Files.exists(m.path("later"))).isFalse();
            FileSystem fs = new FileSystem(m.graph.top(), m.graph.inodeTable());
            fs.close(CallContext.ROOT, fs.create(CallContext.ROOT, "/later", Posix.O_WRONLY, 0644)
                    .block(Duration.ofSeconds(10))).block(Duration.ofSeconds(10));
            assertThat(Files.exists(m.path("later"))).as("the kernel remembers the name is missing").isFalse();
        }
    }

    @Test
    void keepCacheServesCachedDataAndDirectIoNever() throws Exception {
        for (String options : new String[] {"fopen-keep-cache=on", "fopen-keep-cache=off", "direct-io-mode=enable,fopen-keep-cache=on"}) {
            try (Mounted m = mount(MEMORY, new MountOptions().with(options))) {
                Path f = Files.writeString(m.path("f"), "aaaa");
                assertThat(Files.readString(f)).isEqualTo("aaaa");
                FileSystem fs = new FileSystem(m.graph.top(), m.graph.inodeTable());
                FileSystem.Handle h = fs.open(CallContext.ROOT, "/f", Posix.O_WRONLY).block(Duration.ofSeconds(10));
                fs.write(CallContext.ROOT, h, 0, Iovec.of("bbbb".getBytes(StandardCharsets.UTF_8)))
                        .block(Duration.ofSeconds(10));
                fs.close(CallContext.ROOT, h).block(Duration.ofSeconds(10));
                String expected = options.equals("fopen-keep-cache=on") ? "aaaa" : "bbbb";
                assertThat(Files.readString(f)).as(options).isEqualTo(expected);
            }
        }
    }

    /**
     * The bridge gives a read reply's array back once the kernel has the data, for the next read
     * to fill: a translator that kept the reply still holds its own bytes after many more reads,
     * and one that held on without keeping it is told so instead of reading another read's bytes.
     */
    @Test
    void readArraysGoBackAfterEachReplyAndKeptRepliesKeepTheirBytes() throws Exception {
        byte[][] files = new byte[2][1 << 20];
        new Random(20261207L).nextBytes(files[0]);
        new Random(20261208L).nextBytes(files[1]);
        for (String holder : new String[] {"test/keeps-reads", "test/peeks-at-reads"}) {
            Path export = Files.createDirectories(tmp.resolve("export-" + holder.substring(5)));
            String vol = "volume posix\n type storage/posix\n option directory " + export + "\nend-volume\n"
                    + "volume holder\n type " + holder + "\n subvolumes posix\nend-volume\n";
            HoldsReads.HELD.clear();
            HoldsReads.ATTRIBUTES.clear();
            try (Mounted m = mount(vol, new MountOptions().with("direct-io-mode=enable"))) {
                for (int i = 0; i < files.length; i++) {
                    Files.write(m.path("f" + i), files[i]);
                }
                // Reads of the two files in turn, 128 KiB at a time: each reply's array is the next one's.
                byte[][] read = new byte[2][1 << 20];
                try (var a = FileChannel.open(m.path("f0"));
                        var b = FileChannel.open(m.path("f1"))) {
                    // Page-aligned, so that the kernel asks for each 128 KiB in one request.
                    ByteBuffer buf = ByteBuffer.allocateDirect((128 << 10) + 4096).alignedSlice(4096);
                    for (int off = 0; off < (1 << 20); off += 128 << 10) {
                        for (int i = 0; i < 2; i++) {
                            buf.clear();
                            assertThat((i == 0 ? a : b).read(buf, off)).isEqualTo(128 << 10);
                            buf.flip().get(read[i], off, 128 << 10);
                        }
                    }
                }
                assertThat(read[0]).isEqualTo(files[0]);
                assertThat(read[1]).isEqualTo(files[1]);
                // The kernel's read and write replies carry no attributes, so the bridge asks for none.
                assertThat(HoldsReads.ATTRIBUTES).hasSizeGreaterThanOrEqualTo(17).containsOnly(Iatt.EMPTY);
                List<Iovec> held = List.copyOf(HoldsReads.HELD);
                assertThat(held).as(holder).hasSize(16);
                if (holder.equals("test/keeps-reads")) {
                    // Each kept reply still holds the piece it was read with, in the order read:
                    // not a later read's piece, as it would if its array had gone back.
                    for (int k = 0; k < held.size(); k++) {
                        int off = (k / 2) * (128 << 10);
                        assertThat(held.get(k).toByteArray()).as("reply %d", k)
                                .isEqualTo(Arrays.copyOfRange(files[k % 2], off, off + (128 << 10)));
                    }
                } else {
                    for (Iovec v : held) {
                        assertThat(v.isLent()).as("given back by the bridge").isFalse();
                        assertThatThrownBy(v::toByteArray).isInstanceOf(IllegalStateException.class)
                                .hasMessageContaining("Iovec.keep()");
                    }
                }
                assertThat(m.mount.failure()).isNull();
            }
        }
    }

    // ---- the mount point ----

    @Test
    void badMountPointsAreRefusedSayingWhy() throws Exception {
        Graph g = Graph.build(Volfile.parse(MEMORY, "m.vol"), TranslatorRegistry.load(), new InodeTable());
        g.start();
        try {
            Path missing = tmp.resolve("missing");
            assertThatThrownBy(() -> FuseMount.mount(g.top(), g.inodeTable(), missing, new MountOptions()))
                    .isInstanceOf(MountException.class).hasMessage("cannot mount on " + missing
                            + ": it does not exist (mkdir it first)");
            Path file = Files.writeString(tmp.resolve("file"), "x");
            assertThatThrownBy(() -> FuseMount.mount(g.top(), g.inodeTable(), file, new MountOptions()))
                    .hasMessage("cannot mount on " + file + ": it is not a directory");
            Path full = Files.createDirectory(tmp.resolve("full"));
            Files.writeString(full.resolve("x"), "x");
            assertThatThrownBy(() -> FuseMount.mount(g.top(), g.inodeTable(), full, new MountOptions()))
                    .hasMessageContaining("cannot mount on " + full + ": it is not empty (mount with -o nonempty");
            try (Mounted first = mount(MEMORY, new MountOptions())) {
                assertThatThrownBy(() -> FuseMount.mount(g.top(), g.inodeTable(), first.root, new MountOptions()))
                        .hasMessage("cannot mount on " + first.root + ": it is already mounted (rxlator fuse.rxlator); "
                                + "unmount it first (rxlator umount " + first.root + ")");
            }
            try (FuseMount over = FuseMount.mount(g.top(), g.inodeTable(), full, new MountOptions().with("nonempty"))) {
                assertThat(Files.exists(full.resolve("x"))).as("hidden while mounted").isFalse();
            }
            assertThat(Files.exists(full.resolve("x"))).isTrue();
        } finally {
            g.close();
        }
    }

    @Test
    void anUnmountFromOutsideEndsTheMount() throws Exception {
        try (Mounted m = mount(MEMORY, new MountOptions())) {
            Process p = new ProcessBuilder("umount", m.root.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(m.mount.awaitUnmount(Duration.ofSeconds(60))).isTrue();
            assertThat(m.mount.isMounted()).isFalse();
            assertThat(Mounted.isMountPoint(m.root)).isFalse();
        }
    }

    @Test
    void securityAttributesStayOutOfTheGraphUnlessTheMountPassesThem() throws Exception {
        byte[] buf = new byte[64];
        byte[] label = "system_u:object_r:x_t:s0".getBytes(StandardCharsets.UTF_8);
        // A well-formed file capability (revision 2, effective, cap_net_bind_service), as the
        // kernel checks what it hands out for security.capability.
        byte[] cap = ByteBuffer.allocate(20).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(0x02000001).putInt(1 << 10).array();
        for (String o : List.of("", "capability", "selinux")) {
            try (Mounted m = mount(MEMORY, new MountOptions().with(o))) {
                Files.writeString(m.path("f"), "x");
                FileSystem fs = new FileSystem(m.graph.top(), m.graph.inodeTable());
                for (String[] kv : List.of(new String[] {"security.selinux", "l"}, new String[] {"security.capability", "c"},
                        new String[] {"security.other", "l"})) {
                    fs.setxattr(CallContext.ROOT, "/f", kv[0], Bytes.wrap(kv[1].equals("c") ? cap : label), 0)
                            .block(Duration.ofSeconds(10));
                }
                boolean selinux = o.equals("selinux");
                boolean capability = selinux || o.equals("capability");
                // In the graph, but read as absent and not settable unless passed, as through GlusterFS's mount.
                assertThat(Posix.errno(C.getxattr(c(m.path("f")), c("security.selinux"), buf, buf.length)))
                        .as(o + ": get selinux").isEqualTo(selinux ? null : Errno.ENODATA);
                assertThat(Posix.errno(C.getxattr(c(m.path("f")), c("security.capability"), buf, buf.length)))
                        .as(o + ": get capability").isEqualTo(capability ? null : Errno.ENODATA);
                assertThat(Posix.errno(C.setxattr(c(m.path("f")), c("security.selinux"), label, label.length, 0)))
                        .as(o + ": set selinux").isEqualTo(selinux ? null : Errno.EOPNOTSUPP);
                assertThat(C.getxattr(c(m.path("f")), c("security.other"), buf, buf.length)).isEqualTo(label.length);
            }
        }
    }

    /**
     * Once the kernel leaves clearing set-ID bits to the mount (FUSE_HANDLE_KILLPRIV_V2, taken
     * unless -o capability or selinux), it stops asking for security.capability before each
     * write: at most once after it refreshes the file's attributes. With -o capability it asks
     * every time, since a write must then remove a capability the graph holds.
     */
    @Test
    void writesStopAskingForSecurityCapabilityUnlessTheMountPassesIt() throws Exception {
        for (String o : List.of("", "capability")) {
            try (Mounted m = mount(MEMORY, new MountOptions().with(o))) {
                Path f = Files.writeString(m.path("f"), "x");
                long before = dumped(m, "count.GETXATTR");
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    for (int i = 0; i < 64; i++) {
                        ch.write(ByteBuffer.wrap(new byte[4096]), i * 4096L);
                    }
                }
                long asked = dumped(m, "count.GETXATTR") - before;
                assertThat(Files.size(f)).isEqualTo(64 * 4096L);
                if (o.isEmpty()) {
                    assertThat(dumped(m, "kills_privileges")).as("kills_privileges").isEqualTo(1);
                    assertThat(asked).as("security.capability asked for 64 writes").isLessThanOrEqualTo(2);
                } else {
                    assertThat(dumped(m, "kills_privileges")).as("kills_privileges").isZero();
                    assertThat(asked).as("security.capability asked for 64 writes").isGreaterThanOrEqualTo(64);
                }
            }
        }
    }

    /**
     * Without default_permissions (-o acl) the kernel lets a truncate by name through without
     * checking that the caller may write, and the graph refuses it: the file keeps its set-ID
     * bits and its data.
     */
    @Test
    void aTruncateTheGraphRefusesKeepsTheSetIdBits() throws Exception {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Mounted m = mount(MEMORY, new MountOptions().with("acl,allow_other"))) {
            Path f = Files.writeString(m.path("f"), "x");
            assertThat(Posix.errno(C.chmod(c(f), 06755))).isNull();
            Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "perl", "-e",
                    "print truncate($ARGV[0], 0) ? 'truncated' : \"$!\"", f.toString()).redirectErrorStream(true).start();
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Permission denied");
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat((Integer) Files.getAttribute(f, "unix:mode") & 07777).isEqualTo(06755);
            assertThat(Files.readString(f)).isEqualTo("x");
        }
    }

    /**
     * With -o atomic_o_trunc a truncating open truncates in the OPEN itself, and storage/posix
     * truncates as root: the mount clears the set-ID bits of a caller without CAP_FSETID.
     */
    @Test
    void aTruncatingOpenWithAtomicOTruncClearsTheSetIdBits() throws Exception {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path export = Files.createDirectories(tmp.resolve("export-trunc"));
        String posix = "volume posix\n type storage/posix\n option directory " + export + "\nend-volume\n";
        try (Mounted m = mount(posix, new MountOptions().with("atomic_o_trunc,allow_other"))) {
            Path f = Files.writeString(m.path("f"), "x");
            Files.setAttribute(f, "unix:uid", 65534);
            Files.setAttribute(f, "unix:gid", 65534);
            assertThat(Posix.errno(C.chmod(c(f), 06775))).isNull();
            Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "perl",
                    "-MFcntl", "-e", "sysopen(F, $ARGV[0], O_WRONLY|O_TRUNC) or die \"$!\"; close F", f.toString())
                    .redirectErrorStream(true).start();
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(Files.size(f)).isZero();
            assertThat((Integer) Files.getAttribute(f, "unix:mode") & 07777).isEqualTo(0775);
        }
    }

    /** A number in the mount's statedump (booleans as 1 and 0, absent counters as 0). */
    private static long dumped(Mounted m, String key) {
        io.rxlator.runtime.statedump.DumpWriter w = new io.rxlator.runtime.statedump.DumpWriter();
        m.mount.dump(w);
        String v = w.entries("mount/fuse.priv").get(key);
        return v == null ? 0 : v.equals("true") ? 1 : v.equals("false") ? 0 : Long.parseLong(v);
    }
}
