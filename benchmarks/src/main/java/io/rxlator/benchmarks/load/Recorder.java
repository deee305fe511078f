package io.rxlator.benchmarks.load;

import io.rxlator.benchmarks.load.BenchConfig.Kind;
import io.rxlator.xlators.debug.iostats.LatencyHistogram;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one phase measured, safe for recording from any thread: latencies and bytes of
 * successful operations per kind and per second of the phase, failures by errno, and calls in
 * flight. Totals are sums of the per-kind records, made when read (once a second for progress,
 * once for the report), so an operation is recorded twice, not three times.
 */
final class Recorder {

    /** Per kind of operation. */
    static final class KindStats {
        final LatencyHistogram latency = new LatencyHistogram();
        final LongAdder errors = new LongAdder();
        final LongAdder bytes = new LongAdder();
    }

    final long startNanos;
    final long plannedNanos;
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong maxInFlight = new AtomicLong();
    private final KindStats[] kinds = new KindStats[Kind.values().length];
    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** Per second of the phase (by completion time); the last slot takes whatever comes after. */
    private final AtomicLongArray secondBytes;
    private final AtomicReferenceArray<LatencyHistogram> secondLatency;
    private volatile long endNanos;

    Recorder(long startNanos, long plannedNanos) {
        this.startNanos = startNanos;
        this.plannedNanos = plannedNanos;
        int slots = (int) Math.min(100_000, (plannedNanos + 999_999_999L) / 1_000_000_000L + 1);
        secondBytes = new AtomicLongArray(slots);
        secondLatency = new AtomicReferenceArray<>(slots);
        for (Kind k : Kind.values()) {
            kinds[k.ordinal()] = new KindStats();
        }
    }

    private int slot(long atNanos) {
        long s = Math.max(0, atNanos - startNanos) / 1_000_000_000L;
        return (int) Math.min(secondBytes.length() - 1, s);
    }

    void started() {
        long n = inFlight.incrementAndGet();
        if (n > maxInFlight.get()) {
            maxInFlight.accumulateAndGet(n, Math::max);
        }
    }

    void succeeded(Kind kind, long bytesMoved, long latencyNanos, long atNanos) {
        inFlight.decrementAndGet();
        KindStats k = kinds[kind.ordinal()];
        k.latency.record(latencyNanos);
        if (bytesMoved != 0) {
            k.bytes.add(bytesMoved);
        }
        int s = slot(atNanos);
        if (bytesMoved != 0) {
            secondBytes.addAndGet(s, bytesMoved);
        }
        LatencyHistogram h = secondLatency.get(s);
        if (h == null) {
            secondLatency.compareAndSet(s, null, new LatencyHistogram());
            h = secondLatency.get(s);
        }
        h.record(latencyNanos);
    }

    void failed(Kind kind, String errno) {
        inFlight.decrementAndGet();
        kinds[kind.ordinal()].errors.increment();
        errors.computeIfAbsent(errno, e -> new LongAdder()).increment();
    }

    void ended(long atNanos) {
        endNanos = atNanos;
    }

    long endNanos() {
        return endNanos;
    }

    KindStats kind(Kind k) {
        return kinds[k.ordinal()];
    }

    /** Latencies of every successful operation: the per-kind histograms added up. */
    LatencyHistogram latency() {
        LatencyHistogram all = new LatencyHistogram();
        for (KindStats k : kinds) {
            all.add(k.latency);
        }
        return all;
    }

    long completed() {
        return sum(k -> k.latency.count());
    }

    long bytes() {
        return sum(k -> k.bytes.sum());
    }

    long failures() {
        return sum(k -> k.errors.sum());
    }

    private long sum(java.util.function.ToLongFunction<KindStats> of) {
        long n = 0;
        for (KindStats k : kinds) {
            n += of.applyAsLong(k);
        }
        return n;
    }

    /** Failures by errno name, sorted. */
    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Seconds that have a slot (the phase's planned length, rounded up, and one for the tail). */
    int seconds() {
        return secondBytes.length();
    }

    long bytesIn(int second) {
        return secondBytes.get(second);
    }

    /** Latencies of the operations that finished in {@code second} (its count is their number). */
    LatencyHistogram latencyIn(int second) {
        LatencyHistogram h = secondLatency.get(second);
        return h != null ? h : new LatencyHistogram();
    }
}
