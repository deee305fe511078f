package io.rxlator.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.IaType;
import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.Stat;
import io.rxlator.runtime.fop.StatReply;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The race of Translator 101 part 4: in GlusterFS a child's callback may run before, during
 * or after the STACK_WIND that called it returns, on any thread, so work done after the wind
 * is unsafe. Here nothing of the translator runs after the wind but its operators, and the
 * result is the same however the reply is timed.
 */
class WindRaceTest {

    enum Timing { BEFORE_THE_WIND_RETURNS, DURING_THE_WIND_ON_ANOTHER_THREAD, AFTER_THE_WIND_RETURNS }

    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    /** A terminal that replies on the given timing; a parent above it decorates the reply. */
    private Graph graph(Timing timing, Sinks.One<StatReply> later, CountDownLatch windReturned) throws Exception {
        TranslatorDescriptor terminal = TranslatorDescriptor.builder("test/timed").arity(Arity.NONE)
                .factory(ctx -> new ForwardingTranslator(ctx) {
                    @Override
                    protected Mono<StatReply> stat(Stat request) {
                        StatReply reply = reply(request);
                        return switch (timing) {
                            case BEFORE_THE_WIND_RETURNS -> Mono.just(reply);
                            case DURING_THE_WIND_ON_ANOTHER_THREAD -> Mono.fromCallable(() -> reply)
                                    .subscribeOn(Schedulers.fromExecutor(other));
                            case AFTER_THE_WIND_RETURNS -> later.asMono().doOnSubscribe(s -> other.execute(() -> {
                                try {
                                    windReturned.await(10, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                later.tryEmitValue(reply);
                            }));
                        };
                    }
                }).build();
        TranslatorDescriptor parent = TranslatorDescriptor.builder("test/decorate")
                .factory(ctx -> new ForwardingTranslator(ctx) {
                    @Override
                    protected Mono<StatReply> stat(Stat request) {
                        // What GlusterFS would keep in frame->local: captured by the lambda.
                        long size = request.caller().unique();
                        return child().stat(request).map(r -> new StatReply(r.buf().withSize(size), r.xdata()));
                    }
                }).build();
        Graph g = Graph.build(Volfile.builder()
                .volume("t", "test/timed")
                .volume("p", "test/decorate", v -> v.subvolumes("t"))
                .build(), TranslatorRegistry.of(terminal, parent));
        g.start();
        return g;
    }

    private static StatReply reply(FopRequest<?> request) {
        return new StatReply(Iatt.builder().gfid(Gfid.ROOT).type(IaType.DIRECTORY).build(), Xdata.EMPTY);
    }

    @ParameterizedTest
    @EnumSource(Timing.class)
    void theResultIsTheSameHoweverTheReplyIsTimed(Timing timing) throws Exception {
        Sinks.One<StatReply> later = Sinks.one();
        CountDownLatch windReturned = new CountDownLatch(1);
        try (Graph g = graph(timing, later, windReturned)) {
            Stat req = new Stat(io.rxlator.runtime.fop.CallContext.ROOT.withUnique(4242),
                    io.rxlator.runtime.fop.Loc.root(g.inodeTable().root()), Xdata.EMPTY);
            Mono<StatReply> call = g.top().stat(req);
            StepVerifier.create(call)
                    .then(windReturned::countDown)
                    .assertNext(r -> {
                        assertThat(r.buf().size()).isEqualTo(4242);
                        assertThat(r.buf().gfid()).isEqualTo(Gfid.ROOT);
                    })
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
        }
    }

    @Test
    void manyConcurrentCallsEachGetTheirOwnAnswer() throws Exception {
        try (Graph g = graph(Timing.DURING_THE_WIND_ON_ANOTHER_THREAD, Sinks.one(), new CountDownLatch(0))) {
            List<Long> sizes = reactor.core.publisher.Flux.fromStream(IntStream.range(0, 2000).boxed())
                    .flatMap(i -> g.top().stat(new Stat(io.rxlator.runtime.fop.CallContext.ROOT.withUnique(i),
                            io.rxlator.runtime.fop.Loc.root(g.inodeTable().root()), Xdata.EMPTY))
                            .map(r -> r.buf().size() - i), 64)
                    .collectList().block(Duration.ofSeconds(30));
            assertThat(sizes).hasSize(2000).containsOnly(0L);
        }
    }
}
