package io.rxlator.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running mount's control socket: {@code rxlator statedump MOUNTPOINT} connects, sends
 * {@code statedump} and reads the dump back. Only the owner can connect (the socket is in a
 * 0700 directory).
 */
final class ControlSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("rxlator.mount");

    private final @Nullable ServerSocketChannel server;
    private final Path path;

    private ControlSocket(@Nullable ServerSocketChannel server, Path path) {
        this.server = server;
        this.path = path;
    }

    static Path directory() {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/run/rxlator");
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        return xdg != null ? Path.of(xdg, "rxlator") : Path.of(System.getProperty("java.io.tmpdir"),
                "rxlator-" + System.getProperty("user.name"));
    }

    static Path pathFor(Path mnt) {
        String name = MountCommand.nameOf(mnt);
        if (name.length() > 80) {
            name = name.substring(0, 40) + "-" + Integer.toHexString(name.hashCode());
        }
        return directory().resolve(name + ".sock");
    }

    /** Starts serving dumps for {@code mnt}; a socket that cannot be made is logged, not fatal. */
    static ControlSocket start(Path mnt, Supplier<String> dump) {
        Path p = pathFor(mnt);
        try {
            Files.createDirectories(p.getParent(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            Files.deleteIfExists(p); // left by a process that was killed
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(p));
            Thread t = new Thread(() -> serve(s, dump), "rxlator-control");
            t.setDaemon(true);
            t.start();
            return new ControlSocket(s, p);
        } catch (IOException | RuntimeException e) {
            LOG.warn("no control socket at {} ({}); `rxlator statedump` will not reach this mount", p, e.toString());
            return new ControlSocket(null, p);
        }
    }

    private static void serve(ServerSocketChannel s, Supplier<String> dump) {
        while (s.isOpen()) {
            try (SocketChannel c = s.accept()) {
                ByteBuffer in = ByteBuffer.allocate(256);
                while (in.hasRemaining() && c.read(in) > 0) {
                    if (new String(in.array(), 0, in.position(), StandardCharsets.UTF_8).contains("\n")) {
                        break;
                    }
                }
                String command = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8).trim();
                String reply;
                if (command.equals("statedump")) {
                    try {
                        reply = dump.get();
                    } catch (RuntimeException e) {
                        reply = "error: the statedump failed: " + e + "\n";
                    }
                } else {
                    reply = "error: unknown command '" + command + "' (expected statedump)\n";
                }
                ByteBuffer out = ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8));
                while (out.hasRemaining()) {
                    c.write(out);
                }
            } catch (IOException e) {
                if (s.isOpen()) {
                    LOG.debug("control connection failed: {}", e.toString());
                }
            }
        }
    }

    /** Sends {@code command} to the mount at {@code mnt}; answers its reply. */
    static String ask(Path mnt, String command) throws IOException {
        Path p = pathFor(mnt);
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(p))) {
            c.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocate(65536);
            while (c.read(b) > 0) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.debug("closing the control socket failed: {}", e.toString());
            }
        }
    }
}
