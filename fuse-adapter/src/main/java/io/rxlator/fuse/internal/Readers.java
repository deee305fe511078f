package io.rxlator.fuse.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Decides which of a mount's reader threads read from {@code /dev/fuse}. One thread reads
 * and runs what it reads while requests are quick: it finds the next request already queued
 * when it comes back, so no request pays for waking a sleeping thread (on a two-core machine
 * that wake-up doubles the CPU cost of a 4 KiB read). A request that runs for {@code stall}
 * nanoseconds or longer, beyond the time the data it carries takes to copy
 * ({@link #COPY_NANOS_PER_KIB}), is slow: while at least half of the last 32 requests were slow, each
 * slow one that finishes with no other thread reading lets one more thread read. A request
 * that runs {@link #stuckNanos} without finishing is found by {@link #tick}, which lets one
 * more read beside it. A thread that finishes a quick request while another is already
 * waiting in {@code read} steps back. So storage that blocks gets as many requests running as
 * the kernel sends (up to {@code max} threads) and fast storage gets one thread.
 *
 * <p>With {@code stall} 0, or one thread, every thread reads all the time and nothing here
 * does anything per request.
 *
 * <p>Counters: {@code active} threads may read; {@code readers} of them are waiting in
 * {@code read} or about to (a thread let in is counted from then, before it wakes). Threads
 * that may not read wait in {@link #awaitTurn}; a turn given before a thread has joined is
 * taken by it when it does.
 */
public final class Readers {

    /** A reader thread's place. */
    public static final class Slot {
        volatile long busySince;
        /** Nanoseconds the running request may take for copying its data. */
        long allowance;
        boolean active;
    }

    /**
     * What copying a request's data may cost before the request counts as slow: 0.5 µs per KiB
     * (2 GB/s), for data that crosses memory three times on its way (from storage into an array,
     * from there to the kernel, from there to the reader's pages) on a virtual CPU. A 128 KiB read
     * from the page cache runs 40 to 70 µs here; counted slow against 50 µs, half of them let
     * another thread in and the next quick one sent it back, a hand-over every eighth request.
     */
    public static final long COPY_NANOS_PER_KIB = 500;

    /** The least time a request runs before {@link #tick} lets another thread read beside it. */
    public static final long STUCK_NANOS = 2_000_000;

    private final int max;
    private final long stall;
    private final long stuck;
    private final boolean adaptive;
    private final LongSupplier clock;
    private final Slot[] slots;
    private final AtomicInteger joined = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger readers = new AtomicInteger();
    private final Semaphore turns = new Semaphore(0);
    private final LongAdder promotions = new LongAdder();
    private final LongAdder retirements = new LongAdder();
    /** Whether each of the last 32 requests was slow (bit 0 the latest); updated without locking. */
    private int recent;
    private volatile boolean closed;
    private volatile boolean monitorIdle;
    private volatile Runnable wakeMonitor = () -> { };

    /**
     * @param max   the threads there are
     * @param stall nanoseconds from which a request counts as slow; 0 lets every thread read
     *              all the time
     */
    public Readers(int max, long stall, LongSupplier clock) {
        if (max < 1 || stall < 0) {
            throw new IllegalArgumentException("max " + max + ", stall " + stall);
        }
        this.max = max;
        this.stall = stall;
        this.stuck = Math.max(stall, STUCK_NANOS);
        this.adaptive = stall > 0 && max > 1;
        this.clock = clock;
        this.slots = new Slot[max];
        for (int i = 0; i < max; i++) {
            slots[i] = new Slot();
            slots[i].active = !adaptive || i == 0;
        }
        active.set(adaptive ? 1 : max);
        readers.set(active.get());
    }

    /** Whether one thread alone may read now: the next request wakes it or nobody. */
    public boolean alone() {
        return active.get() == 1;
    }

    /** Whether a monitor must call {@link #tick}. */
    public boolean adaptive() {
        return adaptive;
    }

    /** How long a request runs before {@link #tick} lets another thread read beside it. */
    public long stuckNanos() {
        return stuck;
    }

    /** How the monitor is woken from {@link #idle} (set once, before it first idles). */
    public void monitor(Runnable wake) {
        wakeMonitor = wake;
    }

    /** Called by a reader thread once, before its first {@link #awaitTurn}. */
    public Slot join() {
        int i = joined.getAndIncrement();
        if (i >= max) {
            throw new IllegalStateException("more than " + max + " reader threads");
        }
        return slots[i];
    }

    /** Waits until {@code s} may read. False when the readers are closed: the thread ends. */
    public boolean awaitTurn(Slot s) {
        while (!s.active) {
            turns.acquireUninterruptibly();
            if (closed) {
                turns.release();
                return false;
            }
            s.active = true;
        }
        return !closed;
    }

    /** {@code s} read a request that moves {@code bytes} of data and is about to run it. */
    public void started(Slot s, long bytes) {
        if (!adaptive) {
            return;
        }
        s.allowance = bytes * COPY_NANOS_PER_KIB >> 10;
        readers.decrementAndGet();
        long t = clock.getAsLong();
        s.busySince = t != 0 ? t : 1; // 0 means not busy
        if (monitorIdle) {
            monitorIdle = false;
            wakeMonitor.run();
        }
    }

    /**
     * {@code s} has run its request. True: it reads again; false: it steps back and waits in
     * {@link #awaitTurn}. A quick request steps back when another thread is reading already.
     * A slow one, when at least half of the last 32 were slow too and no other thread is
     * reading, lets one more thread read (one slow request alone is more often a thread that
     * lost its CPU for a while than storage that blocks).
     */
    public boolean finished(Slot s) {
        if (!adaptive) {
            return true;
        }
        long took = clock.getAsLong() - s.busySince;
        s.busySince = 0;
        boolean slow = took >= stall + s.allowance;
        int bits = recent << 1 | (slow ? 1 : 0);
        recent = bits;
        if (!slow) {
            if (readers.get() > 0) {
                int a = active.get();
                if (a > 1 && active.compareAndSet(a, a - 1)) {
                    s.active = false;
                    retirements.increment();
                    return false;
                }
            }
        } else if (Integer.bitCount(bits) >= 16 && readers.get() <= 0) {
            letOneMoreRead();
        }
        readers.incrementAndGet();
        return true;
    }

    private void letOneMoreRead() {
        int a = active.get();
        if (!closed && a < max && active.compareAndSet(a, a + 1)) {
            readers.incrementAndGet();
            promotions.increment();
            turns.release();
        }
    }

    /**
     * The monitor's look, every so often: when no active thread is reading and one of them
     * has run its request for {@link #stuckNanos} or longer (a request that does not finish),
     * another thread may read. Returns whether any request is running (when none is, the
     * monitor may {@link #idle}).
     */
    public boolean tick() {
        long now = clock.getAsLong();
        boolean busy = false;
        boolean stalled = false;
        for (Slot s : slots) {
            long since = s.busySince;
            if (since != 0) {
                busy = true;
                stalled |= now - since >= stuck;
            }
        }
        if (stalled && readers.get() <= 0) {
            letOneMoreRead();
        }
        return busy;
    }

    /**
     * The monitor is about to sleep until a request starts, which runs the {@link #monitor}
     * wake-up (once). Returns false, and the monitor should not sleep, when a request is already
     * running or the readers are closed.
     */
    public boolean idle() {
        monitorIdle = true;
        // After the flag: a request starting now either sees it or is seen here; close() runs
        // the wake-up after setting closed, so one of the two sees the other.
        boolean busy = closed;
        for (Slot s : slots) {
            busy |= s.busySince != 0;
        }
        if (busy) {
            monitorIdle = false;
        }
        return !busy;
    }

    /** The monitor woke up, by the wake-up or otherwise. */
    public void awake() {
        monitorIdle = false;
    }

    /** Every waiting thread returns false from {@link #awaitTurn}, and the monitor wakes. */
    public void close() {
        closed = true;
        turns.release(max);
        wakeMonitor.run();
    }

    public boolean closed() {
        return closed;
    }

    /** Threads that may read now. */
    public int active() {
        return active.get();
    }

    /** Of those, threads waiting in read (or let in and about to). */
    public int reading() {
        return readers.get();
    }

    /** Times a thread was let in to read beside the others. */
    public long promotions() {
        return promotions.sum();
    }

    /** Times a thread stepped back. */
    public long retirements() {
        return retirements.sum();
    }
}
