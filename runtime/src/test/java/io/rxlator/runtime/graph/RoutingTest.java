package io.rxlator.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.fop.Ipc;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Stat;
import io.rxlator.runtime.fop.StatReply;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.internal.Node;
import io.rxlator.runtime.option.CommonOptions;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RoutingTest {

    private final List<FopRequest<?>> seen = TestDoubles.log();
    private final AtomicInteger marks = new AtomicInteger();

    /** Overrides stat only, and marks each stat it sees. */
    private TranslatorDescriptor statMarker(String type) {
        return TranslatorDescriptor.builder(type).options(CommonOptions.PASS_THROUGH).factory(ctx -> new ForwardingTranslator(ctx) {
            @Override
            protected Mono<StatReply> stat(Stat request) {
                marks.incrementAndGet();
                return child().stat(request);
            }
        }).build();
    }

    private Graph build(Volfile v) throws Exception {
        TranslatorRegistry r = TranslatorRegistry.of(TestDoubles.statTerminal("test/terminal", seen),
                TestDoubles.pass("test/pass"), statMarker("test/marker"),
                TranslatorDescriptor.builder("test/lambda").factory(ctx -> (Translator) req -> {
                    marks.incrementAndGet();
                    return ctx.firstChild().call(req);
                }).build(),
                TranslatorDescriptor.builder("test/fanout").arity(Arity.AT_LEAST_ONE).factory(ctx -> new ForwardingTranslator(ctx) { }).build(),
                TestDoubles.terminal("test/other", seen, req -> Mono.just(new StatReply(Iatt.EMPTY, Xdata.EMPTY))));
        Graph g = Graph.build(v, r);
        g.start();
        return g;
    }

    @Test
    void aFopGoesToTheFirstTranslatorDownTheChainThatHandlesIt() throws Exception {
        try (Graph g = build(Volfile.builder()
                .volume("t", "test/terminal")
                .volume("p1", "test/pass", v -> v.subvolumes("t"))
                .volume("m", "test/marker", v -> v.subvolumes("p1"))
                .volume("p2", "test/pass", v -> v.subvolumes("m"))
                .build())) {
            Node top = (Node) g.top();
            assertThat(top.routeTarget(FopType.STAT)).isEqualTo("m");
            assertThat(((Node) g.volume("m")).routeTarget(FopType.STAT)).isEqualTo("m");
            assertThat(((Node) g.volume("p1")).routeTarget(FopType.STAT)).isEqualTo("t");
            assertThat(top.routeTarget(FopType.LOOKUP)).as("nobody handles lookup").isNull();
            StepVerifier.create(g.top().stat(TestDoubles.stat(g.inodeTable()))).expectNextCount(1).verifyComplete();
            assertThat(marks).hasValue(1);
            assertThat(seen).hasSize(1);
        }
    }

    @Test
    void aFopNobodyImplementsIsEnosysNamingTheLastTranslator() throws Exception {
        try (Graph g = build(Volfile.builder()
                .volume("t", "test/terminal")
                .volume("p", "test/pass", v -> v.subvolumes("t"))
                .build())) {
            StepVerifier.create(g.top().ipc(new Ipc(CallContext.ROOT, 1, Xdata.EMPTY)))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(FopException.class, f -> {
                        assertThat(f.errno()).isEqualTo(Errno.ENOSYS);
                        assertThat(f.getMessage()).isEqualTo("IPC is not implemented by translator 't' (test/terminal)");
                    }))
                    .verify();
        }
    }

    @Test
    void aLambdaTranslatorSeesEveryFop() throws Exception {
        try (Graph g = build(Volfile.builder()
                .volume("t", "test/other")
                .volume("l", "test/lambda", v -> v.subvolumes("t"))
                .build())) {
            for (FopType t : FopType.values()) {
                assertThat(((Node) g.top()).routeTarget(t)).isEqualTo("l");
            }
            g.top().stat(TestDoubles.stat(g.inodeTable())).block();
            g.top().ipc(new Ipc(CallContext.ROOT, 1, Xdata.EMPTY)).onErrorResume(e -> Mono.empty()).block();
            assertThat(marks).hasValue(2);
        }
    }

    @Test
    void theDefaultOfATranslatorWithManyChildrenIsTheFirstChild() throws Exception {
        try (Graph g = build(Volfile.builder()
                .volume("first", "test/terminal")
                .volume("second", "test/other")
                .volume("f", "test/fanout", v -> v.subvolumes("first", "second"))
                .build())) {
            assertThat(((Node) g.top()).routeTarget(FopType.STAT)).isEqualTo("first");
            assertThat(g.top().children()).extracting(s -> s.name()).containsExactly("first", "second");
        }
    }

    @Test
    void passThroughRoutesEveryFopPastATranslatorThatHandlesIt() throws Exception {
        try (Graph g = build(Volfile.builder()
                .volume("t", "test/terminal")
                .volume("m", "test/marker", v -> v.option("pass-through", "on").subvolumes("t"))
                .build())) {
            assertThat(((Node) g.top()).routeTarget(FopType.STAT)).isEqualTo("t");
            g.top().stat(TestDoubles.stat(g.inodeTable())).block();
            assertThat(marks).hasValue(0);
            assertThat(seen).hasSize(1);
        }
    }

    @Test
    void windsAreColdUntilSubscribed() throws Exception {
        try (Graph g = build(Volfile.builder()
                .volume("t", "test/terminal")
                .volume("m", "test/marker", v -> v.subvolumes("t"))
                .build())) {
            Mono<StatReply> call = g.top().stat(TestDoubles.stat(g.inodeTable()));
            assertThat(marks).as("nothing ran at assembly").hasValue(0);
            assertThat(seen).isEmpty();
            call.block();
            call.block();
            assertThat(marks).as("each subscription winds again").hasValue(2);
            assertThat(seen).hasSize(2);
        }
    }
}
