package io.rxlator.benchmarks;

import io.rxlator.xlators.debug.iostats.LatencyHistogram;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording one latency costs: io-stats does it twice for every fop it times, the load
 * driver twice for every operation. {@code shared} is one histogram recorded into by two
 * threads (io-stats under load); {@code own} is one histogram per thread, for reference.
 * Values are spread over 1 µs to 1 ms, so the extremes stop moving after warm-up, as they do in
 * a real run.
 *
 * <p>Run: {@code benchmarks/jmh.sh HistogramBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(2)
public class HistogramBenchmark {

    @State(Scope.Benchmark)
    public static class Shared {
        final LatencyHistogram h = new LatencyHistogram();
    }

    @State(Scope.Thread)
    public static class Own {
        final LatencyHistogram h = new LatencyHistogram();
        long x = System.nanoTime() | 1;

        long next() {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            return 1_000 + Long.remainderUnsigned(x, 999_000);
        }
    }

    @Benchmark
    public void shared(Shared s, Own t) {
        s.h.record(t.next());
    }

    @Benchmark
    public void own(Own t) {
        t.h.record(t.next());
    }
}
