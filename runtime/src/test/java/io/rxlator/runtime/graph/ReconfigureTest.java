package io.rxlator.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Stat;
import io.rxlator.runtime.fop.StatReply;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.internal.Node;
import io.rxlator.runtime.option.CommonOptions;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class ReconfigureTest {

    static final Option<Long> SIZE = Option.integer("size").defaultValue("1").reconfigurable();
    static final Option<String> PATH = Option.path("path").defaultValue("/a");

    private final List<String> journal = new CopyOnWriteArrayList<>();
    private final Sinks.One<StatReply> gate = Sinks.one();

    private final class Tunable extends ForwardingTranslator {
        private final TranslatorContext ctx;
        private volatile long size;

        Tunable(TranslatorContext ctx) {
            super(ctx);
            this.ctx = ctx;
            this.size = ctx.options().get(SIZE);
        }

        @Override
        protected Mono<StatReply> stat(Stat request) {
            return child().stat(request).map(r -> new StatReply(r.buf().withSize(size), r.xdata()));
        }

        @Override
        public void reconfigure(Options options) {
            journal.add(ctx.name() + " size " + options.get(SIZE) + " (context says " + ctx.options().get(SIZE) + ")");
            size = options.get(SIZE);
        }

        @Override
        public void close() {
            journal.add("fini " + ctx.name());
        }
    }

    private TranslatorRegistry registry() {
        return TranslatorRegistry.of(
                TranslatorDescriptor.builder("test/tunable").options(SIZE, PATH, CommonOptions.PASS_THROUGH)
                        .factory(Tunable::new).build(),
                TranslatorDescriptor.builder("test/gated").arity(Arity.NONE).factory(ctx -> new ForwardingTranslator(ctx) {
                    @Override
                    protected Mono<StatReply> stat(Stat request) {
                        return request.caller().unique() == 1 ? gate.asMono()
                                : Mono.just(new StatReply(Iatt.EMPTY, Xdata.EMPTY));
                    }

                    @Override
                    public void close() {
                        journal.add("fini " + ctx.name());
                    }
                }).build());
    }

    private static Volfile volfile(String lowerSize, String upperSize, String upperPath, String passThrough) {
        return Volfile.builder()
                .volume("t", "test/gated")
                .volume("lower", "test/tunable", v -> v.option("size", lowerSize).subvolumes("t"))
                .volume("upper", "test/tunable", v -> {
                    v.option("size", upperSize).option("path", upperPath).subvolumes("lower");
                    if (passThrough != null) {
                        v.option("pass-through", passThrough);
                    }
                })
                .build();
    }

    private static long size(Graph g) {
        return g.top().stat(new Stat(io.rxlator.runtime.fop.CallContext.ROOT,
                io.rxlator.runtime.fop.Loc.root(g.inodeTable().root()), Xdata.EMPTY)).block().buf().size();
    }

    @Test
    void reconfigurableChangesApplyInPlaceChildrenFirst() throws Exception {
        try (Graph g = Graph.build(volfile("1", "2", "/a", null), registry())) {
            g.start();
            assertThat(size(g)).isEqualTo(2);
            Graph.Reconfiguration r = g.reconfigure(volfile("10", "20", "/a", null), registry());
            assertThat(r.applied()).isTrue();
            assertThat(r.changed()).containsExactly("lower.size", "upper.size");
            assertThat(journal).containsExactly("lower size 10 (context says 10)", "upper size 20 (context says 20)");
            assertThat(size(g)).isEqualTo(20);
            assertThat(g.reconfigure(volfile("10", "20", "/a", null), registry()).reason()).isEqualTo("no option changed");
        }
    }

    @Test
    void aChangeTheTranslatorCannotApplyLiveNeedsARebuild() throws Exception {
        try (Graph g = Graph.build(volfile("1", "2", "/a", null), registry())) {
            Graph.Reconfiguration r = g.reconfigure(volfile("1", "5", "/b", null), registry());
            assertThat(r.applied()).isFalse();
            assertThat(r.reason()).isEqualTo("option 'path' of volume 'upper' cannot be changed in a running graph");
            assertThat(journal).isEmpty();
            assertThat(g.volfile().volume("upper").orElseThrow().optionMap()).containsEntry("size", "2");
        }
    }

    @Test
    void aDifferentTopologyNeedsARebuild() throws Exception {
        try (Graph g = Graph.build(volfile("1", "2", "/a", null), registry())) {
            Volfile added = Volfile.builder()
                    .volume("t", "test/gated")
                    .volume("lower", "test/tunable", v -> v.subvolumes("t"))
                    .volume("upper", "test/tunable", v -> v.subvolumes("lower"))
                    .volume("extra", "test/tunable", v -> v.subvolumes("upper"))
                    .build();
            assertThat(g.reconfigure(added, registry()).reason()).isEqualTo("the number of volumes changed from 3 to 4");
            Volfile rewired = Volfile.builder()
                    .volume("t", "test/gated")
                    .volume("upper", "test/tunable", v -> v.subvolumes("t"))
                    .volume("lower", "test/tunable", v -> v.subvolumes("upper"))
                    .build();
            assertThat(g.reconfigure(rewired, registry()).reason())
                    .isEqualTo("volume 'upper' changed subvolumes from [lower] to [t]");
        }
    }

    @Test
    void aBadVolfileChangesNothing() throws Exception {
        try (Graph g = Graph.build(volfile("1", "2", "/a", null), registry())) {
            g.start();
            assertThatThrownBy(() -> g.reconfigure(volfile("1", "two", "/a", null), registry()))
                    .isInstanceOfSatisfying(VolfileException.class, e -> assertThat(e.errors()).singleElement()
                            .hasToString("<java>: error: volume 'upper', option 'size' value 'two': 'two' is not an integer "
                                    + "(decimal, 0x hex or 0-prefixed octal)"));
            assertThat(size(g)).isEqualTo(2);
        }
    }

    @Test
    void passThroughSwitchesRoutingLive() throws Exception {
        try (Graph g = Graph.build(volfile("1", "2", "/a", "off"), registry())) {
            g.start();
            assertThat(size(g)).isEqualTo(2);
            g.reconfigure(volfile("1", "2", "/a", "on"), registry());
            assertThat(((Node) g.top()).routeTarget(FopType.STAT)).isEqualTo("lower");
            assertThat(size(g)).isEqualTo(1);
            g.reconfigure(volfile("1", "2", "/a", "off"), registry());
            assertThat(size(g)).isEqualTo(2);
        }
    }

    @Test
    void aLiveGraphSwitchesAndClosesTheOldOneWhenItsCallsAreDone() throws Exception {
        InodeTable table = new InodeTable();
        try (LiveGraph live = LiveGraph.start(volfile("1", "2", "/a", null), registry(), table)) {
            Graph first = live.graph();
            // A call that stays in flight in the first graph until the gate opens.
            Stat slow = new Stat(io.rxlator.runtime.fop.CallContext.ROOT.withUnique(1),
                    io.rxlator.runtime.fop.Loc.root(table.root()), Xdata.EMPTY);
            StepVerifier.Step<StatReply> inFlight = StepVerifier.create(live.call(slow)).expectSubscription();
            var verifier = inFlight.expectNextMatches(r -> r.buf().size() == 2).expectComplete().verifyLater();

            LiveGraph.Applied a = live.apply(volfile("1", "3", "/b", null));
            assertThat(a.rebuilt()).isTrue();
            assertThat(a.generation()).isEqualTo(2);
            assertThat(a.reason()).contains("option 'path'");
            assertThat(live.graph()).isNotSameAs(first);
            assertThat(first.isClosed()).as("its call is still in flight").isFalse();

            Stat quick = new Stat(io.rxlator.runtime.fop.CallContext.ROOT, io.rxlator.runtime.fop.Loc.root(table.root()),
                    Xdata.EMPTY);
            StepVerifier.create(live.call(quick)).expectNextMatches(r -> r.buf().size() == 3).verifyComplete();

            gate.tryEmitValue(new StatReply(Iatt.EMPTY, Xdata.EMPTY));
            verifier.verify(Duration.ofSeconds(10));
            first.whenClosed().block(Duration.ofSeconds(10));
            assertThat(first.isClosed()).isTrue();
            assertThat(journal).contains("fini upper", "fini lower");
            assertThat(live.graph().isClosed()).isFalse();
        }
    }

    @Test
    void aLiveGraphKeepsServingWhenTheNewVolfileIsBad() throws Exception {
        try (LiveGraph live = LiveGraph.start(volfile("1", "2", "/a", null), registry(), new InodeTable())) {
            Graph first = live.graph();
            assertThatThrownBy(() -> live.apply(volfile("1", "2", "relative", null))).isInstanceOf(VolfileException.class);
            assertThat(live.graph()).isSameAs(first);
            assertThat(live.generation()).isEqualTo(1);
            LiveGraph.Applied inPlace = live.apply(volfile("1", "7", "/a", null));
            assertThat(inPlace.rebuilt()).isFalse();
            assertThat(live.graph()).isSameAs(first);
        }
    }

    @Test
    void callsAfterCloseFailWithEnotconn() throws Exception {
        LiveGraph live = LiveGraph.start(volfile("1", "2", "/a", null), registry(), new InodeTable());
        live.close();
        StepVerifier.create(live.call(new Stat(io.rxlator.runtime.fop.CallContext.ROOT,
                        io.rxlator.runtime.fop.Loc.root(live.inodeTable().root()), Xdata.EMPTY)))
                .expectErrorSatisfies(e -> assertThat(((FopException) e).errno()).isEqualTo(Errno.ENOTCONN))
                .verify();
    }
}
