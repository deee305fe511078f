package io.rxlator.xlators.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.xlators.protocol.server.ServerTranslator;
import io.rxlator.xlators.storage.memory.MemoryTranslator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** TLS between protocol/client and protocol/server with certificates made by openssl. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolTlsTest {

    private static final CallContext ROOT = CallContext.ROOT;

    private Path pki;

    private final List<Graph> graphs = new ArrayList<>();

    private void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(pki.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl %s: %s", cmd, out).isZero();
    }

    private void ca(String name) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".pem", "-days", "2",
                "-subj", "/CN=" + name);
    }

    /** A key (PKCS#1 when {@code traditional}, else PKCS#8) and a certificate for CN {@code cn} signed by {@code ca}. */
    private void leaf(String name, String cn, String ca, boolean traditional) throws Exception {
        if (traditional) {
            openssl("genrsa", "-traditional", "-out", name + ".key", "2048");
        } else {
            openssl("genpkey", "-algorithm", "RSA", "-out", name + ".key");
        }
        openssl("req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn);
        Files.writeString(pki.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial", "-out",
                name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    @BeforeAll
    void certificates() throws Exception {
        pki = Files.createTempDirectory("rxlator-pki");
        ca("ca");
        ca("rogue-ca");
        leaf("server", "server", "ca", false);
        leaf("alice", "alice", "ca", true);
        leaf("mallory", "mallory", "rogue-ca", false);
    }

    @org.junit.jupiter.api.AfterAll
    void removeCertificates() throws java.io.IOException {
        try (var files = Files.walk(pki)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @AfterEach
    void close() {
        for (int i = graphs.size() - 1; i >= 0; i--) {
            graphs.get(i).close();
        }
        graphs.clear();
    }

    private Map<String, String> tls(String who) {
        return Map.of("transport.socket.ssl-enabled", "on", "transport.socket.ssl-own-cert", pki.resolve(who + ".pem").toString(),
                "transport.socket.ssl-private-key", pki.resolve(who + ".key").toString(),
                "transport.socket.ssl-ca-list", pki.resolve("ca.pem").toString());
    }

    private Graph server(Map<String, String> extra) throws Exception {
        Map<String, String> opts = new HashMap<>(tls("server"));
        opts.putAll(extra);
        Graph g = Graph.build(Volfile.builder().volume("store", MemoryTranslator.TYPE)
                .volume("server", ServerTranslator.TYPE, vol -> {
                    vol.option("transport.socket.listen-port", "0").option("transport.socket.bind-address", "127.0.0.1")
                            .option("auth.addr.store.allow", "127.0.0.1");
                    opts.forEach(vol::option);
                    vol.subvolumes("store");
                }).build(), TranslatorRegistry.load(), new InodeTable());
        g.start();
        graphs.add(g);
        return g;
    }

    private Graph client(Graph server, Map<String, String> opts) throws Exception {
        int port = ((ServerTranslator) server.translator("server")).port();
        Graph g = Graph.build(Volfile.builder().volume("client", "protocol/client", vol -> {
            vol.option("remote-host", "127.0.0.1").option("remote-port", String.valueOf(port)).option("remote-subvolume", "store");
            opts.forEach(vol::option);
        }).build(), TranslatorRegistry.load(), new InodeTable());
        graphs.add(g);
        return g;
    }

    @Test
    void clientsWithCertificatesFromTheCaAreServed() throws Exception {
        Graph s = server(Map.of());
        Graph c = client(s, tls("alice"));
        c.start();
        c.childUp().block(Duration.ofSeconds(30));
        FileSystem fs = new FileSystem(c.top(), c.inodeTable());
        fs.mkdir(ROOT, "/over-tls", 0755).block(Duration.ofSeconds(30));
        io.rxlator.runtime.statedump.DumpWriter w = new io.rxlator.runtime.statedump.DumpWriter();
        w.section("s");
        s.translator("server").dump(w);
        assertThat(w.entries("s").get("client.0")).contains("(alice)");
    }

    @Test
    void commonNamesOutsideSslAllowAreRefused() throws Exception {
        Graph s = server(Map.of("auth.ssl-allow", "bob,carol*"));
        Graph c = client(s, tls("alice"));
        Events seen = Events.of(c);
        c.start();
        assertThat(String.valueOf(seen.await(EventType.AUTH_FAILED, 1, "AUTH_FAILED").payload()))
                .contains("'alice' is not in auth.ssl-allow");
    }

    @Test
    void certificatesFromAnotherCaAndPlainClientsNeverGetIn() throws Exception {
        Graph s = server(Map.of());
        Map<String, String> rogue = new HashMap<>(tls("mallory"));
        Graph bad = client(s, rogue);
        Graph plain = client(s, Map.of());
        bad.start();
        plain.start();
        // Each was turned away and has tried again (its first attempt is over); neither came
        // up, and calls fail at once rather than hang.
        for (Graph g : List.of(bad, plain)) {
            Events.poll(() -> connects(g) >= 2, "a second attempt to connect");
            assertThat(g.isChildUp()).isFalse();
            try {
                g.top().statfs(new Statfs(ROOT, Loc.root(g.inodeTable().root()), Xdata.EMPTY)).block(Duration.ofSeconds(30));
                throw new AssertionError("a call got through");
            } catch (FopException e) {
                assertThat(e.errno()).isEqualTo(Errno.ENOTCONN);
            }
        }
        // The server still serves a proper client.
        Graph good = client(s, tls("alice"));
        good.start();
        good.childUp().block(Duration.ofSeconds(30));
        assertThat(bad.isChildUp()).isFalse();
        assertThat(plain.isChildUp()).isFalse();
    }

    private static long connects(Graph g) {
        io.rxlator.runtime.statedump.DumpWriter w = new io.rxlator.runtime.statedump.DumpWriter();
        w.section("c");
        g.translator("client").dump(w);
        return Long.parseLong(w.entries("c").get("connects"));
    }

    @Test
    void aMissingCertificateFileIsNamedWhenTheGraphIsBuilt() {
        Map<String, String> opts = new HashMap<>(tls("server"));
        opts.put("transport.socket.ssl-own-cert", pki.resolve("nope.pem").toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server(opts)).hasMessageContaining("nope.pem");
    }
}
