package io.rxlator.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Stat;
import io.rxlator.runtime.fop.StatReply;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.Notifier;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** Lifecycle edges found in review: each once misbehaved. */
class GraphHardeningTest {

    private final AtomicInteger handled = new AtomicInteger();
    private final List<String> closedOn = new CopyOnWriteArrayList<>();

    /** A leaf that answers stat, counts it, and says CHILD_UP only when {@code up} emits. */
    private TranslatorDescriptor leaf(String type, Mono<Void> up) {
        return TranslatorDescriptor.builder(type).arity(Arity.NONE).factory(ctx -> new ForwardingTranslator(ctx) {
            @Override
            protected Mono<StatReply> stat(Stat request) {
                handled.incrementAndGet();
                return Mono.just(new StatReply(Iatt.EMPTY, Xdata.EMPTY));
            }

            @Override
            public void notify(Event event, Notifier notifier) {
                if (event.type() == EventType.PARENT_UP) {
                    up.subscribe(null, null, () -> notifier.up(Event.of(EventType.CHILD_UP)));
                } else {
                    super.notify(event, notifier);
                }
            }

            @Override
            public void close() {
                closedOn.add(Thread.currentThread().getName());
            }
        }).build();
    }

    @Test
    void onlyTheTopsChildUpCounts() throws Exception {
        TranslatorRegistry r = TranslatorRegistry.of(leaf("test/late", Mono.never()), leaf("test/ready", Mono.empty()));
        Volfile v = Volfile.builder()
                .volume("stray", "test/ready")       // unreachable, comes up at once
                .volume("top", "test/late")          // the top, never comes up
                .build();
        try (Graph g = Graph.build(v, r)) {
            g.start();
            assertThat(g.isChildUp()).isFalse();
        }
    }

    @Test
    void aWindMadeBeforeCloseAndSubscribedAfterDoesNotRunTheTranslator() throws Exception {
        Graph g = Graph.build(Volfile.builder().volume("t", "test/ready").build(),
                TranslatorRegistry.of(leaf("test/ready", Mono.empty())));
        g.start();
        Mono<StatReply> later = g.top().stat(TestDoubles.stat(g.inodeTable()));
        g.close();
        StepVerifier.create(later)
                .expectErrorSatisfies(e -> assertThat(((FopException) e).errno()).isEqualTo(Errno.ENOTCONN))
                .verify();
        assertThat(handled).hasValue(0);
    }

    @Test
    void childUpFailsWhenTheGraphClosesFirst() throws Exception {
        Graph g = Graph.build(Volfile.builder().volume("t", "test/late").build(),
                TranslatorRegistry.of(leaf("test/late", Mono.never())));
        g.start();
        Mono<Void> up = g.childUp();
        g.close();
        StepVerifier.create(up)
                .expectErrorSatisfies(e -> assertThat(((FopException) e).errno()).isEqualTo(Errno.ENOTCONN))
                .verify(Duration.ofSeconds(5));
        assertThatThrownBy(() -> g.reconfigure(g.volfile(), TranslatorRegistry.of(leaf("test/late", Mono.never()))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anErrorAfterAReplyKeepsTheReply() throws Exception {
        StatReply ok = new StatReply(Iatt.EMPTY, Xdata.EMPTY);
        TranslatorDescriptor flaky = TranslatorDescriptor.builder("test/flaky").arity(Arity.NONE)
                .factory(ctx -> new ForwardingTranslator(ctx) {
                    @Override
                    protected Mono<StatReply> stat(Stat request) {
                        return Mono.from(reactor.core.publisher.Flux.<StatReply>create(sink -> {
                            sink.next(ok);
                            sink.error(new IllegalStateException("late failure"));
                        }));
                    }
                }).build();
        try (Graph g = Graph.build(Volfile.builder().volume("t", "test/flaky").build(), TranslatorRegistry.of(flaky))) {
            g.start();
            StepVerifier.create(g.top().stat(TestDoubles.stat(g.inodeTable()))).expectNext(ok).verifyComplete();
        }
    }

    @Test
    void aVeryLongChainIsCheckedWithoutOverflowingTheStack() {
        StringBuilder text = new StringBuilder("volume v0\n type test/x\nend-volume\n");
        for (int i = 1; i < 6000; i++) {
            text.append("volume v").append(i).append("\n type test/x\n subvolumes v").append(i - 1).append("\nend-volume\n");
        }
        TranslatorRegistry r = TranslatorRegistry.of(TestDoubles.permissive("test/x"));
        assertThat(Graph.check(text.toString(), "long.vol", r)).isEmpty();
        // And with a cycle at the bottom of it (forward references are errors too).
        String cyclic = text.toString().replaceFirst("volume v0\n type test/x\n", "volume v0\n type test/x\n subvolumes v5999\n");
        assertThat(Graph.check(cyclic, "long.vol", r).stream().map(Problem::message))
                .anyMatch(m -> m.startsWith("subvolumes form a cycle: v0 -> v5999 -> "));
    }

    @Test
    void anEmptyVolfileIsReportedOnce() {
        assertThat(Graph.check("# nothing\n", "e.vol", TranslatorRegistry.empty())).hasSize(1);
    }

    @Test
    void backquotesAreRefusedInVolfilesBuiltInJavaToo() {
        Volfile v = Volfile.builder().volume("x", "test/x", b -> b.option("k", "`rm -rf /`")).build();
        assertThatThrownBy(v::write).hasMessageContaining("backquote");
        assertThatThrownBy(() -> Graph.build(v, TranslatorRegistry.of(TestDoubles.permissive("test/x"))))
                .isInstanceOfSatisfying(VolfileException.class, e -> assertThat(e.getMessage())
                        .contains("backquoted text: GlusterFS would run it as a shell command; rxlator refuses it"));
    }

    @Test
    void aLiveGraphSwitchesOnlyOnceTheNewGraphIsUp() throws Exception {
        Sinks.Empty<Void> second = Sinks.empty();
        TranslatorRegistry r = TranslatorRegistry.of(leaf("test/ready", Mono.empty()), leaf("test/slow", second.asMono()),
                leaf("test/never", Mono.never()));
        try (LiveGraph live = LiveGraph.start(Volfile.builder().volume("t", "test/ready").build(), r, new InodeTable(),
                Duration.ofMillis(300), Duration.ofMinutes(1))) {
            Graph first = live.graph();
            assertThatThrownBy(() -> live.apply(Volfile.builder().volume("t", "test/never").build()))
                    .isInstanceOfSatisfying(VolfileException.class, e -> assertThat(e.getMessage())
                            .contains("did not report CHILD_UP within 0s").contains("running graph is unchanged"));
            assertThat(live.graph()).isSameAs(first);
            assertThat(live.generation()).isEqualTo(1);

            reactor.core.scheduler.Schedulers.parallel().schedule(() -> second.tryEmitEmpty(), 50,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            LiveGraph.Applied a = live.apply(Volfile.builder().volume("t", "test/slow").build());
            assertThat(a.rebuilt()).isTrue();
            assertThat(live.graph().isChildUp()).isTrue();
        }
    }

    @Test
    void oldGraphsCloseOnTheirOwnThreadAndWithTheLiveGraph() throws Exception {
        Sinks.One<StatReply> gate = Sinks.one();
        TranslatorDescriptor held = TranslatorDescriptor.builder("test/held").arity(Arity.NONE)
                .factory(ctx -> new ForwardingTranslator(ctx) {
                    @Override
                    protected Mono<StatReply> stat(Stat request) {
                        return gate.asMono();
                    }

                    @Override
                    public void close() {
                        closedOn.add(Thread.currentThread().getName());
                    }
                }).build();
        TranslatorRegistry r = TranslatorRegistry.of(held, leaf("test/ready", Mono.empty()));
        LiveGraph live = LiveGraph.start(Volfile.builder().volume("t", "test/held").build(), r, new InodeTable());
        Graph first = live.graph();
        var call = StepVerifier.create(live.call(TestDoubles.stat(live.inodeTable()))).expectNextCount(1)
                .expectComplete().verifyLater();
        live.apply(Volfile.builder().volume("t", "test/ready").build());
        assertThat(first.isClosed()).isFalse();
        // The reply arrives on this (test) thread; the close must not run here.
        gate.tryEmitValue(new StatReply(Iatt.EMPTY, Xdata.EMPTY));
        call.verify(Duration.ofSeconds(5));
        first.whenClosed().block(Duration.ofSeconds(10));
        assertThat(closedOn).singleElement().asString().startsWith("rxlator-graph-closer");
        Graph second = live.graph();
        live.close();
        assertThat(second.isClosed()).isTrue();
    }
}
