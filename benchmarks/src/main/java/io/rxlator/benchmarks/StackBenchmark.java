package io.rxlator.benchmarks;

import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.IaType;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Loc;
import io.rxlator.runtime.fop.Stat;
import io.rxlator.runtime.fop.StatReply;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * What a stack of translators costs per fop, over an in-memory terminal that answers stat
 * with a ready reply, against calling that terminal directly:
 *
 * <ul>
 *   <li>{@code direct}: the terminal's handle, subscribed: the floor.</li>
 *   <li>{@code passThrough}: {@code layers} translators that override nothing. The runtime
 *       routes past them, so the cost should not depend on {@code layers}.</li>
 *   <li>{@code lambdaLayers}: {@code layers} lambda translators ({@code req -> child.call(req)}),
 *       which see every fop and cannot be skipped: the price of one wind.</li>
 *   <li>{@code map4Identity}, {@code map4Copy}: four translators that each map the reply,
 *       returning it as is or as a new record.</li>
 *   <li>{@code reactorMap4}: four {@code map}s on the terminal's {@code Mono} in plain Reactor,
 *       the reference for the two above.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StackBenchmark -prof gc}; read
 * {@code avgt} (ns/op) and {@code gc.alloc.rate.norm} (bytes/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StackBenchmark {

    /** Stacks whose depth is the parameter. */
    @State(Scope.Thread)
    public static class Depth {
        @Param({"1", "4", "16"})
        public int layers;

        Graph passThrough;
        Graph lambdas;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            passThrough = stack("bench/pass", layers);
            lambdas = stack("bench/lambda", layers);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            passThrough.close();
            lambdas.close();
        }
    }

    private Graph map4Identity;
    private Graph map4Copy;
    private Translator terminal;
    private Stat request;
    private final SyncSubscriber<FopReply> sink = new SyncSubscriber<>();

    /** Answers stat with one ready reply, allocating nothing per call. */
    static final class Terminal extends ForwardingTranslator {
        private final Mono<StatReply> answer;

        Terminal(io.rxlator.runtime.xlator.TranslatorContext ctx) {
            super(ctx);
            StatReply reply = new StatReply(Iatt.builder().gfid(Gfid.ROOT).type(IaType.DIRECTORY).prot(0755).build(),
                    Xdata.EMPTY);
            this.answer = Mono.just(reply);
        }

        @Override
        protected Mono<StatReply> stat(Stat request) {
            return answer;
        }
    }

    static final TranslatorDescriptor TERMINAL = TranslatorDescriptor.builder("bench/memory").arity(Arity.NONE)
            .factory(Terminal::new).build();
    static final TranslatorDescriptor PASS = TranslatorDescriptor.builder("bench/pass")
            .factory(ctx -> new ForwardingTranslator(ctx) { }).build();
    static final TranslatorDescriptor LAMBDA = TranslatorDescriptor.builder("bench/lambda").factory(ctx -> {
        var child = ctx.firstChild();
        Translator t = child::call;
        return t;
    }).build();
    static final TranslatorDescriptor MAP_IDENTITY = TranslatorDescriptor.builder("bench/map-identity")
            .factory(ctx -> new ForwardingTranslator(ctx) {
                @Override
                protected Mono<StatReply> stat(Stat request) {
                    return child().stat(request).map(r -> r);
                }
            }).build();
    static final TranslatorDescriptor MAP_COPY = TranslatorDescriptor.builder("bench/map-copy")
            .factory(ctx -> new ForwardingTranslator(ctx) {
                @Override
                protected Mono<StatReply> stat(Stat request) {
                    return child().stat(request).map(r -> new StatReply(r.buf(), r.xdata()));
                }
            }).build();
    static final TranslatorRegistry REGISTRY = TranslatorRegistry.of(TERMINAL, PASS, LAMBDA, MAP_IDENTITY, MAP_COPY);

    static Graph stack(String type, int n) throws Exception {
        Volfile.Builder b = Volfile.builder().volume("l0", "bench/memory");
        for (int i = 1; i <= n; i++) {
            String below = "l" + (i - 1);
            b.volume("l" + i, type, v -> v.subvolumes(below));
        }
        Graph g = Graph.build(b.build(), REGISTRY, new InodeTable());
        g.start();
        return g;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        map4Identity = stack("bench/map-identity", 4);
        map4Copy = stack("bench/map-copy", 4);
        terminal = map4Identity.translator("l0");
        request = new Stat(CallContext.ROOT, Loc.root(map4Identity.inodeTable().root()), Xdata.EMPTY);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        map4Identity.close();
        map4Copy.close();
    }

    @Benchmark
    public Object direct() {
        terminal.handle(request).subscribe(sink);
        return sink.take();
    }

    @Benchmark
    public Object passThrough(Depth depth) {
        depth.passThrough.top().stat(request).subscribe(sink);
        return sink.take();
    }

    @Benchmark
    public Object lambdaLayers(Depth depth) {
        depth.lambdas.top().stat(request).subscribe(sink);
        return sink.take();
    }

    /** Four maps in plain Reactor, no rxlator: the reference for the map benchmarks. */
    @Benchmark
    public Object reactorMap4() {
        ((Terminal) terminal).answer.map(r -> r).map(r -> r).map(r -> r).map(r -> r).subscribe(sink);
        return sink.take();
    }

    @Benchmark
    public Object map4Identity() {
        map4Identity.top().stat(request).subscribe(sink);
        return sink.take();
    }

    @Benchmark
    public Object map4Copy() {
        map4Copy.top().stat(request).subscribe(sink);
        return sink.take();
    }
}
