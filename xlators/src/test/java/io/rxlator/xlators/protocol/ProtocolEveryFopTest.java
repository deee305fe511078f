package io.rxlator.xlators.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.testkit.FopFixtures;
import io.rxlator.testkit.RecordingChild;
import io.rxlator.xlators.protocol.server.ServerTranslator;
import io.rxlator.xlators.protocol.wire.FopCodec;
import io.rxlator.xlators.protocol.wire.WireWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

/**
 * Every fop through protocol/client → TCP → protocol/server → a recording stub: the stub gets
 * the request the caller sent and the caller gets the reply the stub gave, field for field. Inodes
 * and fds are different objects on each side, so they are compared by what identifies them on
 * the wire (the locs' gfids), not by identity.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolEveryFopTest {

    private final RecordingChild stub = new RecordingChild();
    private Graph server;
    private Graph client;

    @BeforeAll
    void start() throws Exception {
        server = Graph.build(Volfile.builder().volume("store", RecordingChild.TYPE)
                .volume("server", ServerTranslator.TYPE, vol -> vol.option("transport.socket.listen-port", "0")
                        .option("transport.socket.bind-address", "127.0.0.1").option("auth.addr.store.allow", "127.0.0.1")
                        .subvolumes("store"))
                .build(), TranslatorRegistry.load().with(stub.descriptor()), new InodeTable());
        server.start();
        int port = ((ServerTranslator) server.translator("server")).port();
        client = Graph.build(Volfile.builder().volume("client", "protocol/client", vol -> vol.option("remote-host", "127.0.0.1")
                .option("remote-port", String.valueOf(port)).option("remote-subvolume", "store")).build(),
                TranslatorRegistry.load(), new InodeTable());
        client.start();
        client.childUp().block(Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Encodes with inodes and fds left out and locs carrying their effective gfids. */
    private static final FopCodec.Context CANONICAL = Encoding.writing((w, inode) -> w.i8(0), (w, fd) -> w.i8(0),
            loc -> new Loc(loc.path(), loc.name(), loc.inode(), loc.parent(), loc.effectiveGfid(), loc.effectiveParentGfid()));

    private static ByteBuffer canonical(FopRequest<?> r) {
        WireWriter w = new WireWriter(64);
        FopCodec.writeRequest(w, r, CANONICAL);
        return w.toBuffer();
    }

    private static ByteBuffer canonical(FopReply r) {
        WireWriter w = new WireWriter(64);
        FopCodec.writeReply(w, r, CANONICAL);
        return w.toBuffer();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("io.rxlator.xlators.protocol.wire.FopCodecTest#everyFop")
    void theStubSeesTheRequestAndTheCallerItsReply(FopType type, long seed) {
        FopFixtures fixtures = new FopFixtures(seed, new InodeTable());
        FopRequest<?> request = fixtures.request(type);
        FopReply reply = fixtures.reply(type);
        openFds(request);
        stub.answer(type, r -> Mono.just(withFdOf(r, reply)));
        stub.clear();
        FopReply got = client.top().call(request).block(Duration.ofSeconds(30));
        assertThat(stub.requests()).hasSize(1);
        assertThat(canonical(stub.requests().get(0))).as("request at the stub").isEqualTo(canonical(request));
        assertThat(got).isInstanceOf(type.replyType());
        assertThat(canonical(got)).as("reply at the caller").isEqualTo(canonical(reply));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("io.rxlator.xlators.protocol.wire.FopCodecTest#everyFop")
    void failuresComeBackWithTheirErrnoMessageAndXdata(FopType type, long seed) {
        FopFixtures fixtures = new FopFixtures(seed + 100, new InodeTable());
        FopRequest<?> request = fixtures.request(type);
        openFds(request);
        Errno errno = Errno.values()[(int) (seed * 7 + type.ordinal()) % Errno.values().length];
        Xdata xdata = Xdata.of(FopFixtures.SAMPLE_KEY, "why " + seed);
        stub.answer(type, r -> Mono.error(FopException.of(errno, "refused " + type, xdata)));
        try {
            client.top().call(request).block(Duration.ofSeconds(30));
            throw new AssertionError("no failure");
        } catch (FopException e) {
            assertThat(e.errno()).isEqualTo(errno);
            assertThat(e.getMessage()).isEqualTo("refused " + type);
            assertThat(e.xdata().get(FopFixtures.SAMPLE_KEY)).isEqualTo("why " + seed);
        }
    }

    /** Opens the request's fds on this connection first, as a caller would have. */
    private void openFds(FopRequest<?> request) {
        List<Fd> fds = new ArrayList<>();
        if (request instanceof FdFop f) {
            fds.add(f.fd());
        }
        if (request instanceof CopyFileRange c) {
            fds.add(c.fdIn());
            fds.add(c.fdOut());
        }
        stub.answer(FopType.OPEN, r -> Mono.just(new OpenReply(((Open) r).fd(), Xdata.EMPTY)));
        for (Fd fd : fds) {
            client.top().open(new Open(request.caller(), Loc.nameless(fd.inode()), 2, fd, Xdata.EMPTY)).block(Duration.ofSeconds(30));
        }
    }

    /** Storage answers an open with the fd it was given; so does the stub. */
    private static FopReply withFdOf(FopRequest<?> r, FopReply reply) {
        if (reply instanceof OpenReply o && r instanceof Open open) {
            return new OpenReply(open.fd(), o.xdata());
        }
        if (reply instanceof OpendirReply o && r instanceof Opendir open) {
            return new OpendirReply(open.fd(), o.xdata());
        }
        if (reply instanceof CreateReply c && r instanceof Create create) {
            return new CreateReply(create.fd(), c.inode(), c.buf(), c.preparent(), c.postparent(), c.xdata());
        }
        return reply;
    }
}
