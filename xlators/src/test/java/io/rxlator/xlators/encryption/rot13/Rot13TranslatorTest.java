package io.rxlator.xlators.encryption.rot13;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.fop.Iovec;
import io.rxlator.runtime.fop.ReadvReply;
import io.rxlator.runtime.fop.Readv;
import io.rxlator.runtime.fop.Writev;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.internal.Node;
import io.rxlator.testkit.TranslatorHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class Rot13TranslatorTest {

    private static Iovec text(String s) {
        return Iovec.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Iovec v) {
        return new String(v.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void writesGoDownRotatedAndReadsComeBackRotated() throws Exception {
        try (TranslatorHarness h = TranslatorHarness.of(Rot13Translator.DESCRIPTOR)) {
            Writev w = (Writev) h.fixtures().request(FopType.WRITEV);
            Writev hello = new Writev(w.caller(), w.fd(), text("hello, World 42\n"), 0, 0, w.xdata());
            StepVerifier.create(h.call(hello)).expectNextCount(1).verifyComplete();
            Writev seen = (Writev) h.child().last();
            assertThat(text(seen.vector())).isEqualTo("uryyb, Jbeyq 42\n");
            assertThat(seen.offset()).isEqualTo(hello.offset());
            assertThat(seen.fd()).isSameAs(hello.fd());

            Readv r = (Readv) h.fixtures().request(FopType.READV);
            h.child().answer(FopType.READV, req -> Mono.just(new ReadvReply(text("uryyb"), io.rxlator.runtime.fop.Iatt.EMPTY,
                    io.rxlator.runtime.fop.Xdata.EMPTY)));
            StepVerifier.create(h.call(r)).assertNext(reply -> assertThat(text(reply.vector())).isEqualTo("hello"))
                    .verifyComplete();
            assertThat(h.child().last()).isSameAs(r);
        }
    }

    @Test
    void theOptionsTurnEachDirectionOff() throws Exception {
        try (TranslatorHarness h = TranslatorHarness.builder(Rot13Translator.DESCRIPTOR)
                .option("encrypt-write", "off").option("decrypt-read", "no").build()) {
            Writev w = (Writev) h.fixtures().request(FopType.WRITEV);
            h.call(w).block();
            assertThat(h.child().last()).isSameAs(w);
            Readv r = (Readv) h.fixtures().request(FopType.READV);
            ReadvReply canned = (ReadvReply) h.child().fixtures().reply(FopType.READV);
            h.child().answer(FopType.READV, req -> Mono.just(canned));
            assertThat(h.call(r).block()).isSameAs(canned);
        }
    }

    @Test
    void rotatingTwiceGivesBackEveryByte() {
        for (int b = -128; b < 128; b++) {
            assertThat(Rot13Translator.rot13(Rot13Translator.rot13((byte) b))).isEqualTo((byte) b);
        }
        assertThat(Rot13Translator.rot13((byte) 'a')).isEqualTo((byte) 'n');
        assertThat(Rot13Translator.rot13((byte) 'Z')).isEqualTo((byte) 'M');
        assertThat(Rot13Translator.rot13((byte) 0xC3)).isEqualTo((byte) 0xC3);
    }

    @ParameterizedTest
    @EnumSource(FopType.class)
    void everyOtherFopPassesUntouched(FopType type) throws Exception {
        if (type == FopType.READV || type == FopType.WRITEV) {
            return;
        }
        try (TranslatorHarness h = TranslatorHarness.of(Rot13Translator.DESCRIPTOR)) {
            FopRequest<?> req = h.fixtures().request(type);
            FopReply reply = h.child().fixtures().reply(type);
            h.child().answer(type, r -> Mono.just(reply));
            assertThat(h.call(req).block()).isSameAs(reply);
            assertThat(h.child().last()).isSameAs(req);
            assertThat(((Node) h.graph().top()).routeTarget(type)).isEqualTo(TranslatorHarness.CHILD);
        }
    }

    @Test
    void itIsPublishedAndTakesExactlyOneChild() throws Exception {
        TranslatorRegistry registry = TranslatorRegistry.load();
        assertThat(registry.find("encryption/rot-13")).isNotNull();
        assertThat(Graph.check("volume a\n type storage/memory\nend-volume\nvolume b\n type storage/memory\nend-volume\n"
                + "volume r\n type encryption/rot-13\n subvolumes a b\nend-volume\n", "r.vol", registry))
                .extracting(Object::toString)
                .contains("r.vol:7: error: volume 'r': encryption/rot-13 takes exactly 1 child, but the volume lists 2 (a, b)");
        assertThat(Volfile.builder().volume("m", "storage/memory").volume("r", "encryption/rot-13",
                v -> v.option(Rot13Translator.ENCRYPT_WRITE, false).subvolumes("m")).build().write())
                .contains("option encrypt-write off");
    }
}
