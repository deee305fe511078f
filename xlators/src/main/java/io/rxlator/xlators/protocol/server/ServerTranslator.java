package io.rxlator.xlators.protocol.server;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import reactor.core.publisher.Mono;
import io.netty.handler.ssl.SslContext;
import io.rxlator.xlators.protocol.wire.Tls;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * {@code protocol/server}: exports its children over TCP to {@code protocol/client}s. A client
 * names the child it wants ({@code remote-subvolume}) in its handshake and is let in by
 * GlusterFS's {@code auth.addr} and {@code auth.login} options; then every fop it sends is
 * decoded, wound into that child and answered, many at a time on one connection. Fds a client
 * holds are released when it lets go of them or disconnects.
 */
public final class ServerTranslator implements Translator {

    public static final String TYPE = "protocol/server";

    public static final Option<String> TRANSPORT = Option.oneOf("transport-type", "tcp", "socket").defaultValue("tcp")
            .alias("transport.address-family-type")
            .description("The transport: TCP (GlusterFS's socket transport).");
    public static final Option<Long> LISTEN_PORT = Option.integer("transport.socket.listen-port").defaultValue("24007")
            .alias("listen-port").range(0, 65535)
            .description("The TCP port to listen on; 0 picks a free one (shown in the log and statedump).");
    public static final Option<String> BIND_ADDRESS = Option.address("transport.socket.bind-address").defaultValue("0.0.0.0")
            .alias("bind-address").description("The address to listen on.");
    public static final Option<List<String>> AUTH_ALLOW = Option.authAddressList("auth.addr.*.allow")
            .description("Addresses that may use the subvolume named in the key (*, wildcards, a.b.c.d/n).");
    public static final Option<List<String>> AUTH_REJECT = Option.authAddressList("auth.addr.*.reject")
            .description("Addresses that may not use the subvolume named in the key; wins over allow.");
    public static final Option<String> LOGIN_ALLOW = Option.string("auth.login.*.allow")
            .description("User names (comma-separated) that may use the subvolume named in the key, with their password.");
    public static final Option<String> LOGIN_PASSWORD = Option.string("auth.login.*.password")
            .description("The password of the user named in the key.");
    public static final Option<Long> MAX_FRAME = Option.size("max-frame-size").defaultValue("4MB").range(64 * 1024, 1L << 30)
            .description("The largest frame a client may send; a longer one closes its connection.");
    public static final Option<Long> MAX_CONNECTIONS = Option.integer("max-connections").defaultValue("1024").range(1, 1 << 20)
            .description("Connections served at once; more are closed as they arrive.");
    public static final Option<Long> OUTSTANDING = Option.integer("rpc.outstanding-rpc-limit").defaultValue("64")
            .alias("server.outstanding-rpc-limit").range(1, 65536)
            .description("Fops of one connection in flight at once; the connection is not read further until one is answered.");

    public static final Option<Duration> HANDSHAKE_TIMEOUT = Option.time("handshake-timeout").defaultValue("10").range(1, 3600)
            .description("A connection that has not completed its handshake this long after opening is closed.");

    public static final Option<String> SSL_ALLOW = Option.string("auth.ssl-allow").defaultValue("*")
            .description("With TLS on: the common names (comma-separated, wildcards) of client certificates that may connect.");

    public static final TranslatorDescriptor DESCRIPTOR = TranslatorDescriptor.builder(TYPE)
            .arity(Arity.AT_LEAST_ONE)
            .options(TRANSPORT, LISTEN_PORT, BIND_ADDRESS, AUTH_ALLOW, AUTH_REJECT, LOGIN_ALLOW, LOGIN_PASSWORD, MAX_FRAME,
                    MAX_CONNECTIONS, OUTSTANDING, HANDSHAKE_TIMEOUT, SSL_ALLOW)
            .options(Tls.OPTIONS)
            .description("Serves its subvolumes over TCP to protocol/client translators (GlusterFS's brick server).")
            .factory(ServerTranslator::new)
            .build();

    private final String name;
    private final Logger log;
    final boolean tls;
    final List<String> sslAllow;
    private final Map<String, Subvolume> exported = new HashMap<>();
    private final TranslatorContext ctx;
    private final DisposableServer server;
    final Auth auth;
    final int maxFrame;
    final int outstanding;
    private final int maxConnections;
    final Duration handshakeTimeout;
    final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    final AtomicLong refusedConnections = new AtomicLong();
    /** Connections admitted and not yet closed (what max-connections bounds). */
    private final java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
    final AtomicLong badFrames = new AtomicLong();

    ServerTranslator(TranslatorContext ctx) {
        this.ctx = ctx;
        this.name = ctx.name();
        this.log = ctx.logger();
        Options o = ctx.options();
        for (Subvolume s : ctx.children()) {
            exported.put(s.name(), s);
        }
        this.auth = new Auth(o.matching(AUTH_ALLOW), o.matching(AUTH_REJECT), o.matching(LOGIN_ALLOW), o.matching(LOGIN_PASSWORD));
        this.maxFrame = (int) Math.min(Integer.MAX_VALUE - 16, o.get(MAX_FRAME));
        this.outstanding = (int) (long) o.get(OUTSTANDING);
        this.maxConnections = (int) (long) o.get(MAX_CONNECTIONS);
        this.handshakeTimeout = o.get(HANDSHAKE_TIMEOUT);
        SslContext ssl = Tls.context(o, true);
        this.tls = ssl != null;
        this.sslAllow = java.util.Arrays.stream(o.get(SSL_ALLOW).split(",")).map(String::trim).toList();
        String host = o.get(BIND_ADDRESS);
        int port = (int) (long) o.get(LISTEN_PORT);
        TcpServer tcp = TcpServer.create();
        if (ssl != null) {
            tcp = tcp.secure(spec -> spec.sslContext(ssl));
        }
        this.server = tcp
                .host(host)
                .port(port)
                .doOnConnection(c -> {
                    // Admitted or refused in one atomic step: connections accepted on different
                    // event loops at once cannot both see room for one more.
                    int n = admitted.incrementAndGet();
                    if (n > maxConnections) {
                        admitted.decrementAndGet();
                        refusedConnections.incrementAndGet();
                        log.warn("{}: refusing a connection from {}: {} connections already (max-connections)", name,
                                c.address(), maxConnections);
                        c.dispose();
                    } else {
                        c.onDispose(admitted::decrementAndGet);
                    }
                })
                .handle((in, out) -> {
                    Session s = new Session(this, in);
                    return s.serve();
                })
                .bindNow(Duration.ofSeconds(30));
        log.info("{}: listening on {}:{}", name, host, port());
    }

    /** The port the server listens on. */
    public int port() {
        return ((InetSocketAddress) server.address()).getPort();
    }

    Subvolume subvolume(String name) {
        return exported.get(name);
    }

    String name() {
        return name;
    }

    Logger log() {
        return log;
    }

    TranslatorContext context() {
        return ctx;
    }

    @Override
    public Mono<? extends FopReply> handle(FopRequest<?> request) {
        return Mono.error(FopException.of(Errno.ENOSYS, TYPE + " '" + name
                + "' serves its subvolumes over the network; fops are not wound into it"));
    }

    @Override
    public void dump(DumpWriter out) {
        out.put("listen-port", port()).put("connections", admitted.get())
                .put("refused-connections", refusedConnections.get()).put("bad-frames", badFrames.get());
        int i = 0;
        for (Session s : sessions) {
            out.put("client." + i++, s.describe());
        }
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(10));
        for (Session s : sessions) {
            s.close("the server is shutting down");
            s.releaseNow();
        }
    }
}
