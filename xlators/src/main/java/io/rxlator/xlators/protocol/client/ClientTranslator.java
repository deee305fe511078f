package io.rxlator.xlators.protocol.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.rxlator.xlators.protocol.wire.Tls;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.Lk;
import io.rxlator.runtime.fop.LkCmd;
import io.rxlator.runtime.fop.Loc;
import io.rxlator.runtime.fop.LockType;
import io.rxlator.runtime.fop.Open;
import io.rxlator.runtime.fop.Opendir;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.runtime.xlator.Notifier;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import io.rxlator.xlators.protocol.wire.FopCodec;
import io.rxlator.xlators.protocol.wire.Frame;
import io.rxlator.xlators.protocol.wire.FrameReader;
import io.rxlator.xlators.protocol.wire.Messages;
import io.rxlator.xlators.protocol.wire.WireException;
import io.rxlator.xlators.protocol.wire.WireReader;
import io.rxlator.xlators.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.tcp.TcpClient;

/**
 * {@code protocol/client}: a translator whose child is a subvolume exported by a
 * {@code protocol/server} on another machine. Fops go out as frames on one connection, many in
 * flight at once, each answered by the frame with its id. The connection is made when the graph
 * comes up, remade with backoff when it breaks, and CHILD_UP / CHILD_DOWN tell the graph; the
 * fds open when it broke are opened again on the new connection before CHILD_UP (not those that
 * took a posix lock, which did not survive). Calls that get no answer within
 * {@code frame-timeout}, or while the server has been silent for {@code ping-timeout}, fail
 * with ENOTCONN instead of hanging.
 */
public final class ClientTranslator implements Translator {

    public static final String TYPE = "protocol/client";

    public static final Option<String> REMOTE_HOST = Option.address("remote-host").required()
            .description("The server's host name or address.");
    public static final Option<Long> REMOTE_PORT = Option.integer("remote-port").defaultValue("24007").range(1, 65535)
            .description("The server's port (its transport.socket.listen-port).");
    public static final Option<String> REMOTE_SUBVOLUME = Option.string("remote-subvolume").required()
            .description("The name of the exported subvolume on the server.");
    public static final Option<String> TRANSPORT = Option.oneOf("transport-type", "tcp", "socket").defaultValue("tcp")
            .description("The transport: TCP.");
    public static final Option<Duration> PING_TIMEOUT = Option.time("ping-timeout").alias("network.ping-timeout")
            .defaultValue("42").range(1, 1013)
            .description("A server silent this long (pings unanswered) is taken as gone: its calls fail with ENOTCONN.")
            .reconfigurable();
    public static final Option<Duration> FRAME_TIMEOUT = Option.time("frame-timeout").alias("network.frame-timeout")
            .defaultValue("1800").range(1, 86400)
            .description("A call unanswered this long fails with ENOTCONN.").reconfigurable();
    public static final Option<String> USERNAME = Option.string("username")
            .description("The login for the server's auth.login.SUBVOLUME.allow.");
    public static final Option<String> PASSWORD = Option.string("password")
            .description("The password for the server's auth.login.USER.password.");
    public static final Option<Long> WINDOW = Option.integer("max-inflight").defaultValue("1024").range(1, 1 << 20)
            .description("Calls in flight at once; more wait (up to four times as many), beyond that they fail with EAGAIN.")
            .reconfigurable();
    public static final Option<Long> MAX_FRAME = Option.size("max-frame-size").defaultValue("4MB").range(64 * 1024, 1L << 30)
            .description("The largest frame accepted from the server.");

    public static final TranslatorDescriptor DESCRIPTOR = TranslatorDescriptor.builder(TYPE)
            .arity(Arity.NONE)
            .options(REMOTE_HOST, REMOTE_PORT, REMOTE_SUBVOLUME, TRANSPORT, PING_TIMEOUT, FRAME_TIMEOUT, USERNAME, PASSWORD,
                    WINDOW, MAX_FRAME)
            .options(Tls.OPTIONS)
            .description("Sends fops to a subvolume exported by protocol/server on another machine.")
            .factory(ClientTranslator::new)
            .build();

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(3);
    /** Set on a connection's channel by the first {@link #lost} of it. */
    private static final AttributeKey<Boolean> LOST = AttributeKey.valueOf("rxlator.client.lost");

    private final String name;
    private final Logger log;
    private final TranslatorContext ctx;
    private final InodeTable table;
    private final String host;
    private final int port;
    private final String subvolume;
    private final String clientId = UUID.randomUUID().toString();
    private final int maxFrame;
    private final Scheduler timer = Schedulers.parallel();
    private final @Nullable SslContext ssl;

    private final Object lock = new Object();
    private @Nullable Connection connection;
    private boolean up;
    private boolean closed;
    /** The server refused our handshake: no point in asking again until the graph is rebuilt. */
    private boolean refused;
    /** The graph above is going down: no reconnecting until PARENT_UP again. */
    private boolean parentDown;
    private long backoffMillis = FIRST_BACKOFF.toMillis();
    private final Map<Long, Call> calls = new ConcurrentHashMap<>();
    private final ArrayDeque<Call> waiting = new ArrayDeque<>();
    private int inflight;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong fdNumbers = new AtomicLong();
    private final Map<Fd, Long> fdIds = new ConcurrentHashMap<>();
    private final Map<Long, Fd> fdsById = new ConcurrentHashMap<>();
    /** Fds that took a posix lock: the server let the lock go with the connection, so they are not reopened. */
    private final java.util.Set<Fd> locked = ConcurrentHashMap.newKeySet();
    /** Opens flags a reopen must not repeat: O_CREAT, O_EXCL, O_TRUNC. */
    private static final int CREATE_FLAGS = 0100 | 0200 | 01000;
    private volatile long lastHeard = System.nanoTime();
    private volatile long pingTimeoutNanos;
    private volatile long frameTimeoutNanos;
    private volatile int window;
    private @Nullable Disposable ticker;
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();

    ClientTranslator(TranslatorContext ctx) {
        this.ctx = ctx;
        this.name = ctx.name();
        this.log = ctx.logger();
        this.table = ctx.inodeTable();
        Options o = ctx.options();
        this.host = o.get(REMOTE_HOST);
        this.port = (int) (long) o.get(REMOTE_PORT);
        this.subvolume = o.get(REMOTE_SUBVOLUME);
        this.maxFrame = (int) Math.min(Integer.MAX_VALUE - 16, o.get(MAX_FRAME));
        this.ssl = Tls.context(o, false);
        reconfigure(o);
    }

    @Override
    public void reconfigure(Options o) {
        pingTimeoutNanos = o.get(PING_TIMEOUT).toNanos();
        frameTimeoutNanos = o.get(FRAME_TIMEOUT).toNanos();
        window = (int) (long) o.get(WINDOW);
    }

    // ---- connection ----

    @Override
    public void notify(Event event, Notifier notifier) {
        if (event.type() == EventType.PARENT_UP) {
            synchronized (lock) {
                boolean wasDown = parentDown;
                parentDown = false;
                if (closed) {
                    return;
                }
                if (ticker == null) {
                    ticker = timer.schedulePeriodically(this::tick, 250, 250, TimeUnit.MILLISECONDS);
                    connect();
                } else if (wasDown && connection == null) {
                    connect(); // up again after PARENT_DOWN, which stopped the retries
                }
            }
            return;
        }
        if (event.type() == EventType.PARENT_DOWN) {
            synchronized (lock) {
                parentDown = true;
            }
            disconnect("the graph is going down", false);
            notifier.up(Event.of(EventType.CHILD_DOWN));
            return;
        }
        notifier.forward(event);
    }

    private void connect() {
        connects.incrementAndGet();
        TcpClient tcp = TcpClient.create();
        SslContext tlsContext = ssl;
        if (tlsContext != null) {
            tcp = tcp.secure(spec -> spec.sslContext(tlsContext));
        }
        tcp
                .host(host)
                .port(port)
                .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(io.netty.channel.ChannelOption.TCP_NODELAY, true) // the server side has it by default
                .doOnConnected(this::connected)
                .connect()
                .subscribe(c -> {
                }, e -> {
                    log.debug("{}: connecting to {}:{} failed: {}", name, host, port, e.toString());
                    retryLater();
                });
    }

    private void connected(Connection c) {
        // Calls sent in one pass of the event loop go out in one system call.
        c.addHandlerFirst(new io.netty.handler.flush.FlushConsolidationHandler(256, true));
        FrameReader reader = new FrameReader(maxFrame);
        c.inbound().receive()
                .map(reader::frames) // now, while netty still holds the buffer
                .concatMapIterable(frames -> frames)
                .subscribe(f -> onFrame(c, f), e -> lost(c, e instanceof WireException ? e.getMessage() : e.toString()),
                        () -> lost(c, "the server closed the connection"));
        c.onDispose(() -> lost(c, "the connection closed"));
        lastHeard = System.nanoTime();
        Messages.Hello hello = new Messages.Hello(subvolume, clientId, ctx.options().get(USERNAME), ctx.options().get(PASSWORD));
        c.channel().writeAndFlush(Unpooled.wrappedBuffer(new Frame(Frame.Kind.HANDSHAKE, 0, 0, Messages.hello(hello)).encode()));
    }

    private void onFrame(Connection c, Frame f) {
        lastHeard = System.nanoTime();
        switch (f.kind()) {
            case HANDSHAKE_OK -> {
                synchronized (lock) {
                    if (closed || parentDown || (connection != null && connection != c)) {
                        c.dispose();
                        return;
                    }
                    connection = c;
                    up = true;
                    backoffMillis = FIRST_BACKOFF.toMillis();
                }
                log.info("{}: connected to {}:{} '{}'", name, host, port, subvolume);
                reopenFds(c);
            }
            case AUTH_FAILED -> {
                String why = Messages.text(f.body());
                synchronized (lock) {
                    refused = true;
                }
                log.error("{}: {}:{} refused us, not asking again: {}", name, host, port, why);
                ctx.notifier().up(Event.of(EventType.AUTH_FAILED, why));
                c.dispose();
            }
            case REPLY, ERROR -> answer(f);
            case PONG -> {
            }
            default -> lost(c, "a " + f.kind() + " frame is not expected from a server");
        }
    }

    /**
     * {@code c} is gone: its calls fail, its fds are forgotten, CHILD_DOWN goes up if it was
     * the connection in use, and a reconnection is planned. Everything that notices a loss
     * (the stream ending or failing, the channel closing, the ping timeout, a frame out of
     * place) calls this; only the first call for a connection does anything.
     */
    private void lost(Connection c, String why) {
        if (!c.channel().attr(LOST).compareAndSet(null, Boolean.TRUE)) {
            return;
        }
        boolean wasUp;
        synchronized (lock) {
            if (connection != c && connection != null) {
                return;
            }
            wasUp = up;
            up = false;
            connection = null;
        }
        c.dispose();
        if (wasUp) {
            log.warn("{}: disconnected from {}:{}: {}", name, host, port, why);
        }
        failAll(why);
        forgetFds();
        if (wasUp) {
            ctx.notifier().up(Event.of(EventType.CHILD_DOWN));
        }
        retryLater();
    }

    private void retryLater() {
        long delay;
        synchronized (lock) {
            if (closed || refused || parentDown || connection != null) {
                return;
            }
            delay = backoffMillis;
            backoffMillis = Math.min(MAX_BACKOFF.toMillis(), backoffMillis * 2);
        }
        timer.schedule(() -> {
            synchronized (lock) {
                if (closed || refused || parentDown || connection != null) {
                    return;
                }
            }
            connect();
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void disconnect(String why, boolean forever) {
        Connection c;
        synchronized (lock) {
            c = connection;
            if (forever) {
                closed = true;
            }
        }
        if (c != null) {
            lost(c, why); // fails the calls in flight
        } else {
            failAll(why);
        }
    }

    /**
     * Opens again, on the new connection {@code c}, the fds open on the one that broke, and only
     * then tells the graph CHILD_UP (as GlusterFS's client does), so a file open across a
     * reconnect keeps working. An fd that took a posix lock is not reopened, since its lock did
     * not survive: calls with it get EBADF. So does an fd whose reopen fails.
     */
    private void reopenFds(Connection c) {
        List<Fd> stale = new ArrayList<>();
        fdIds.forEach((fd, id) -> {
            if (id < 0 && !locked.contains(fd) && !fd.isReleased()) {
                stale.add(fd);
            }
        });
        if (stale.isEmpty()) {
            childUp(c);
            return;
        }
        Flux.fromIterable(stale)
                .flatMap(fd -> reopen(fd).thenReturn(fd).onErrorResume(e -> {
                    log.warn("{}: fd on {} not reopened: {}", name, fd.inode().gfid(), e.getMessage());
                    return Mono.empty();
                }), window)
                .count()
                .subscribe(n -> {
                    log.info("{}: {} of {} fds reopened", name, n, stale.size());
                    childUp(c);
                });
    }

    private Mono<? extends FopReply> reopen(Fd fd) {
        Loc loc = Loc.nameless(fd.inode());
        return call(fd.isDirectory()
                ? new Opendir(CallContext.ROOT, loc, fd, Xdata.EMPTY)
                : new Open(CallContext.ROOT, loc, fd.flags() & ~CREATE_FLAGS, fd, Xdata.EMPTY), true);
    }

    /** CHILD_UP, unless {@code c} went meanwhile. */
    private void childUp(Connection c) {
        synchronized (lock) {
            if (connection != c || !up) {
                return;
            }
        }
        ctx.notifier().up(Event.of(EventType.CHILD_UP));
    }

    /** Fds of a connection that broke are gone on the server; calls with them get EBADF until they are reopened. */
    private void forgetFds() {
        fdIds.replaceAll((fd, id) -> -1L);
        fdsById.clear();
    }

    /** Pings, timeouts. */
    private void tick() {
        long now = System.nanoTime();
        Connection c;
        synchronized (lock) {
            c = up ? connection : null;
        }
        if (c != null) {
            if (now - lastHeard > pingTimeoutNanos) {
                lost(c, "no answer from the server for " + Duration.ofNanos(now - lastHeard).toSeconds() + " s (ping-timeout)");
                return;
            }
            if (now - lastHeard > pingTimeoutNanos / 4) {
                c.channel().writeAndFlush(Unpooled.wrappedBuffer(new Frame(Frame.Kind.PING, 0, 0, ByteBuffer.allocate(0)).encode()));
            }
        }
        for (Call call : calls.values()) {
            if (now - call.sent > frameTimeoutNanos && calls.remove(call.id, call)) {
                timedOut.incrementAndGet();
                finish(call);
                call.sink.error(FopException.of(Errno.ENOTCONN, name + ": " + call.type.glusterName()
                        + " unanswered for " + Duration.ofNanos(now - call.sent).toSeconds() + " s (frame-timeout)"));
            }
        }
    }

    // ---- calls ----

    @Override
    public Mono<? extends FopReply> handle(FopRequest<?> request) {
        Mono<? extends FopReply> call = call(request, false);
        if (request instanceof Lk lk && lk.cmd() != LkCmd.GETLK && lk.flock().type() != LockType.UNLOCK) {
            return call.doOnSuccess(r -> locked.add(lk.fd()));
        }
        return call;
    }

    /** Sends {@code request}; {@code reopen} for the open of an fd the last connection had. */
    private Mono<? extends FopReply> call(FopRequest<?> request, boolean reopen) {
        return Mono.create(sink -> {
            Call call = new Call(request, sink, reopen);
            boolean now;
            synchronized (lock) {
                if (!up) {
                    sink.error(FopException.of(Errno.ENOTCONN, name + ": not connected to " + host + ":" + port));
                    return;
                }
                if (inflight < window) {
                    inflight++;
                    now = true;
                } else if (waiting.size() < 4 * window) {
                    waiting.add(call);
                    now = false;
                } else {
                    sink.error(FopException.of(Errno.EAGAIN, name + ": " + (inflight + waiting.size()) + " calls already waiting"));
                    return;
                }
            }
            if (now) {
                send(call);
            }
        });
    }

    private void send(Call call) {
        Connection c;
        synchronized (lock) {
            c = up ? connection : null;
        }
        if (c == null) {
            finish(call);
            call.sink.error(FopException.of(Errno.ENOTCONN, name + ": not connected to " + host + ":" + port));
            return;
        }
        WireWriter w = Frame.writer(256);
        try {
            FopCodec.writeRequest(w, call.request, call);
        } catch (RuntimeException e) {
            finish(call);
            call.sink.error(FopException.of(Errno.EINVAL, name + ": cannot send " + call.type.glusterName() + ": " + e.getMessage()));
            return;
        }
        if (call.staleFd || call.unopenedFd) {
            finish(call);
            call.sink.error(FopException.of(Errno.EBADF, name + (call.staleFd
                    ? ": the fd was opened on a connection that broke"
                    : call.reopen ? ": the fd was released before it could be opened again"
                    : ": the fd was not opened through this client")));
            return;
        }
        call.id = ids.incrementAndGet();
        call.sent = System.nanoTime();
        calls.put(call.id, call);
        ByteBuf frame = Unpooled.wrappedBuffer(Frame.finish(w, Frame.Kind.CALL, call.id, call.type.number()));
        c.channel().writeAndFlush(frame).addListener(call);
    }

    private void answer(Frame f) {
        Call call = calls.remove(f.id());
        if (call == null) {
            return; // timed out meanwhile
        }
        finish(call);
        try {
            if (f.kind() == Frame.Kind.ERROR) {
                call.sink.error(Messages.failure(f.body()));
            } else {
                call.sink.success(FopCodec.readReply(new WireReader(f.body()), call.type, call));
            }
        } catch (WireException e) {
            call.sink.error(FopException.of(Errno.EIO, name + ": the server's answer to " + call.type.glusterName()
                    + " could not be read: " + e.getMessage()));
        }
    }

    /** A call is answered: the next waiting one goes. */
    private void finish(Call call) {
        Call next;
        synchronized (lock) {
            next = waiting.poll();
            if (next == null) {
                inflight--;
            }
        }
        if (next != null) {
            send(next);
        }
    }

    private void failAll(String why) {
        List<Call> all = new ArrayList<>();
        synchronized (lock) {
            all.addAll(waiting);
            waiting.clear();
        }
        for (Call c : all) {
            c.sink.error(FopException.of(Errno.ENOTCONN, name + ": " + why));
        }
        for (Long id : new ArrayList<>(calls.keySet())) {
            Call c = calls.remove(id);
            if (c != null) {
                finish(c);
                c.sink.error(FopException.of(Errno.ENOTCONN, name + ": " + why));
            }
        }
    }

    @Override
    public void release(Fd fd) {
        releaseFd(fd);
    }

    @Override
    public void releasedir(Fd fd) {
        releaseFd(fd);
    }

    private void releaseFd(Fd fd) {
        locked.remove(fd);
        Long id = fdIds.remove(fd);
        if (id == null || id < 0) {
            return;
        }
        fdsById.remove(id);
        Connection c;
        synchronized (lock) {
            c = up ? connection : null;
        }
        if (c != null) {
            c.channel().writeAndFlush(Unpooled.wrappedBuffer(new Frame(Frame.Kind.RELEASE, 0, 0, Messages.number(id)).encode()));
        }
    }

    @Override
    public void dump(DumpWriter out) {
        synchronized (lock) {
            out.put("remote", host + ":" + port + " " + subvolume).put("connected", up).put("inflight", inflight)
                    .put("waiting", waiting.size());
        }
        out.put("connects", connects.get()).put("timed-out", timedOut.get()).put("open-fds", fdIds.size());
    }

    @Override
    public void close() {
        Disposable t;
        synchronized (lock) {
            closed = true;
            t = ticker;
        }
        if (t != null) {
            t.dispose();
        }
        disconnect("the graph is closing", true);
    }

    /** One fop on its way, and how its inodes and fds travel. */
    private final class Call implements FopCodec.Context, io.netty.channel.ChannelFutureListener {
        final FopRequest<?> request;
        final FopType type;
        final MonoSink<FopReply> sink;
        long id;
        long sent;
        /** The open of an fd the last connection had: it must not bring back an fd released meanwhile. */
        final boolean reopen;
        boolean staleFd;
        boolean unopenedFd;
        private @Nullable Inode requestInode;
        private boolean requestInodeUsed;

        @SuppressWarnings("unchecked")
        Call(FopRequest<?> request, MonoSink<? extends FopReply> sink, boolean reopen) {
            this.reopen = reopen;
            this.request = request;
            this.type = request.type();
            this.sink = (MonoSink<FopReply>) sink;
        }

        /**
         * The frame was written, or not: a failed write fails the call. This also covers a
         * connection lost between the check in send and the put into calls, which nothing
         * else would answer before frame-timeout. (The call is its own listener: no object
         * per write.)
         */
        @Override
        public void operationComplete(io.netty.channel.ChannelFuture done) {
            if (!done.isSuccess() && calls.remove(id, this)) {
                finish(this);
                sink.error(FopException.of(Errno.ENOTCONN, name + ": sending " + type.glusterName() + " failed: "
                        + done.cause()));
            }
        }

        @Override
        public Loc outgoing(Loc loc) {
            return new Loc(loc.path(), loc.name(), loc.inode(), loc.parent(), loc.effectiveGfid(), loc.effectiveParentGfid());
        }

        @Override
        public void writeInode(WireWriter w, Inode inode) {
            if (requestInode == null) {
                requestInode = inode;
            }
            Gfid g = inode.gfid();
            w.i64(g.high()).i64(g.low());
        }

        @Override
        public Inode readInode(WireReader r) {
            Gfid g = Gfid.of(r.i64(), r.i64());
            // The first inode of an entry reply is the one the request named.
            if (requestInode != null && !requestInodeUsed) {
                requestInodeUsed = true;
                return requestInode;
            }
            Inode known = g.isNull() ? null : table.find(g);
            return known != null ? known : table.newInode();
        }

        @Override
        public void writeFd(WireWriter w, Fd fd) {
            Long id = fdIds.get(fd);
            boolean opening = type == FopType.OPEN || type == FopType.CREATE || type == FopType.OPENDIR;
            if (opening && (id == null ? !reopen : id < 0)) { // a new fd, or one reopened after a reconnect
                long fresh = fdNumbers.incrementAndGet();
                fdIds.put(fd, fresh);
                fdsById.put(fresh, fd);
                id = fresh;
            }
            if (id == null) {
                unopenedFd = true;
                id = -1L;
            } else if (id < 0) {
                staleFd = true;
            }
            w.i64(id);
        }

        @Override
        public Fd readFd(WireReader r) {
            long id = r.i64();
            Fd fd = fdsById.get(id);
            if (fd == null) {
                throw r.fail("the server named fd " + id + ", which this client did not open");
            }
            return fd;
        }
    }
}
