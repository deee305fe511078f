package io.rxlator.xlators.debug.iostats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A log-linear histogram of non-negative values (nanoseconds here), safe for concurrent
 * recorders without locks: values below 64 are counted exactly, larger ones in 32 sub-buckets
 * per power of two, so a percentile is within 1/64 (1.6%) of the truth. Count, sum, minimum and
 * maximum are exact. A record is one bucket increment and two adder increments; the minimum
 * and maximum are written only when a value passes them, so recorders on several threads do
 * not fight over them once the extremes are known.
 */
public final class LatencyHistogram {

    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    /** Values below this are their own bucket. */
    private static final int LINEAR = 2 * SUB;
    private static final int BUCKETS = LINEAR + (63 - SUB_BITS) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);

    public void record(long value) {
        long v = Math.max(0, value);
        counts.incrementAndGet(bucket(v));
        count.increment();
        sum.add(v);
        lower(min, v);
        raise(max, v);
    }

    private static void lower(AtomicLong to, long v) {
        for (long cur = to.get(); v < cur && !to.compareAndSet(cur, v); cur = to.get()) {
            // another recorder moved it; look again
        }
    }

    private static void raise(AtomicLong to, long v) {
        for (long cur = to.get(); v > cur && !to.compareAndSet(cur, v); cur = to.get()) {
            // another recorder moved it; look again
        }
    }

    static int bucket(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int top = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS + 1
        int shift = top - SUB_BITS;
        int sub = (int) (v >>> shift) & (SUB - 1);
        return LINEAR + (shift - 1) * SUB + sub;
    }

    /** The smallest value that lands in bucket {@code b}. */
    static long lowest(int b) {
        if (b < LINEAR) {
            return b;
        }
        int shift = (b - LINEAR) / SUB + 1;
        int sub = (b - LINEAR) % SUB;
        return ((long) (SUB + sub)) << shift;
    }

    /** The largest value that lands in bucket {@code b}. */
    static long highest(int b) {
        return b + 1 < BUCKETS ? lowest(b + 1) - 1 : Long.MAX_VALUE;
    }

    public long count() {
        return count.sum();
    }

    public long sum() {
        return sum.sum();
    }

    public long min() {
        return count.sum() == 0 ? 0 : min.get();
    }

    public long max() {
        return count.sum() == 0 ? 0 : max.get();
    }

    public double mean() {
        long n = count.sum();
        return n == 0 ? 0 : (double) sum.sum() / n;
    }

    /**
     * The value at quantile {@code q} (0..1): the middle of the bucket holding the rank
     * ceil(q·n), clamped to the exact minimum and maximum; 0 when empty.
     */
    public long percentile(double q) {
        return percentiles(q)[0];
    }

    /** The values at each of {@code qs} (as {@link #percentile}), read from one snapshot of the buckets. */
    public long[] percentiles(double... qs) {
        long n = 0;
        long[] snapshot = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            n += snapshot[i];
        }
        long[] out = new long[qs.length];
        if (n == 0) {
            return out;
        }
        long lowest = min();
        long highest = max();
        for (int k = 0; k < qs.length; k++) {
            long rank = Math.max(1, (long) Math.ceil(qs[k] * n));
            long seen = 0;
            out[k] = highest;
            for (int i = 0; i < BUCKETS; i++) {
                seen += snapshot[i];
                if (seen >= rank) {
                    long lo = lowest(i);
                    long mid = lo + (highest(i) - lo) / 2;
                    out[k] = Math.max(lowest, Math.min(highest, mid));
                    break;
                }
            }
        }
        return out;
    }

    /** Adds everything {@code other} has recorded to this histogram. */
    public void add(LatencyHistogram other) {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long c = other.counts.get(i);
            if (c != 0) {
                counts.addAndGet(i, c);
                n += c;
            }
        }
        if (n == 0) {
            return;
        }
        count.add(n);
        sum.add(other.sum.sum());
        lower(min, other.min.get());
        raise(max, other.max.get());
    }
}
