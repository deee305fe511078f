package io.rxlator.benchmarks.load;

import io.rxlator.benchmarks.load.BenchConfig.Kind;
import io.rxlator.xlators.debug.iostats.IoStatsTranslator;
import io.rxlator.xlators.debug.iostats.LatencyHistogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** What a bench run measured, as values: the runs of each target, and summaries over them. */
final class Results {

    private Results() {
    }

    static final double MIB = 1024.0 * 1024.0;

    /** Latencies in microseconds. */
    record Latency(double mean, double min, double p50, double p90, double p99, double p999, double p9999, double max) {
    }

    /** One point of the percentile curve. */
    record Point(double percentile, double latencyUs) {
    }

    /** One second of a run (by completion time). */
    record Second(int second, double opsPerSec, double mibPerSec, double p99Us) {
    }

    record KindResult(long ops, long errors, double opsPerSec, double mibPerSec, double p50Us, double p99Us) {
    }

    record Run(int repetition, double seconds, long ops, long errors, double opsPerSec, double mibPerSec, long maxInFlight,
            Latency latency, List<Point> percentiles, List<Second> timeline, Map<String, Long> errorsByErrno,
            Map<String, KindResult> kinds, List<IoStatsTranslator.Summary> ioStats) {
    }

    /** A target's runs: "A" or "B" in a comparison, "" otherwise. */
    record TargetResult(String label, String target, List<Run> runs) {
    }

    /** Median, minimum and maximum of a metric over runs (or of a ratio over rounds). */
    record Spread(double median, double min, double max) {
        static Spread of(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            if (v.length == 0) {
                return new Spread(0, 0, 0);
            }
            double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            return new Spread(median, v[0], v[v.length - 1]);
        }
    }

    /** The metrics summarised and compared, with how to read each from a run. */
    static final Map<String, ToDoubleFunction<Run>> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("ops_per_sec", Run::opsPerSec);
        METRICS.put("mib_per_sec", Run::mibPerSec);
        METRICS.put("p50_us", r -> r.latency().p50());
        METRICS.put("p99_us", r -> r.latency().p99());
        METRICS.put("p99_9_us", r -> r.latency().p999());
    }

    /** Quantiles of the percentile curve: 0, then 1 - 10^(-k/10) up to 99.999%, then the maximum. */
    static final double[] CURVE;

    static {
        double[] q = new double[52];
        for (int k = 0; k <= 50; k++) {
            q[k] = 1 - Math.pow(10, -k / 10.0);
        }
        q[51] = 1.0;
        CURVE = q;
    }

    static double us(long nanos) {
        return nanos / 1000.0;
    }

    static Run run(int repetition, Recorder rec, List<IoStatsTranslator.Summary> ioStats) {
        double secs = Math.max(1e-9, (rec.endNanos() - rec.startNanos) / 1e9);
        LatencyHistogram h = rec.latency();
        long[] p = h.percentiles(0.5, 0.9, 0.99, 0.999, 0.9999);
        Latency lat = new Latency(h.mean() / 1000, us(h.min()), us(p[0]), us(p[1]), us(p[2]), us(p[3]), us(p[4]), us(h.max()));
        long[] curve = h.percentiles(CURVE);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < CURVE.length; i++) {
            points.add(new Point(CURVE[i] * 100, us(curve[i])));
        }
        List<Second> timeline = new ArrayList<>();
        int used = (int) Math.min(rec.seconds(), Math.max(1, (long) Math.ceil(secs)));
        for (int s = 0; s < used; s++) {
            double width = Math.min(1.0, secs - s);
            if (width < 0.25 && s > 0) {
                break; // a last sliver of a second says nothing about a rate
            }
            LatencyHistogram second = rec.latencyIn(s);
            timeline.add(new Second(s + 1, second.count() / width, rec.bytesIn(s) / MIB / width,
                    us(second.percentile(0.99))));
        }
        Map<String, KindResult> kinds = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            Recorder.KindStats ks = rec.kind(k);
            long ops = ks.latency.count();
            long errors = ks.errors.sum();
            if (ops + errors == 0) {
                continue;
            }
            long[] kp = ks.latency.percentiles(0.5, 0.99);
            kinds.put(k.label, new KindResult(ops, errors, ops / secs, ks.bytes.sum() / MIB / secs, us(kp[0]), us(kp[1])));
        }
        return new Run(repetition, secs, h.count(), rec.failures(), h.count() / secs, rec.bytes() / MIB / secs,
                rec.maxInFlight.get(), lat, points, timeline, rec.errors(), kinds, ioStats);
    }

    static Spread spread(List<Run> runs, ToDoubleFunction<Run> metric) {
        return Spread.of(runs.stream().mapToDouble(metric).toArray());
    }

    /**
     * B/A per round for each metric (rounds are paired in order); a metric that is 0 for A in
     * some round (MiB/s of a workload that moves no data) has no ratio and is left out.
     */
    static Map<String, Spread> ratios(TargetResult a, TargetResult b) {
        Map<String, Spread> out = new LinkedHashMap<>();
        int n = Math.min(a.runs().size(), b.runs().size());
        metrics:
        for (Map.Entry<String, ToDoubleFunction<Run>> m : METRICS.entrySet()) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                double av = m.getValue().applyAsDouble(a.runs().get(i));
                if (!(av > 0)) {
                    continue metrics;
                }
                r[i] = m.getValue().applyAsDouble(b.runs().get(i)) / av;
            }
            if (n > 0) {
                out.put(m.getKey(), Spread.of(r));
            }
        }
        return out;
    }
}
