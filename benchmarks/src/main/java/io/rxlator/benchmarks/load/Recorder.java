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
 * What one phase measured, safe for recording from any thread: latencies of successful
 * operations (overall, per kind, and per second of the phase), bytes, and failures by errno.
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
    final LatencyHistogram latency = new LatencyHistogram();
    final LongAdder bytes = new LongAdder();
    final LongAdder errorCount = new LongAdder();
    final AtomicLong issued = new AtomicLong();
    final AtomicLong inFlight = new AtomicLong();
    final AtomicLong maxInFlight = new AtomicLong();
    private final KindStats[] kinds = new KindStats[Kind.values().length];
    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** Per second of the phase (by completion time); the last slot takes whatever comes after. */
    private final AtomicLongArray secondOps;
    private final AtomicLongArray secondBytes;
    private final AtomicReferenceArray<LatencyHistogram> secondLatency;
    private volatile long endNanos;

    Recorder(long startNanos, long plannedNanos) {
        this.startNanos = startNanos;
        this.plannedNanos = plannedNanos;
        int slots = (int) Math.min(100_000, (plannedNanos + 999_999_999L) / 1_000_000_000L + 1);
        secondOps = new AtomicLongArray(slots);
        secondBytes = new AtomicLongArray(slots);
        secondLatency = new AtomicReferenceArray<>(slots);
        for (Kind k : Kind.values()) {
            kinds[k.ordinal()] = new KindStats();
        }
    }

    private int slot(long atNanos) {
        long s = Math.max(0, atNanos - startNanos) / 1_000_000_000L;
        return (int) Math.min(secondOps.length() - 1, s);
    }

    void started() {
        issued.incrementAndGet();
        long n = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(n, Math::max);
    }

    void succeeded(Kind kind, long bytesMoved, long latencyNanos, long atNanos) {
        inFlight.decrementAndGet();
        latency.record(latencyNanos);
        bytes.add(bytesMoved);
        KindStats k = kinds[kind.ordinal()];
        k.latency.record(latencyNanos);
        k.bytes.add(bytesMoved);
        int s = slot(atNanos);
        secondOps.incrementAndGet(s);
        secondBytes.addAndGet(s, bytesMoved);
        LatencyHistogram h = secondLatency.get(s);
        if (h == null) {
            secondLatency.compareAndSet(s, null, new LatencyHistogram());
            h = secondLatency.get(s);
        }
        h.record(latencyNanos);
    }

    void failed(Kind kind, String errno) {
        inFlight.decrementAndGet();
        errorCount.increment();
        kinds[kind.ordinal()].errors.increment();
        errors.computeIfAbsent(errno, e -> new LongAdder()).increment();
    }

    void ended(long atNanos) {
        endNanos = atNanos;
    }

    long completed() {
        return latency.count();
    }

    long endNanos() {
        return endNanos;
    }

    KindStats kind(Kind k) {
        return kinds[k.ordinal()];
    }

    /** Failures by errno name, sorted. */
    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Seconds that have a slot (the phase's planned length, rounded up, and one for the tail). */
    int seconds() {
        return secondOps.length();
    }

    long opsIn(int second) {
        return secondOps.get(second);
    }

    long bytesIn(int second) {
        return secondBytes.get(second);
    }

    LatencyHistogram latencyIn(int second) {
        LatencyHistogram h = secondLatency.get(second);
        return h != null ? h : new LatencyHistogram();
    }
}
