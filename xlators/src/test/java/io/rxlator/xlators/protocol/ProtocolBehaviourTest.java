package io.rxlator.xlators.protocol;

import static io.rxlator.xlators.protocol.Outcomes.errno;
import static io.rxlator.xlators.protocol.Outcomes.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import io.rxlator.xlators.protocol.server.ServerTranslator;
import io.rxlator.xlators.protocol.wire.Frame;
import io.rxlator.xlators.protocol.wire.Messages;
import io.rxlator.xlators.storage.memory.MemoryTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** protocol/client and protocol/server on 127.0.0.1: authentication, failures, hostile input. */
class ProtocolBehaviourTest {

    private static final CallContext ROOT = CallContext.ROOT;
    private final List<Graph> graphs = new ArrayList<>();
    /** Lookups of this name are never answered by the server's storage. */
    private static final String BLACK_HOLE = "black-hole";

    @AfterEach
    void close() {
        for (int i = graphs.size() - 1; i >= 0; i--) {
            graphs.get(i).close();
        }
    }

    private static TranslatorDescriptor blackHole() {
        return TranslatorDescriptor.builder("test/black-hole").arity(Arity.ONE).factory(ctx -> {
            Subvolume child = ctx.firstChild();
            return (Translator) req -> req instanceof Lookup l && BLACK_HOLE.equals(l.loc().name())
                    ? Mono.never() : child.call(req);
        }).build();
    }

    private Graph server(Map<String, String> options) throws Exception {
        return server(options, 0);
    }

    private Graph server(Map<String, String> options, int port) throws Exception {
        Graph g = Graph.build(Volfile.builder()
                .volume("mem", MemoryTranslator.TYPE)
                .volume("store", "test/black-hole", vol -> vol.subvolumes("mem"))
                .volume("server", ServerTranslator.TYPE, vol -> {
                    vol.option("transport.socket.listen-port", String.valueOf(port))
                            .option("transport.socket.bind-address", "127.0.0.1");
                    options.forEach(vol::option);
                    vol.subvolumes("store");
                }).build(), TranslatorRegistry.load().with(blackHole()), new InodeTable());
        g.start();
        graphs.add(g);
        return g;
    }

    private static int port(Graph server) {
        return ((ServerTranslator) server.translator("server")).port();
    }

    private Graph client(int port, Map<String, String> options) throws Exception {
        Graph g = Graph.build(Volfile.builder().volume("client", "protocol/client", vol -> {
            vol.option("remote-host", "127.0.0.1").option("remote-port", String.valueOf(port))
                    .option("remote-subvolume", "store");
            options.forEach(vol::option);
        }).build(), TranslatorRegistry.load(), new InodeTable());
        graphs.add(g);
        return g;
    }

    private static Map<String, String> allowLocal() {
        return Map.of("auth.addr.store.allow", "127.0.0.1");
    }

    // ---- authentication ----

    @Test
    void aClientOutsideTheAllowListIsRefusedWithAuthFailed() throws Exception {
        Graph s = server(Map.of("auth.addr.store.allow", "10.*", "auth.addr.other.allow", "*"));
        Graph c = client(port(s), Map.of());
        Events seen = Events.of(c);
        c.start();
        Event failed = seen.await(EventType.AUTH_FAILED, 1, "AUTH_FAILED reaches the graph");
        assertThat(String.valueOf(failed.payload())).contains("127.0.0.1").contains("auth.addr.store.allow");
        assertThat(errno(c.top().statfs(new Statfs(ROOT, Loc.root(c.inodeTable().root()), Xdata.EMPTY)))).isEqualTo(Errno.ENOTCONN);
    }

    @Test
    void rejectWinsOverAllowAndNetworksMatch() throws Exception {
        Graph s = server(Map.of("auth.addr.store.allow", "127.0.0.0/8", "auth.addr.store.reject", "127.0.0.1"));
        Graph c = client(port(s), Map.of());
        Events seen = Events.of(c);
        c.start();
        assertThat(String.valueOf(seen.await(EventType.AUTH_FAILED, 1, "refused").payload())).contains("rejected");
    }

    @Test
    void aHostNameInTheAllowListIsLookedUpOffTheEventLoop() throws Exception {
        // BlockHound fails a lookup made on an event loop, and the handshake with it.
        Graph s = server(Map.of("auth.addr.store.allow", "localhost"));
        Graph c = client(port(s), Map.of());
        Events seen = Events.of(c);
        c.start();
        seen.await(EventType.CHILD_UP, 1, "CHILD_UP: 127.0.0.1 is localhost");
        assertThat(seen.count(EventType.AUTH_FAILED)).isZero();
    }

    @Test
    void loginsNeedTheRightPassword() throws Exception {
        Graph s = server(Map.of("auth.login.store.allow", "alice", "auth.login.alice.password", "s3cret"));
        Graph wrong = client(port(s), Map.of("username", "alice", "password", "guess"));
        Events seen = Events.of(wrong);
        wrong.start();
        seen.await(EventType.AUTH_FAILED, 1, "wrong password refused");
        Graph right = client(port(s), Map.of("username", "alice", "password", "s3cret"));
        right.start();
        right.childUp().block(Duration.ofSeconds(30));
        assertThat(ok(right.top().statfs(new Statfs(ROOT, Loc.root(right.inodeTable().root()), Xdata.EMPTY)))).isNotNull();
    }

    // ---- load ----

    @Test
    void manyCallsInFlightPastBothLimitsAllComeBackRight() throws Exception {
        // A small server limit and a small client window, and storage that answers later (on a
        // timer): frames queue on both sides.
        Graph s = Graph.build(Volfile.builder()
                .volume("mem", MemoryTranslator.TYPE)
                .volume("store", "debug/delay-gen", vol -> vol.option("delay-percentage", "100").option("delay-duration", "500")
                        .subvolumes("mem"))
                .volume("server", ServerTranslator.TYPE, vol -> vol.option("transport.socket.listen-port", "0")
                        .option("transport.socket.bind-address", "127.0.0.1").option("auth.addr.store.allow", "127.0.0.1")
                        .option("rpc.outstanding-rpc-limit", "4").subvolumes("store"))
                .build(), TranslatorRegistry.load(), new InodeTable());
        s.start();
        graphs.add(s);
        Graph c = client(port(s), Map.of("max-inflight", "16"));
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        FileSystem fs = new FileSystem(c.top(), c.inodeTable());
        int files = 64;
        List<Integer> done = reactor.core.publisher.Flux.range(0, files)
                .flatMap(i -> fs.create(ROOT, "/f" + i, 02, 0644)
                        .flatMap(h -> fs.write(ROOT, h, 0, Iovec.wrap(("file " + i).repeat(1000).getBytes()))
                                .then(fs.read(ROOT, h, 0, 1 << 20))
                                .flatMap(data -> fs.close(ROOT, h).thenReturn(data)))
                        .map(data -> {
                            assertThat(data.toByteArray()).isEqualTo(("file " + i).repeat(1000).getBytes());
                            return i;
                        }), 128)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(done).hasSize(files);
        // 60 more than the window at once: they wait, none is refused.
        List<Statvfs> all = reactor.core.publisher.Flux.range(0, 76)
                .flatMap(i -> c.top().statfs(new Statfs(ROOT, Loc.root(c.inodeTable().root()), Xdata.EMPTY)).map(StatfsReply::buf), 76)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(all).hasSize(76);
    }

    // ---- failures ----

    @Test
    void anUnansweredCallFailsWithEnotconnAfterTheFrameTimeout() throws Exception {
        Graph s = server(allowLocal());
        Graph c = client(port(s), Map.of("frame-timeout", "1"));
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        long start = System.nanoTime();
        Errno e = errno(c.top().lookup(new Lookup(ROOT, Loc.root(c.inodeTable().root()).child(BLACK_HOLE,
                c.inodeTable().newInode()), Xdata.EMPTY)));
        long took = System.nanoTime() - start;
        assertThat(e).isEqualTo(Errno.ENOTCONN);
        assertThat(took).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1000)).isLessThan(TimeUnit.SECONDS.toNanos(10));
        // Other calls on the same connection are unaffected.
        assertThat(ok(c.top().statfs(new Statfs(ROOT, Loc.root(c.inodeTable().root()), Xdata.EMPTY)))).isNotNull();
    }

    @Test
    void aServerThatFallsSilentIsGivenUpAfterThePingTimeout() throws Exception {
        // A server that completes the handshake and then never says anything again.
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
                    int len = in.readInt();
                    in.readFully(new byte[len]);
                    s.getOutputStream().write(frame(new Frame(Frame.Kind.HANDSHAKE_OK, 0, 0, Messages.text("silent"))));
                    s.getOutputStream().flush();
                    while (in.read() >= 0) {
                        // swallow pings and calls
                    }
                } catch (IOException e) {
                    // the client hung up
                }
            });
            t.start();
            Graph c = client(silent.getLocalPort(), Map.of("ping-timeout", "1"));
            Events seen = Events.of(c);
            c.start();
            c.childUp().block(Duration.ofSeconds(30));
            long start = System.nanoTime();
            Errno e = errno(c.top().statfs(new Statfs(ROOT, Loc.root(c.inodeTable().root()), Xdata.EMPTY)));
            assertThat(e).isEqualTo(Errno.ENOTCONN);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
            seen.await(EventType.CHILD_DOWN, 1, "CHILD_DOWN");
            c.close();
            t.join(30_000);
        }
    }

    @Test
    void killingTheServerFailsCallsInFlightAndTheClientComesBack() throws Exception {
        Graph s = server(allowLocal());
        int port = port(s);
        Graph c = client(port, Map.of());
        Events seen = Events.of(c);
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        // A call in flight that the server never answers...
        CountDownLatch failed = new CountDownLatch(1);
        Errno[] got = new Errno[1];
        c.top().lookup(new Lookup(ROOT, Loc.root(c.inodeTable().root()).child(BLACK_HOLE, c.inodeTable().newInode()),
                Xdata.EMPTY)).subscribe(r -> failed.countDown(), e -> {
                    got[0] = ((FopException) e).errno();
                    failed.countDown();
                });
        // ...fails with ENOTCONN when the server goes away,
        s.close();
        assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(got[0]).isEqualTo(Errno.ENOTCONN);
        seen.await(EventType.CHILD_DOWN, 1, "CHILD_DOWN");
        assertThat(errno(c.top().statfs(new Statfs(ROOT, Loc.root(c.inodeTable().root()), Xdata.EMPTY)))).isEqualTo(Errno.ENOTCONN);
        // and when a server is back on the port the client reconnects by itself.
        int ups = seen.count(EventType.CHILD_UP);
        server(allowLocal(), port);
        seen.await(EventType.CHILD_UP, ups + 1, "CHILD_UP again");
        FileSystem fs = new FileSystem(c.top(), c.inodeTable());
        ok(fs.mkdir(ROOT, "/after", 0755));
        assertThat(ok(fs.lstat(ROOT, "/after")).type()).isEqualTo(IaType.DIRECTORY);
    }

    @Test
    void serversComingAndGoingLeaveNoThreadsOrCallsBehind() throws Exception {
        Graph first = server(allowLocal());
        int port = port(first);
        Graph c = client(port, Map.of());
        Events seen = Events.of(c);
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        FileSystem fs = new FileSystem(c.top(), c.inodeTable());
        ok(fs.mkdir(ROOT, "/warm", 0755));
        int threadsBefore = 0;
        Graph current = first;
        for (int cycle = 0; cycle < 13; cycle++) {
            if (cycle == 3) {
                threadsBefore = Thread.activeCount(); // Netty's and Reactor's pools have started by now
            }
            // Work in flight when the server goes.
            List<Mono<Iatt>> inFlight = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                inFlight.add(fs.mkdir(ROOT, "/c" + cycle + "-" + i, 0755).onErrorResume(e -> Mono.empty()));
            }
            reactor.core.publisher.Flux.merge(inFlight).subscribe();
            current.close();
            graphs.remove(current);
            seen.await(EventType.CHILD_DOWN, cycle + 1, "CHILD_DOWN after cycle");
            current = server(allowLocal(), port);
            seen.await(EventType.CHILD_UP, cycle + 2, "CHILD_UP after cycle");
            ok(fs.mkdir(ROOT, "/after-" + cycle, 0755));
        }
        Map<String, String> state = dumpOf(c, "client");
        assertThat(state.get("inflight")).isEqualTo("0");
        assertThat(state.get("waiting")).isEqualTo("0");
        assertThat(Long.parseLong(state.get("connects"))).isGreaterThanOrEqualTo(14);
        // A leak of a thread per reconnect would be 10 more.
        assertThat(Thread.activeCount()).as("threads after 10 more reconnects").isLessThanOrEqualTo(threadsBefore + 4);
    }

    @Test
    void aClientTakenDownByItsGraphComesBackOnParentUp() throws Exception {
        Graph s = server(allowLocal());
        Graph c = client(port(s), Map.of());
        Events seen = Events.of(c);
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        c.sendDown(Event.of(EventType.PARENT_DOWN));
        seen.await(EventType.CHILD_DOWN, 1, "CHILD_DOWN after PARENT_DOWN");
        assertThat(errno(c.top().statfs(new Statfs(ROOT, Loc.root(c.inodeTable().root()), Xdata.EMPTY))))
                .isEqualTo(Errno.ENOTCONN);
        c.sendDown(Event.of(EventType.PARENT_UP));
        seen.await(EventType.CHILD_UP, 2, "CHILD_UP after PARENT_UP");
        assertThat(ok(c.top().statfs(new Statfs(ROOT, Loc.root(c.inodeTable().root()), Xdata.EMPTY)))).isNotNull();
        assertThat(dumpOf(c, "client").get("connects")).isEqualTo("2");
    }

    private static Map<String, String> dumpOf(Graph g, String volume) {
        io.rxlator.runtime.statedump.DumpWriter w = new io.rxlator.runtime.statedump.DumpWriter();
        w.section(volume);
        g.translator(volume).dump(w);
        return w.entries(volume);
    }

    @Test
    void fdsOfAClientThatGoesAwayAreReleasedOnTheServer() throws Exception {
        Graph s = server(allowLocal());
        Graph c = client(port(s), Map.of());
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        FileSystem fs = new FileSystem(c.top(), c.inodeTable());
        FileSystem.Handle h = ok(fs.create(ROOT, "/held", 02, 0644));
        ok(fs.write(ROOT, h, 0, Iovec.wrap(new byte[1 << 20])));
        ok(fs.unlink(ROOT, "/held").then(Mono.just(1)));
        MemoryTranslator mem = (MemoryTranslator) s.translator("mem");
        assertThat(mem.usedBytes()).as("still open on the server").isGreaterThanOrEqualTo(1 << 20);
        c.close();
        Events.poll(() -> mem.usedBytes() == 0, "the server released the fd of the client that went away");
    }

    // ---- hostile input ----

    private static byte[] frame(Frame f) {
        ByteBuffer b = f.encode();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Sends bytes on a raw connection; true if the server then closed it. */
    private static boolean closedAfter(int port, byte[]... chunks) throws IOException {
        try (Socket sock = new Socket("127.0.0.1", port)) {
            sock.setSoTimeout(20_000);
            OutputStream out = sock.getOutputStream();
            for (byte[] c : chunks) {
                out.write(c);
            }
            out.flush();
            InputStream in = sock.getInputStream();
            byte[] buf = new byte[4096];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    return true; // reset
                }
                if (n < 0) {
                    return true;
                }
            }
        }
    }

    @Test
    void hostileFramesCloseTheirConnectionAndTheServerServesOthers() throws Exception {
        Graph s = server(Map.of("auth.addr.store.allow", "127.0.0.1", "handshake-timeout", "1"));
        int port = port(s);
        byte[] hello = frame(new Frame(Frame.Kind.HANDSHAKE, 0, 0, Messages.hello(new Messages.Hello("store", "t", null, null))));
        // A frame that claims 2 GB.
        assertThat(closedAfter(port, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array())).isTrue();
        // A call before the handshake.
        assertThat(closedAfter(port, frame(new Frame(Frame.Kind.CALL, 1, FopType.STATFS.number(), ByteBuffer.allocate(3))))).isTrue();
        // An unknown fop after it.
        assertThat(closedAfter(port, hello, frame(new Frame(Frame.Kind.CALL, 1, 999, ByteBuffer.allocate(0))))).isTrue();
        // A truncated body.
        assertThat(closedAfter(port, hello, frame(new Frame(Frame.Kind.CALL, 1, FopType.STATFS.number(), ByteBuffer.allocate(5))))).isTrue();
        // Calls whose bodies are random bytes, each followed by a frame naming no fop: whatever the
        // random body did, the connection ends there and the server lives on.
        Random rnd = new Random(5);
        FopType[] fops = FopType.values();
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[rnd.nextInt(300)];
            rnd.nextBytes(junk);
            assertThat(closedAfter(port, hello, frame(new Frame(Frame.Kind.CALL, 2, fops[rnd.nextInt(fops.length)].number(),
                    ByteBuffer.wrap(junk))), frame(new Frame(Frame.Kind.CALL, 3, 999, ByteBuffer.allocate(0))))).isTrue();
        }
        // A connection that never says hello.
        try (Socket idle = new Socket("127.0.0.1", port)) {
            idle.setSoTimeout(30_000);
            assertThat(idle.getInputStream().read()).as("closed by handshake-timeout").isEqualTo(-1);
        }
        ServerTranslator st = (ServerTranslator) s.translator("server");
        Events.poll(() -> dump(s).get("connections").equals("0"), "every hostile connection closed");
        assertThat(Long.parseLong(dump(s).get("bad-frames"))).isGreaterThanOrEqualTo(4);
        // A real client is still served.
        Graph c = client(st.port(), Map.of());
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        FileSystem fs = new FileSystem(c.top(), c.inodeTable());
        ok(fs.mkdir(ROOT, "/fine", 0755));
    }

    @Test
    void aFloodOfConnectionsBeyondTheLimitIsTurnedAway() throws Exception {
        Graph s = server(Map.of("auth.addr.store.allow", "127.0.0.1", "max-connections", "20"));
        int port = port(s);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                held.add(new Socket("127.0.0.1", port));
            }
            Events.poll(() -> Long.parseLong(dump(s).get("refused-connections")) >= 40, "40 connections refused");
            assertThat(Integer.parseInt(dump(s).get("connections"))).isLessThanOrEqualTo(20);
        } finally {
            for (Socket sock : held) {
                sock.close();
            }
        }
        Events.poll(() -> dump(s).get("connections").equals("0"), "the held connections are gone");
        Graph c = client(port, Map.of());
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
    }

    private static Map<String, String> dump(Graph g) {
        io.rxlator.runtime.statedump.DumpWriter w = new io.rxlator.runtime.statedump.DumpWriter();
        w.section("server");
        g.translator("server").dump(w);
        return w.entries("server");
    }
}
