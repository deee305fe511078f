package io.rxlator.xlators.protocol.server;

import io.netty.buffer.Unpooled;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Loc;
import io.rxlator.runtime.fop.LocFop;
import io.rxlator.runtime.fop.Link;
import io.rxlator.runtime.fop.LinkReply;
import io.rxlator.runtime.fop.LookupReply;
import io.rxlator.runtime.fop.CreateReply;
import io.rxlator.runtime.fop.MkdirReply;
import io.rxlator.runtime.fop.MknodReply;
import io.rxlator.runtime.fop.SymlinkReply;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.Subvolume;
import io.netty.handler.ssl.SslHandler;
import io.rxlator.xlators.protocol.wire.FopCodec;
import io.rxlator.xlators.protocol.wire.Tls;
import io.rxlator.xlators.protocol.wire.Frame;
import io.rxlator.xlators.protocol.wire.FrameReader;
import io.rxlator.xlators.protocol.wire.Messages;
import io.rxlator.xlators.protocol.wire.WireException;
import io.rxlator.xlators.protocol.wire.WireReader;
import io.rxlator.xlators.protocol.wire.WireWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyInbound;

/** One client's connection to a {@link ServerTranslator}. */
final class Session {

    private final ServerTranslator server;
    private final NettyInbound in;
    private final InodeTable table;
    private @Nullable Connection connection;
    private @Nullable InetAddress peer;
    private volatile @Nullable Subvolume subvolume;
    private volatile String clientId = "?";
    private final FrameReader reader;
    private final Map<Long, Fd> fds = new ConcurrentHashMap<>();
    /**
     * Fds whose open, create or opendir is still running, and those of them the client
     * released meanwhile: a release waits for the open, or what the open leaves in the fd
     * (an open file on the brick) would outlive the release. Guarded by itself.
     */
    private final Map<Fd, Boolean> opening = new IdentityHashMap<>();
    private final Map<Fd, Long> fdIds = new IdentityHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean handshaking = new AtomicBoolean();
    private final java.util.concurrent.CountDownLatch fdsReleased = new java.util.concurrent.CountDownLatch(1);
    private final AtomicLong calls = new AtomicLong();

    Session(ServerTranslator server, NettyInbound in) {
        this.server = server;
        this.in = in;
        this.table = server.context().inodeTable();
        this.reader = new FrameReader(server.maxFrame);
    }

    Mono<Void> serve() {
        return in.withConnection(c -> {
                    connection = c;
                    // Replies written in one pass of the event loop go out in one system call.
                    c.addHandlerFirst(new io.netty.handler.flush.FlushConsolidationHandler(256, true));
                    if (c.address() instanceof InetSocketAddress a) {
                        peer = a.getAddress();
                    }
                    server.sessions.add(this);
                    // The timer goes with the connection, so a connection that leaves early does
                    // not keep it (and this session) alive for the rest of the timeout.
                    reactor.core.Disposable handshakeTimer = Mono.delay(server.handshakeTimeout).subscribe(x -> {
                        if (subvolume == null && !closed.get()) {
                            close("no handshake within " + server.handshakeTimeout.toSeconds() + " s (handshake-timeout)");
                        }
                    });
                    c.onDispose(() -> {
                        handshakeTimer.dispose();
                        released();
                    });
                })
                .receive()
                .map(reader::frames) // now, while netty still holds the buffer
                .concatMapIterable(frames -> frames)
                .flatMap(this::onFrame, server.outstanding)
                .onErrorResume(e -> {
                    if (e instanceof WireException) {
                        server.badFrames.incrementAndGet();
                    }
                    close(e instanceof WireException ? e.getMessage() : e.toString());
                    return Mono.empty();
                })
                .then();
    }

    String describe() {
        Subvolume s = subvolume;
        return clientId + " from " + peer + " on " + (s == null ? "(handshake)" : s.name()) + ", " + calls.get() + " calls, "
                + fds.size() + " fds";
    }

    private Mono<Void> onFrame(Frame f) {
        if (closed.get()) {
            return Mono.empty(); // frames queued behind the limit when the client went
        }
        Subvolume sub = subvolume;
        if (sub == null) {
            if (f.kind() != Frame.Kind.HANDSHAKE) {
                throw new WireException("the first frame must be a handshake, not " + f.kind());
            }
            if (!handshaking.compareAndSet(false, true)) {
                throw new WireException("a second handshake before the first was answered");
            }
            // Off the event loop: auth.addr may name hosts, and looking one up blocks.
            return Mono.fromRunnable(() -> handshake(f)).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()).then();
        }
        switch (f.kind()) {
            case CALL:
                return call(sub, f);
            case RELEASE:
                release(Messages.number(f.body()));
                return Mono.empty();
            case PING:
                send(new Frame(Frame.Kind.PONG, f.id(), 0, ByteBuffer.allocate(0)));
                return Mono.empty();
            default:
                throw new WireException("a " + f.kind() + " frame is not expected from a client");
        }
    }

    private void handshake(Frame f) {
        Messages.Hello hello = Messages.hello(f.body());
        clientId = hello.clientId();
        Subvolume sub = server.subvolume(hello.subvolume());
        String why;
        if (sub == null) {
            why = "no subvolume '" + hello.subvolume() + "' is exported here";
        } else if (peer == null) {
            why = "the client's address is unknown";
        } else {
            why = server.tls ? refuseCertificate() : null;
            if (why == null) {
                why = server.auth.refuse(hello.subvolume(), peer, hello.username(), hello.password());
            }
        }
        if (why != null) {
            server.log().warn("{}: client {} from {} refused: {}", server.name(), clientId, peer, why);
            send(new Frame(Frame.Kind.AUTH_FAILED, f.id(), 0, Messages.text(why)));
            close(null);
            return;
        }
        subvolume = sub;
        server.log().info("{}: client {} from {} connected to '{}'", server.name(), clientId, peer, sub.name());
        send(new Frame(Frame.Kind.HANDSHAKE_OK, f.id(), 0, Messages.text(server.name())));
    }

    /** With TLS: null when the client's certificate's common name is allowed (auth.ssl-allow), else why not. */
    private @Nullable String refuseCertificate() {
        Connection c = connection;
        SslHandler ssl = c == null ? null : c.channel().pipeline().get(SslHandler.class);
        if (ssl == null) {
            return "TLS is on but the connection is not encrypted";
        }
        try {
            java.security.cert.Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            String cn = Tls.commonName((java.security.cert.X509Certificate) chain[0]);
            for (String p : server.sslAllow) {
                if (io.rxlator.runtime.internal.Glob.matches(p, cn)) {
                    clientId = clientId + " (" + cn + ")";
                    return null;
                }
            }
            return "certificate '" + cn + "' is not in auth.ssl-allow";
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return "the client presented no certificate";
        }
    }

    private Mono<Void> call(Subvolume sub, Frame f) {
        FopType type = FopType.ofNumber(f.fop());
        if (type == null) {
            throw new WireException("fop number " + f.fop() + " is not known");
        }
        calls.incrementAndGet();
        Decoding ctx = new Decoding(type);
        FopRequest<?> req;
        try {
            req = FopCodec.readRequest(new WireReader(f.body()), type, ctx);
        } catch (RuntimeException e) {
            if (ctx.made != null) {
                opened(ctx.made); // never to be opened: the connection's end releases it
            }
            throw e;
        }
        if (ctx.unknownFd) {
            if (ctx.placeholders != null) {
                ctx.placeholders.forEach(Fd::release);
            }
            fail(f, type, FopException.of(Errno.EBADF, "fd not open on this connection"));
            return Mono.empty();
        }
        Mono<Void> done = sub.call(req)
                .doOnNext(r -> {
                    linkEntry(req, r);
                    WireWriter w = Frame.writer(256);
                    FopCodec.writeReply(w, r, ctx);
                    send(Frame.finish(w, Frame.Kind.REPLY, f.id(), type.number()));
                })
                .onErrorResume(e -> {
                    fail(f, type, e instanceof FopException fe ? fe
                            : FopException.of(Errno.EIO, server.name() + ": " + type.glusterName() + " failed: " + e));
                    return Mono.empty();
                })
                .then();
        Fd made = ctx.made;
        return made == null ? done : done.doFinally(s -> opened(made));
    }

    /** The open of {@code fd} is over: a release that came meanwhile happens now. */
    private void opened(Fd fd) {
        Boolean released;
        synchronized (opening) {
            released = opening.remove(fd);
        }
        if (Boolean.TRUE.equals(released)) {
            fd.release();
        }
    }

    private void fail(Frame f, FopType type, FopException e) {
        send(new Frame(Frame.Kind.ERROR, f.id(), type.number(), Messages.failure(e)));
    }

    /** Entry replies link the inode under its name, so later fops find it by gfid (GlusterFS's inode_link). */
    private void linkEntry(FopRequest<?> req, FopReply r) {
        Loc loc = req instanceof Link l ? l.newloc() : req instanceof LocFop lf ? lf.loc() : null;
        Inode inode;
        Iatt buf;
        if (r instanceof LookupReply x) {
            inode = x.inode();
            buf = x.buf();
        } else if (r instanceof CreateReply x) {
            inode = x.inode();
            buf = x.buf();
        } else if (r instanceof MkdirReply x) {
            inode = x.inode();
            buf = x.buf();
        } else if (r instanceof MknodReply x) {
            inode = x.inode();
            buf = x.buf();
        } else if (r instanceof SymlinkReply x) {
            inode = x.inode();
            buf = x.buf();
        } else if (r instanceof LinkReply x) {
            inode = x.inode();
            buf = x.buf();
        } else {
            return;
        }
        if (loc == null || inode == null || buf == null || buf.gfid().isNull()) {
            return;
        }
        Inode parent = loc.parent();
        try {
            if (parent != null && parent.isLinked() && loc.name() != null) {
                table.link(inode, parent, loc.name(), buf);
            } else {
                table.link(inode, null, null, buf);
            }
        } catch (RuntimeException e) {
            server.log().debug("{}: could not link {}: {}", server.name(), loc, e.toString());
        }
    }

    private void release(long id) {
        Fd fd = fds.remove(id);
        if (fd != null) {
            synchronized (fdIds) {
                fdIds.remove(fd);
            }
            synchronized (opening) {
                if (opening.containsKey(fd)) {
                    opening.put(fd, Boolean.TRUE); // released when its open is over
                    return;
                }
            }
            fd.release();
        }
    }

    private void send(Frame f) {
        send(new ByteBuffer[] {f.encode()});
    }

    private void send(ByteBuffer[] frame) {
        Connection c = connection;
        if (c != null && !closed.get()) {
            c.channel().writeAndFlush(Unpooled.wrappedBuffer(frame));
        }
    }

    void close(@Nullable String reason) {
        if (reason != null) {
            server.log().warn("{}: closing the connection of client {} from {}: {}", server.name(), clientId, peer, reason);
        }
        Connection c = connection;
        if (c != null) {
            c.channel().flush();
            c.dispose();
        }
    }

    /** The connection is gone: the client's fds go with it (GlusterFS's client_destroy). */
    private void released() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Long id : new ArrayList<>(fds.keySet())) {
                release(id);
            }
        } finally {
            fdsReleased.countDown();
            // Only now: a server closing meanwhile finds this session and waits for the above.
            server.sessions.remove(this);
        }
    }

    /**
     * Releases the client's fds now, or waits (10 s at most) for the release the connection's
     * end already started: a server closing with its graph must not leave them to run after
     * the graph stopped passing releases to its translators.
     */
    void releaseNow() {
        released();
        try {
            fdsReleased.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Decoding one request: inodes by gfid, fds by the client's numbers. */
    private final class Decoding implements FopCodec.Context {
        private final FopType type;
        private @Nullable Inode first;
        /** The fd an open, create or opendir made here. */
        @Nullable Fd made;
        boolean unknownFd;
        /** Fds made up to complete a record naming an fd not open here (rare: made when needed). */
        @Nullable List<Fd> placeholders;

        Decoding(FopType type) {
            this.type = type;
        }

        @Override
        public void writeInode(WireWriter w, Inode inode) {
            Gfid g = inode.gfid();
            w.i64(g.high()).i64(g.low());
        }

        @Override
        public Inode readInode(WireReader r) {
            Gfid g = Gfid.of(r.i64(), r.i64());
            Inode inode = g.isNull() ? null : table.find(g);
            if (inode == null) {
                inode = table.newInode();
            }
            if (first == null) {
                first = inode;
            }
            return inode;
        }

        @Override
        public void writeFd(WireWriter w, Fd fd) {
            Long id;
            synchronized (fdIds) {
                id = fdIds.get(fd);
            }
            w.i64(id == null ? -1 : id);
        }

        @Override
        public Fd readFd(WireReader r) {
            long id = r.i64();
            Fd fd = fds.get(id);
            if (fd != null) {
                return fd;
            }
            if ((type == FopType.OPEN || type == FopType.CREATE || type == FopType.OPENDIR) && first != null && id >= 0) {
                fd = type == FopType.OPENDIR ? table.newDirFd(first, 0) : table.newFd(first, 0, 0);
                if (fds.putIfAbsent(id, fd) != null) {
                    throw r.fail("fd number " + id + " is already open");
                }
                synchronized (fdIds) {
                    fdIds.put(fd, id);
                }
                synchronized (opening) {
                    opening.put(fd, Boolean.FALSE);
                }
                made = fd;
                return fd;
            }
            unknownFd = true;
            // Only to complete the record; the call is answered EBADF and this fd let go at once.
            Fd placeholder = table.newFd(table.newInode(), 0, Fd.ANONYMOUS_PID);
            if (placeholders == null) {
                placeholders = new ArrayList<>(1);
            }
            placeholders.add(placeholder);
            return placeholder;
        }
    }
}
