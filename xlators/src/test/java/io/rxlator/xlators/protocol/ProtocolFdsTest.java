package io.rxlator.xlators.protocol;

import static io.rxlator.xlators.protocol.Outcomes.errno;
import static io.rxlator.xlators.protocol.Outcomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.client.FileSystem.Handle;
import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import io.rxlator.xlators.protocol.server.ServerTranslator;
import io.rxlator.xlators.protocol.wire.FopCodec;
import io.rxlator.xlators.protocol.wire.Frame;
import io.rxlator.xlators.protocol.wire.Messages;
import io.rxlator.xlators.protocol.wire.WireWriter;
import io.rxlator.xlators.storage.posix.PosixTranslator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** Fds open through protocol/client over storage/posix: released, and kept across a reconnect. */
class ProtocolFdsTest {

    static final CallContext ROOT = CallContext.ROOT;

    @TempDir
    Path brick;
    final List<Graph> graphs = new ArrayList<>();

    @AfterEach
    void close() {
        graphs.forEach(Graph::close);
    }

    /** Grants every posix lock, as features/locks would an uncontended one. */
    private static TranslatorDescriptor grantLocks() {
        return TranslatorDescriptor.builder("test/grant-locks").arity(Arity.ONE).factory(ctx -> {
            Subvolume child = ctx.firstChild();
            return (Translator) req -> req instanceof Lk lk ? Mono.just(new LkReply(lk.flock(), Xdata.EMPTY)) : child.call(req);
        }).build();
    }

    /** What an open waits for on the server before it reaches posix: nothing, unless a test says so. */
    volatile Mono<Void> openGate = Mono.empty();
    /** The gfid of the last open to reach the gate. */
    volatile Gfid heldOpen = Gfid.NULL;

    private TranslatorDescriptor gateOpens() {
        return TranslatorDescriptor.builder("test/gate-opens").arity(Arity.ONE).factory(ctx -> {
            Subvolume child = ctx.firstChild();
            return (Translator) req -> {
                if (req instanceof Open open) {
                    heldOpen = open.loc().effectiveGfid();
                    return openGate.then(Mono.defer(() -> child.call(req)));
                }
                return child.call(req);
            };
        }).build();
    }

    private Graph server(int port) throws Exception {
        Graph g = Graph.build(Volfile.builder()
                .volume("posix", PosixTranslator.TYPE, vol -> vol.option("directory", brick.toString()))
                .volume("gate", "test/gate-opens", vol -> vol.subvolumes("posix"))
                .volume("store", "test/grant-locks", vol -> vol.subvolumes("gate"))
                .volume("server", ServerTranslator.TYPE, vol -> vol
                        .option("transport.socket.listen-port", String.valueOf(port))
                        .option("transport.socket.bind-address", "127.0.0.1")
                        .option("auth.addr.store.allow", "127.0.0.1")
                        .subvolumes("store"))
                .build(), TranslatorRegistry.load().with(grantLocks()).with(gateOpens()), new InodeTable());
        g.start();
        graphs.add(g);
        return g;
    }

    /** How the server describes the connection of the client called "raw". */
    private static String rawSession(Graph server) {
        return sessions(server).stream().filter(v -> v.startsWith("raw ")).findFirst().orElse("");
    }

    /** How the server describes its one connection. */
    private static String sessionOf(Graph server) {
        List<String> all = sessions(server);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static List<String> sessions(Graph server) {
        io.rxlator.runtime.statedump.DumpWriter w = new io.rxlator.runtime.statedump.DumpWriter();
        w.section("server");
        server.translator("server").dump(w);
        return w.entries("server").entrySet().stream().filter(e -> e.getKey().startsWith("client."))
                .map(Map.Entry::getValue).toList();
    }

    private static byte[] bytes(ByteBuffer... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (ByteBuffer b : parts) {
            byte[] a = new byte[b.remaining()];
            b.duplicate().get(a);
            out.writeBytes(a);
        }
        return out.toByteArray();
    }

    private static Iovec text(String s) {
        return Iovec.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Iovec v) {
        return new String(v.toByteArray(), StandardCharsets.UTF_8);
    }

    private static int port(Graph server) {
        return ((ServerTranslator) server.translator("server")).port();
    }

    /** A client of the server on {@code port}, not yet started. */
    private Graph client(int port) throws Exception {
        return client(port, "1024");
    }

    private Graph client(int port, String maxInflight) throws Exception {
        Graph c = Graph.build(Volfile.builder().volume("client", "protocol/client", vol -> vol
                .option("remote-host", "127.0.0.1").option("remote-port", String.valueOf(port))
                .option("remote-subvolume", "store").option("max-inflight", maxInflight)).build(),
                TranslatorRegistry.load(), new InodeTable());
        graphs.add(c);
        return c;
    }

    /** The fds this process holds open for reading or writing (not O_PATH) on files of the brick. */
    private long openDataFds() {
        return openDataFiles().size();
    }

    /** What {@link #openDataFds()} counts: the files, with their fd numbers and flags. */
    private List<String> openDataFiles() {
        List<String> open = new ArrayList<>();
        try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                String target;
                String info;
                try {
                    target = java.nio.file.Files.readSymbolicLink(fd).toString();
                    info = java.nio.file.Files.readString(Path.of("/proc/self/fdinfo", fd.getFileName().toString()));
                } catch (java.io.IOException gone) {
                    continue; // closed meanwhile
                }
                String flags = info.lines().filter(l -> l.startsWith("flags:")).findFirst().orElse("flags: 0");
                boolean oPath = (Long.parseLong(flags.substring(6).trim(), 8) & 010000000) != 0;
                if (target.startsWith(brick + "/f") && !oPath) {
                    open.add(fd.getFileName() + " " + target + " " + flags);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return open;
    }

    @Test
    void filesReleasedThroughTheProtocolAreClosedOnTheBrick() throws Exception {
        Graph c = client(port(server(0)));
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        FileSystem fs = new FileSystem(c.top(), c.inodeTable());
        List<Handle> open = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            open.add(ok(fs.create(ROOT, "/f" + i, 2, 0644)));
        }
        assertThat(openDataFds()).isEqualTo(20);
        for (Handle h : open) {
            ok(fs.close(ROOT, h).thenReturn(1));
        }
        // The server releases after answering the client, and nothing tells when it is done.
        Events.poll(() -> openDataFds() == 0, "the brick's files are closed");
    }

    @Test
    void aReleaseThatOvertakesItsOpenStillClosesTheFile() throws Exception {
        Graph s = server(0);
        Graph c = client(port(s));
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        FileSystem fs = new FileSystem(c.top(), c.inodeTable());
        ok(fs.close(ROOT, ok(fs.create(ROOT, "/f", 2, 0644))).thenReturn(1));
        Gfid g = ok(fs.lstat(ROOT, "/f")).gfid();
        // A client of its own: OPEN of /f as fd 77, held on the server until RELEASE of fd 77,
        // sent right behind it, has been taken in.
        InodeTable mine = new InodeTable();
        Inode inode = mine.newInode();
        Open open = new Open(ROOT, new Loc(null, null, inode, null, g, Gfid.NULL), 2, mine.newFd(inode, 2, 1), Xdata.EMPTY);
        WireWriter w = Frame.writer(256);
        FopCodec.writeRequest(w, open, Encoding.writing((out, i) -> out.i64(g.high()).i64(g.low()), (out, fd) -> out.i64(77),
                loc -> loc));
        try (java.net.Socket sock = new java.net.Socket("127.0.0.1", port(s))) {
            sock.setSoTimeout(30_000);
            sock.getOutputStream().write(bytes(
                    new Frame(Frame.Kind.HANDSHAKE, 0, 0, Messages.hello(new Messages.Hello("store", "raw", null, null))).encode()));
            // The handshake's answer first: a call before it would close the connection.
            java.io.DataInputStream in = new java.io.DataInputStream(sock.getInputStream());
            in.readFully(new byte[in.readInt()]);
            ByteBuffer[] call = Frame.finish(w, Frame.Kind.CALL, 1, FopType.OPEN.number());
            ByteBuffer release = new Frame(Frame.Kind.RELEASE, 0, 0, Messages.number(77)).encode();
            ByteBuffer[] both = java.util.Arrays.copyOf(call, call.length + 1);
            both[call.length] = release;
            reactor.core.publisher.Sinks.Empty<Void> gate = reactor.core.publisher.Sinks.empty();
            openGate = gate.asMono();
            sock.getOutputStream().write(bytes(both));
            sock.getOutputStream().flush();
            Events.poll(() -> rawSession(s).contains("1 calls, 0 fds"), "the release taken in while the open waits");
            gate.tryEmitEmpty();
            // The open's answer: by then posix has opened the file for fd 77.
            in.readFully(new byte[in.readInt()]);
            Events.poll(() -> openDataFds() == 0, "the file the overtaken open opened is closed");
        }
    }

    @Test
    void anFdReleasedWhileWaitingToBeReopenedIsNotOpenedAgain() throws Exception {
        Graph first = server(0);
        int port = port(first);
        Graph c = client(port, "1"); // one call at a time: the second reopen waits for the first
        Events seen = Events.of(c);
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        FileSystem fs = new FileSystem(c.top(), c.inodeTable());
        Handle a = ok(fs.create(ROOT, "/fa", 2, 0644));
        Handle b = ok(fs.create(ROOT, "/fb", 2, 0644));
        int ups = seen.count(EventType.CHILD_UP);
        first.close();
        seen.await(EventType.CHILD_DOWN, 1, "CHILD_DOWN");
        reactor.core.publisher.Sinks.Empty<Void> gate = reactor.core.publisher.Sinks.empty();
        openGate = gate.asMono();
        heldOpen = Gfid.NULL;
        Graph second = server(port);
        Events.poll(() -> !heldOpen.isNull(), "the first reopen held at the server");
        // The one not yet reopened is released by its owner meanwhile.
        Handle waiting = heldOpen.equals(a.fd().inode().gfid()) ? b : a;
        Handle held = waiting == a ? b : a;
        waiting.fd().release();
        gate.tryEmitEmpty();
        seen.await(EventType.CHILD_UP, ups + 1, "CHILD_UP after the reopens");
        ok(fs.write(ROOT, held, 0, text("x")));
        ok(fs.close(ROOT, held).thenReturn(1));
        // The server never saw the released one again: once the held one is closed it has none.
        Events.poll(() -> sessionOf(second).endsWith(" 0 fds"), "no fd left on the new server");
    }

    @Test
    void filesAndDirectoriesOpenAcrossAReconnectKeepWorkingAndLockedOnesFail() throws Exception {
        Graph first = server(0);
        int port = port(first);
        Graph c = client(port);
        Events seen = Events.of(c);
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        FileSystem fs = new FileSystem(c.top(), c.inodeTable());
        Handle file = ok(fs.create(ROOT, "/f", 2 | 02000, 0644)); // O_RDWR | O_APPEND
        ok(fs.write(ROOT, file, 0, text("before,")));
        Handle dir = ok(fs.opendir(ROOT, "/"));
        Handle held = ok(fs.create(ROOT, "/held", 2, 0644));
        ok(c.top().lk(new Lk(ROOT, held.fd(), LkCmd.SETLK, Flock.wholeFile(LockType.WRITE, 1, LkOwner.of(7)), Xdata.EMPTY)));

        int ups = seen.count(EventType.CHILD_UP);
        first.close();
        seen.await(EventType.CHILD_DOWN, 1, "CHILD_DOWN");
        server(port);
        seen.await(EventType.CHILD_UP, ups + 1, "CHILD_UP after the fds are reopened");

        ok(fs.write(ROOT, file, 0, text("after")));
        assertThat(text(ok(fs.read(ROOT, file, 0, 100)))).as("reopened with O_APPEND, not O_TRUNC")
                .isEqualTo("before,after");
        assertThat(ok(fs.list(ROOT, dir, 4096, false).map(Dirent::name).collectList())).contains("f", "held");
        assertThat(errno(fs.write(ROOT, held, 0, text("x")))).as("its lock is gone, so it was not reopened")
                .isEqualTo(Errno.EBADF);
        ok(fs.close(ROOT, file).thenReturn(1));
        ok(fs.close(ROOT, dir).thenReturn(1));
        assertThat(errno(fs.close(ROOT, held))).isEqualTo(Errno.EBADF);
    }
}
