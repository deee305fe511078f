package io.rxlator.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.StatReply;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DslTest {

    static final Option<Boolean> ENCRYPT = Option.bool("encrypt-write").defaultValue("on");
    static final Option<Duration> TIMEOUT = Option.time("timeout").defaultValue("60");

    private final List<FopRequest<?>> seen = TestDoubles.log();

    private TranslatorRegistry registry() {
        return TranslatorRegistry.of(TestDoubles.statTerminal("storage/posix", seen),
                TranslatorDescriptor.builder("encryption/rot-13").options(ENCRYPT, TIMEOUT)
                        .factory(ctx -> new ForwardingTranslator(ctx) { }).build());
    }

    @Test
    void theDslBuildsTheSameVolfileAsTheText() throws Exception {
        Volfile fromText = Volfile.parse("""
                volume my-posix
                    type storage/posix
                end-volume

                volume my-rot13
                    type encryption/rot-13
                    option encrypt-write off
                    option timeout 120s
                    subvolumes my-posix
                end-volume
                """, "my.vol");
        Volfile fromCode = Volfile.builder()
                .volume("my-posix", "storage/posix")
                .volume("my-rot13", "encryption/rot-13", v -> v
                        .option(ENCRYPT, false)
                        .option(TIMEOUT, Duration.ofMinutes(2))
                        .subvolumes("my-posix"))
                .build();
        assertThat(fromCode).isEqualTo(fromText);
        assertThat(fromCode.write()).isEqualTo(fromText.write());
        try (Graph a = Graph.build(fromText, registry()); Graph b = Graph.build(fromCode, registry())) {
            assertThat(a.names()).isEqualTo(b.names());
            var fromFile = new java.util.HashMap<>(a.statedump().entries("xlator.my-rot13"));
            var fromJava = new java.util.HashMap<>(b.statedump().entries("xlator.my-rot13"));
            assertThat(fromFile.remove("source")).isEqualTo("my.vol:5");
            assertThat(fromJava.remove("source")).isEqualTo("<java>");
            assertThat(fromFile).isEqualTo(fromJava).containsEntry("option.encrypt-write", "off");
        }
    }

    @Test
    void translatorsWrittenInJavaNeedNoRegistration() throws Exception {
        TranslatorDescriptor counting = TranslatorDescriptor.builder("mine/counting").factory(ctx -> {
            var child = ctx.firstChild();
            Translator t = request -> child.call(request);
            return t;
        }).build();
        Volfile v = Volfile.builder()
                .volume("posix", "storage/posix")
                .volume("mine", counting, b -> b.subvolumes("posix"))
                .build();
        try (Graph g = Graph.build(v, registry())) {
            g.start();
            StatReply r = g.top().stat(TestDoubles.stat(g.inodeTable())).block();
            assertThat(r).isNotNull();
            assertThat(seen).hasSize(1);
            assertThat(v.write()).contains("type mine/counting");
        }
    }

    @Test
    void withTopMovesAVolumeToTheEnd() {
        Volfile v = Volfile.builder().volume("a", "x/y").volume("b", "x/y", b -> b.subvolumes("a")).build();
        assertThat(v.top().name()).isEqualTo("b");
        assertThat(v.withTop("a").top().name()).isEqualTo("a");
    }
}
