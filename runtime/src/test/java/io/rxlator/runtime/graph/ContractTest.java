package io.rxlator.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FstatReply;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Stat;
import io.rxlator.runtime.fop.StatReply;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** A translator that breaks its contract fails its own calls with EIO naming it; nothing else breaks. */
class ContractTest {

    private final List<FopRequest<?>> seen = TestDoubles.log();

    /** A translator whose stat does {@code body(child().stat(req))}. */
    private Graph graphWith(Function<Mono<StatReply>, Mono<StatReply>> body) throws Exception {
        TranslatorDescriptor bad = TranslatorDescriptor.builder("test/bad").factory(ctx -> new ForwardingTranslator(ctx) {
            @Override
            protected Mono<StatReply> stat(Stat request) {
                return body.apply(child().stat(request));
            }
        }).build();
        TranslatorRegistry r = TranslatorRegistry.of(TestDoubles.statTerminal("test/terminal", seen), bad,
                TestDoubles.pass("test/pass"));
        Graph g = Graph.build(Volfile.builder()
                .volume("t", "test/terminal")
                .volume("bad", "test/bad", v -> v.subvolumes("t"))
                .volume("top", "test/pass", v -> v.subvolumes("bad"))
                .build(), r);
        g.start();
        return g;
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> breaches() {
        StatReply ok = new StatReply(Iatt.EMPTY, Xdata.EMPTY);
        return Stream.of(
                Arguments.of("throws", (Function<Mono<StatReply>, Mono<StatReply>>) m -> {
                    throw new IllegalStateException("boom");
                }, "translator 'bad' (test/bad) threw java.lang.IllegalStateException: boom in STAT"),
                Arguments.of("returns null", (Function<Mono<StatReply>, Mono<StatReply>>) m -> null,
                        "translator 'bad' (test/bad) returned null for STAT"),
                Arguments.of("completes empty", (Function<Mono<StatReply>, Mono<StatReply>>) m -> m.then(Mono.empty()),
                        "translator 'bad' (test/bad) completed STAT without a reply"),
                Arguments.of("empty at once", (Function<Mono<StatReply>, Mono<StatReply>>) m -> Mono.empty(),
                        "translator 'bad' (test/bad) completed STAT without a reply"),
                Arguments.of("throws in a map, later, on another thread",
                        (Function<Mono<StatReply>, Mono<StatReply>>) m -> m.publishOn(Schedulers.parallel()).map(r -> {
                            throw new NullPointerException("oops");
                        }), "translator 'bad' (test/bad) failed STAT with java.lang.NullPointerException: oops"),
                Arguments.of("fails with a non-fop exception",
                        (Function<Mono<StatReply>, Mono<StatReply>>) m -> Mono.error(new IOException("disk on fire")),
                        "translator 'bad' (test/bad) failed STAT with java.io.IOException: disk on fire"),
                Arguments.of("answers with the wrong reply type",
                        (Function<Mono<StatReply>, Mono<StatReply>>) m -> (Mono<StatReply>) (Mono<?>) Mono.just(
                                new FstatReply(Iatt.EMPTY, Xdata.EMPTY)),
                        "translator 'bad' (test/bad) answered STAT with a FstatReply instead of a StatReply"),
                Arguments.of("answers with the wrong reply type later",
                        (Function<Mono<StatReply>, Mono<StatReply>>) m -> (Mono<StatReply>) (Mono<?>) m.map(
                                r -> new FstatReply(r.buf(), r.xdata())),
                        "translator 'bad' (test/bad) answered STAT with a FstatReply instead of a StatReply"),
                Arguments.of("control", (Function<Mono<StatReply>, Mono<StatReply>>) m -> m.map(r -> ok), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaches")
    void aTranslatorThatBreaksTheContractFailsItsCallWithEio(String what, Function<Mono<StatReply>, Mono<StatReply>> body,
            String message) throws Exception {
        try (Graph g = graphWith(body)) {
            for (int round = 0; round < 3; round++) {
                if (message == null) {
                    StepVerifier.create(g.top().stat(TestDoubles.stat(g.inodeTable()))).expectNextCount(1).verifyComplete();
                    continue;
                }
                StepVerifier.create(g.top().stat(TestDoubles.stat(g.inodeTable())))
                        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(FopException.class, f -> {
                            assertThat(f.errno()).isEqualTo(Errno.EIO);
                            assertThat(f.getMessage()).isEqualTo(message);
                        }))
                        .verify(java.time.Duration.ofSeconds(10));
            }
            // The graph is still serving: the terminal answers directly.
            StepVerifier.create(g.volume("t").stat(TestDoubles.stat(g.inodeTable()))).expectNextCount(1).verifyComplete();
        }
    }

    @Test
    void aFopExceptionPassesThroughUnchangedThrownOrReturned() throws Exception {
        FopException enoent = FopException.of(Errno.ENOENT, "no such thing");
        try (Graph g = graphWith(m -> {
            throw enoent;
        })) {
            StepVerifier.create(g.top().stat(TestDoubles.stat(g.inodeTable()))).expectErrorMatches(e -> e == enoent).verify();
        }
        try (Graph g = graphWith(m -> m.then(Mono.error(enoent)))) {
            StepVerifier.create(g.top().stat(TestDoubles.stat(g.inodeTable()))).expectErrorMatches(e -> e == enoent).verify();
        }
    }

    @Test
    void aParentSeesItsChildsEioAsAFopExceptionNotWrappedAgain() throws Exception {
        try (Graph g = graphWith(m -> Mono.error(new IOException("x")))) {
            // 'top' is a pass-through, so wrap it: a mapping parent above 'bad'.
            StepVerifier.create(g.volume("top").stat(TestDoubles.stat(g.inodeTable())).map(r -> r))
                    .expectErrorSatisfies(e -> assertThat(e.getMessage()).startsWith("translator 'bad'"))
                    .verify();
        }
    }

    @Test
    void aRetryWindsAgainAndCanSucceed() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (Graph g = graphWith(m -> attempts.incrementAndGet() < 3 ? Mono.error(FopException.of(Errno.EAGAIN)) : m)) {
            StepVerifier.create(g.top().stat(TestDoubles.stat(g.inodeTable())).retry(5)).expectNextCount(1).verifyComplete();
            assertThat(attempts).hasValue(3);
            assertThat(seen).hasSize(1);
        }
    }

    @Test
    void cancellingACallCancelsTheTranslatorsWork() throws Exception {
        AtomicInteger cancelled = new AtomicInteger();
        try (Graph g = graphWith(m -> Mono.<StatReply>never().doOnCancel(cancelled::incrementAndGet))) {
            StepVerifier.create(g.top().stat(TestDoubles.stat(g.inodeTable()))).thenCancel().verify();
            assertThat(cancelled).hasValue(1);
        }
    }

    @Test
    void repliesKeepTheirExactIdentityThroughTheGuard() throws Exception {
        StatReply mine = new StatReply(Iatt.EMPTY, Xdata.EMPTY);
        try (Graph g = graphWith(m -> m.map(r -> mine))) {
            FopReply r = g.top().stat(TestDoubles.stat(g.inodeTable())).block();
            assertThat(r).isSameAs(mine);
        }
    }
}
