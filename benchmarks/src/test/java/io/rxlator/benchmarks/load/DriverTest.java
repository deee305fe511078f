package io.rxlator.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The driver on storage/memory, under a probe that counts what reaches the graph. */
class DriverTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private GraphTarget target(Probe probe) throws Exception {
        Graph g = Graph.build(Volfile.builder().volume("store", "storage/memory")
                .volume("probe", Probe.TYPE, v -> v.subvolumes("store")).build(),
                TranslatorRegistry.load().with(probe.descriptor()), new InodeTable());
        g.start();
        GraphTarget t = new GraphTarget(g, "memory under probe");
        open.add(t);
        return t;
    }

    private static BenchConfig config(String... args) {
        return BenchConfig.parse(Arrays.asList(args), false);
    }

    /** A plan on memory under {@code probe}, prepared, with the probe's high-water mark reset. */
    private Plan prepared(Probe probe, BenchConfig cfg) throws Exception {
        Plan plan = new Plan(cfg, target(probe));
        plan.prepare().block(Duration.ofMinutes(1));
        probe.maxInFlight.set(0);
        return plan;
    }

    /** Starts a phase on virtual time; what it measured is set once it is over. */
    private static AtomicReference<Recorder> start(VirtualTimeScheduler clock, Plan plan, BenchConfig cfg) {
        AtomicReference<Recorder> done = new AtomicReference<>();
        new Driver(clock, clock).phase(plan, cfg, cfg.duration(), "t", r -> { }).subscribe(done::set);
        return done;
    }

    private static Recorder runPhase(Driver d, Plan plan, BenchConfig cfg) {
        return d.phase(plan, cfg, cfg.duration(), "t", r -> { }).block(Duration.ofMinutes(2));
    }

    // ---- the bound on calls in flight ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "rand-read, READV",
        "seq-write, WRITEV",
        "small-files, CREATE",
        "lookup-storm, LOOKUP",
        "readdir, READDIRP",
        "mix, READV",
    })
    void aClosedLoopKeepsExactlyItsBoundInFlight(String workload, FopType expected) throws Exception {
        int bound = 8;
        // Every call (failures too: a negative lookup) is answered 2 ms later on another thread, so
        // calls pile up to whatever the driver allows.
        Probe probe = new Probe((req, reply) -> reply.delaySubscription(Duration.ofMillis(2)));
        BenchConfig cfg = config("-w", workload, "--inflight", String.valueOf(bound), "--duration", "600ms", "--warmup", "0",
                "--file-size", "256k", "--files", "2", "--dirs", "2", "--names", "5", "--entries", "40");
        Plan plan = prepared(probe, cfg);
        Recorder rec = runPhase(new Driver(Schedulers.parallel(), Schedulers.parallel()), plan, cfg);
        assertThat(rec.errors()).isEmpty();
        assertThat(rec.completed()).isGreaterThan(bound);
        assertThat(probe.count(expected)).isPositive();
        // Never more than the bound at the graph, and the bound is reached.
        assertThat(probe.maxInFlight.get()).isEqualTo(bound);
        assertThat(rec.maxInFlight.get()).isEqualTo(bound);
        assertThat(probe.inFlight.get()).isZero();
        plan.cleanup().block(Duration.ofMinutes(1));
    }

    @Test
    void anOpenLoopNeverHasMoreInFlightThanItsCapWhenTheTargetFallsBehind() throws Exception {
        // 5 ms per call with at most 16 in flight serves 3200/s; 10000/s are asked for.
        Probe probe = new Probe((req, reply) -> reply.delaySubscription(Duration.ofMillis(5)));
        BenchConfig cfg = config("--rate", "10000", "--inflight", "16", "--duration", "500ms", "--warmup", "0",
                "--file-size", "64k", "--files", "1");
        Plan plan = prepared(probe, cfg);
        Recorder rec = runPhase(new Driver(Schedulers.parallel(), Schedulers.parallel()), plan, cfg);
        assertThat(rec.errors()).isEmpty();
        assertThat(probe.maxInFlight.get()).isEqualTo(16);
        // Every call that was due ran, late, and its lateness is in its latency.
        assertThat(rec.completed()).isEqualTo(5000);
        assertThat(rec.latency().max()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500));
    }

    // ---- rate mode on a virtual clock ----

    @ParameterizedTest(name = "{0} calls/s for {1} s")
    @CsvSource({"2000, 10", "3000, 7", "333, 9"})
    void anOpenLoopRunsAtItsRate(int rate, int seconds) throws Exception {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        Probe probe = new Probe((req, reply) -> reply);
        BenchConfig cfg = config("--rate", String.valueOf(rate), "--inflight", "64", "--duration", seconds + "s",
                "--warmup", "0", "--file-size", "64k", "--files", "2");
        Plan plan = prepared(probe, cfg);
        AtomicReference<Recorder> done = start(clock, plan, cfg);
        double period = 1e9 / rate;
        // Not over before the last call is due.
        clock.advanceTimeBy(Duration.ofNanos((long) (seconds * 1e9 - 2 * period)));
        assertThat(done.get()).isNull();
        clock.advanceTimeBy(Duration.ofNanos((long) (2 * period) + 1));
        Recorder rec = done.get();
        assertThat(rec).isNotNull();
        double expected = (double) rate * seconds;
        assertThat((double) rec.completed()).isCloseTo(expected, within(expected * 0.005 + 1));
        for (int s = 0; s < seconds; s++) {
            assertThat((double) rec.latencyIn(s).count()).as("second %d", s).isCloseTo(rate, within(rate * 0.01 + 1));
        }
        assertThat(rec.maxInFlight.get()).isLessThanOrEqualTo(64);
    }

    @Test
    void latencyOfAnOpenLoopRunsFromWhenEachCallWasDueSoAStallShows() throws Exception {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        long stallFrom = TimeUnit.SECONDS.toNanos(1);
        long stallTo = TimeUnit.SECONDS.toNanos(2);
        // Calls arriving between 1 s and 2 s are held until 2 s; every other call is answered at once.
        Probe probe = new Probe((req, reply) -> {
            long now = clock.now(TimeUnit.NANOSECONDS);
            return now >= stallFrom && now < stallTo ? reply.delaySubscription(Duration.ofNanos(stallTo - now), clock)
                    : reply;
        });
        BenchConfig cfg = config("--rate", "1000", "--inflight", "100", "--duration", "3s", "--warmup", "0",
                "--file-size", "64k", "--files", "1");
        Plan plan = prepared(probe, cfg);
        AtomicReference<Recorder> done = start(clock, plan, cfg);
        clock.advanceTimeBy(Duration.ofSeconds(4));
        Recorder rec = done.get();
        assertThat(rec).isNotNull();
        assertThat(rec.completed()).isEqualTo(3000);
        // 100 calls wait at the stalled graph; the other 900 due in the stall wait for a slot.
        assertThat(probe.maxInFlight.get()).isEqualTo(100);
        // The 1000 calls due in the stall finish at 2 s: latencies spread evenly over (0, 1 s].
        // The 2000 others take no virtual time. So the q-quantile is (3000 q - 2000) ms.
        long[] p = rec.latency().percentiles(0.9, 0.99);
        assertThat((double) p[0]).isCloseTo(700e6, within(700e6 / 64));
        assertThat((double) p[1]).isCloseTo(970e6, within(970e6 / 64));
        assertThat(rec.latency().max()).isEqualTo(1_000_000_000L);
        assertThat(rec.latency().percentile(0.5)).isZero();
    }

    // ---- percentiles of a known distribution, through the driver and the report ----

    @Test
    void reportedPercentilesMatchAKnownDistribution() throws Exception {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        AtomicLong calls = new AtomicLong();
        // Read number k takes (k mod 1000) + 1 microseconds of virtual time.
        BiFunction<FopRequest<?>, Mono<? extends FopReply>, Mono<? extends FopReply>> shape = (req, reply) ->
                req.type() == FopType.READV
                        ? reply.delaySubscription(Duration.ofNanos((calls.getAndIncrement() % 1000 + 1) * 1000), clock)
                        : reply;
        BenchConfig cfg = config("--inflight", "1", "--duration", "10s", "--warmup", "0", "--file-size", "64k",
                "--files", "2");
        Plan plan = prepared(new Probe(shape), cfg);
        AtomicReference<Recorder> done = start(clock, plan, cfg);
        clock.advanceTimeBy(Duration.ofSeconds(11));
        Recorder rec = done.get();
        assertThat(rec).isNotNull();
        long n = rec.completed();
        assertThat(n).isEqualTo(calls.get());
        // One call at a time: calls of 1..1000 us, each in turn, for 10 s: about 20,000 of them.
        assertThat(n).isBetween(19_900L, 20_100L);
        long[] exact = new long[(int) n];
        long sum = 0;
        for (int k = 0; k < n; k++) {
            exact[k] = (k % 1000 + 1) * 1000L;
            sum += exact[k];
        }
        Arrays.sort(exact);
        Results.Run run = Results.run(1, rec, List.of());
        double[] qs = {0.5, 0.9, 0.99, 0.999};
        double[] reported = {run.latency().p50(), run.latency().p90(), run.latency().p99(), run.latency().p999()};
        for (int i = 0; i < qs.length; i++) {
            double truth = exact[(int) Math.ceil(qs[i] * n) - 1] / 1000.0;
            assertThat(reported[i]).as("p%s", qs[i] * 100).isCloseTo(truth, within(truth / 64));
        }
        assertThat(run.latency().mean()).isCloseTo(sum / (double) n / 1000.0, within(1e-6));
        assertThat(run.latency().min()).isEqualTo(1.0);
        assertThat(run.latency().max()).isEqualTo(1000.0);
        assertThat(run.opsPerSec()).isCloseTo(n / run.seconds(), within(1e-6));
        assertThat(run.seconds()).isCloseTo(10.0, within(0.002));
        // The percentile curve rises, and ends at the maximum.
        for (int i = 1; i < run.percentiles().size(); i++) {
            assertThat(run.percentiles().get(i).latencyUs()).isGreaterThanOrEqualTo(run.percentiles().get(i - 1).latencyUs());
        }
        assertThat(run.percentiles().get(run.percentiles().size() - 1).latencyUs()).isEqualTo(1000.0);
    }

    // ---- reproducibility ----

    @Test
    void theSameSeedChoosesTheSameOperations() throws Exception {
        GraphTarget t = target(new Probe((req, reply) -> reply));
        BenchConfig a = config("-w", "mix", "--seed", "42");
        BenchConfig b = config("-w", "mix", "--seed", "42");
        BenchConfig c = config("-w", "mix", "--seed", "43");
        Plan pa = new Plan(a, t);
        Plan pb = new Plan(b, t);
        Plan pc = new Plan(c, t);
        int differ = 0;
        int[] seen = new int[BenchConfig.Kind.values().length];
        for (long i = 0; i < 100_000; i++) {
            assertThat(pa.kindOf(i)).isEqualTo(pb.kindOf(i));
            differ += pa.kindOf(i) != pc.kindOf(i) ? 1 : 0;
            seen[pa.kindOf(i).ordinal()]++;
        }
        assertThat(differ).isGreaterThan(10_000);
        // The mix's percentages, within half a percent.
        for (var e : BenchConfig.DEFAULT_MIX.entrySet()) {
            assertThat(seen[e.getKey().ordinal()] / 1000.0).as(e.getKey().label).isCloseTo(e.getValue(), within(0.5));
        }
    }
}
