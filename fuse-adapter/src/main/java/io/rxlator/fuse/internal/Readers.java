package io.rxlator.fuse.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Decides which of a mount's reader threads read from {@code /dev/fuse}. One thread reads
 * and runs what it reads while requests are quick: it finds the next request already queued
 * when it comes back, so no request pays for waking a sleeping thread (on a two-core machine
 * that wake-up doubles the CPU cost of a 4 KiB read). A request that runs for {@code stall}
 * nanoseconds or longer is slow: while most requests are slow, each slow one that finishes
 * with no other thread reading lets one more thread read, and a request that does not finish
 * is found by {@link #tick}, which lets one more read beside it. A thread that finishes a
 * quick request while another is already waiting in {@code read} steps back. So storage that
 * blocks gets as many requests running as the kernel sends (up to {@code max} threads) and
 * fast storage gets one thread.
 *
 * <p>With {@code stall} 0 every thread reads all the time (each request wakes a sleeping one).
 *
 * <p>Counters: {@code active} threads may read; {@code readers} of them are waiting in
 * {@code read} or about to (a thread let in by {@link #tick} is counted from then). Threads
 * that may not read wait in {@link #awaitTurn}.
 */
public final class Readers {

    /** A reader thread's place. */
    public static final class Slot {
        final int index;
        volatile long busySince;
        boolean active;

        Slot(int index) {
            this.index = index;
        }
    }

    /** The least time a request runs before {@link #tick} lets another thread read beside it. */
    public static final long STUCK_NANOS = 2_000_000;

    private final int max;
    private final long stall;
    private final long stuck;
    private final LongSupplier clock;
    private final Slot[] slots;
    private final AtomicInteger joined = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger readers = new AtomicInteger();
    private final Semaphore turns = new Semaphore(0);
    /** Whether each of the last 32 requests was slow (bit 0 the latest); updated without locking. */
    private int recent;
    private volatile boolean closed;
    private volatile boolean monitorIdle;
    private volatile Runnable wakeMonitor = () -> { };
    private long promotions;
    private long retirements;

    /**
     * @param max   the threads there are
     * @param stall nanoseconds a request may hold every reading thread before another reads
     *              too; 0 lets every thread read all the time
     */
    public Readers(int max, long stall, LongSupplier clock) {
        if (max < 1 || stall < 0) {
            throw new IllegalArgumentException("max " + max + ", stall " + stall);
        }
        this.max = max;
        this.stall = stall;
        this.stuck = Math.max(stall, STUCK_NANOS);
        this.clock = clock;
        this.slots = new Slot[max];
    }

    /** Whether a monitor must call {@link #tick}. */
    public boolean adaptive() {
        return stall > 0 && max > 1;
    }

    public long stallNanos() {
        return stall;
    }

    /** How long a request runs before {@link #tick} lets another thread read beside it. */
    public long stuckNanos() {
        return stuck;
    }

    /** Called by a reader thread once, before its first {@link #awaitTurn}. */
    public Slot join() {
        int i = joined.getAndIncrement();
        if (i >= max) {
            throw new IllegalStateException("more than " + max + " reader threads");
        }
        Slot s = new Slot(i);
        slots[i] = s;
        if (!adaptive() || i == 0) {
            s.active = true;
            active.incrementAndGet();
            readers.incrementAndGet();
        }
        return s;
    }

    /**
     * Waits until {@code s} may read. False when the readers are closed: the thread ends.
     */
    public boolean awaitTurn(Slot s) throws InterruptedException {
        while (!s.active) {
            turns.acquire();
            if (closed) {
                turns.release();
                return false;
            }
            s.active = true;
        }
        return !closed;
    }

    /** {@code s} read a request and is about to run it. */
    public void started(Slot s) {
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
     * A slow one, when most of the last 32 were slow too and no other thread is reading, lets
     * one more thread read (one slow request alone is more often a thread that lost its CPU
     * for a while than storage that blocks).
     */
    public boolean finished(Slot s) {
        long took = clock.getAsLong() - s.busySince;
        s.busySince = 0;
        if (adaptive()) {
            boolean slow = took >= stall;
            int bits = recent << 1 | (slow ? 1 : 0);
            recent = bits;
            if (!slow) {
                if (readers.get() > 0) {
                    int a = active.get();
                    if (a > 1 && active.compareAndSet(a, a - 1)) {
                        s.active = false;
                        synchronized (this) {
                            retirements++;
                        }
                        return false;
                    }
                }
            } else if (Integer.bitCount(bits) >= 16 && readers.get() <= 0) {
                letOneMoreRead();
            }
        }
        readers.incrementAndGet();
        return true;
    }

    private void letOneMoreRead() {
        int a = active.get();
        if (!closed && a < Math.min(joined.get(), max) && active.compareAndSet(a, a + 1)) {
            readers.incrementAndGet();
            synchronized (this) {
                promotions++;
            }
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
        int n = Math.min(joined.get(), max);
        for (int i = 0; i < n; i++) {
            Slot s = slots[i];
            if (s == null) {
                continue;
            }
            long since = s.busySince;
            if (since != 0) {
                busy = true;
                if (now - since >= stuck) {
                    stalled = true;
                }
            }
        }
        if (stalled && readers.get() <= 0) {
            letOneMoreRead();
        }
        return busy;
    }

    /**
     * The monitor is about to sleep until a request starts; {@code wake} will be run (once)
     * by the thread that starts one. Returns false, and the monitor should not sleep, when a
     * request is already running.
     */
    public boolean idle(Runnable wake) {
        wakeMonitor = wake;
        monitorIdle = true;
        for (int i = 0; i < Math.min(joined.get(), max); i++) {
            Slot s = slots[i];
            if (s != null && s.busySince != 0) {
                monitorIdle = false;
                return false;
            }
        }
        return true;
    }

    /** The monitor woke up, by {@code wake} or otherwise. */
    public void awake() {
        monitorIdle = false;
    }

    /** Every waiting thread returns false from {@link #awaitTurn}. */
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

    /** Of those, threads waiting in read. */
    public int reading() {
        return readers.get();
    }

    public synchronized long promotions() {
        return promotions;
    }

    public synchronized long retirements() {
        return retirements;
    }
}
