package io.rxlator.xlators.debug.iostats;

import io.rxlator.runtime.fop.FopType;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/** One block of io-stats: since the start (cumulative) or since the last dump (an interval). */
final class Stats {

    /** Block sizes: bucket i counts operations of 2^i to 2^(i+1)-1 bytes (GlusterFS's 32). */
    static final int SIZE_BUCKETS = 32;

    final long startNanos;
    final long startMillis;
    final int number;
    final LongAdder bytesRead = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    final AtomicLongArray readSizes = new AtomicLongArray(SIZE_BUCKETS);
    final AtomicLongArray writeSizes = new AtomicLongArray(SIZE_BUCKETS);
    private final AtomicReferenceArray<FopStats> fops = new AtomicReferenceArray<>(FopType.values().length);
    final AtomicLong openFds = new AtomicLong();
    final AtomicLong maxOpenFds = new AtomicLong();

    Stats(int number, long startNanos, long startMillis) {
        this.number = number;
        this.startNanos = startNanos;
        this.startMillis = startMillis;
    }

    /** The per-fop record, made on first use. */
    FopStats fop(FopType t) {
        FopStats s = fops.get(t.ordinal());
        if (s == null) {
            fops.compareAndSet(t.ordinal(), null, new FopStats());
            s = fops.get(t.ordinal());
        }
        return s;
    }

    /** The per-fop record or null when the fop was never seen. */
    FopStats peek(FopType t) {
        return fops.get(t.ordinal());
    }

    static int sizeBucket(long bytes) {
        if (bytes <= 0) {
            return 0;
        }
        return Math.min(SIZE_BUCKETS - 1, 63 - Long.numberOfLeadingZeros(bytes));
    }

    void read(long bytes) {
        if (bytes > 0) {
            bytesRead.add(bytes);
            readSizes.incrementAndGet(sizeBucket(bytes));
        }
    }

    void wrote(long bytes) {
        bytesWritten.add(bytes);
        writeSizes.incrementAndGet(sizeBucket(bytes));
    }

    void opened() {
        long n = openFds.incrementAndGet();
        maxOpenFds.accumulateAndGet(n, Math::max);
    }

    void closed() {
        openFds.decrementAndGet();
    }

    static final class FopStats {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LatencyHistogram latency = new LatencyHistogram();
    }
}
