package io.rxlator.fuse.internal;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A reader thread's short wait for the next request without sleeping. A request that finds
 * its reader asleep in {@code read} pays for waking it: on this kind of virtual machine that is
 * the costliest part of a small request, and a client that makes one request after another (a
 * create, a write, a close, a stat, an unlink) pays it on every one of them. So before it
 * sleeps, a reader looks for a queued request for up to {@code budget} nanoseconds.
 *
 * <p>It only pays while requests come that soon. After {@link #MISSES_TO_STOP} looks in a row
 * that found nothing, the reader sleeps straight away, until a sleep ends within the budget
 * again ({@link #slept}), which says that requests come close together once more. So a mount
 * that is idle, or serves requests that come far apart, spends nothing on it. And while the
 * kernel has requests queued anyway (several clients at once), a look is a system call that
 * finds what {@code read} would have found: after {@link #QUEUED_TO_SKIP} looks in a row found
 * a request at once, the reader reads the next {@link #SKIPS} requests without looking, then
 * looks once to see whether that is still so.
 *
 * <p>One per reader thread; not shared.
 */
public final class SpinWait {

    /** Looks in a row that found nothing, after which the reader stops looking. */
    public static final int MISSES_TO_STOP = 16;

    /** Looks in a row whose first poll found a request, after which the reader skips looking. */
    public static final int QUEUED_TO_SKIP = 4;

    /** Requests read without looking, while requests are found already queued. */
    public static final int SKIPS = 32;

    private final long budget;
    private final LongSupplier clock;
    private final BooleanSupplier ready;
    private boolean looking;
    private int missesInARow;
    private int queuedInARow;
    private int skips;
    private long hits;
    private long missed;
    private long skipped;

    /**
     * @param budget nanoseconds to look for before sleeping; 0 never looks
     * @param ready  whether a request is queued (or the device has something else to say, such
     *               as an unmount): a poll with no timeout
     */
    public SpinWait(long budget, LongSupplier clock, BooleanSupplier ready) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget " + budget);
        }
        this.budget = budget;
        this.clock = clock;
        this.ready = ready;
        this.looking = budget > 0;
    }

    /**
     * Looks for a queued request for up to the budget, when looking pays. True: one is there,
     * and {@code read} will not sleep; false: the reader should read (and probably sleep).
     */
    public boolean await() {
        if (!looking) {
            return false;
        }
        if (skips > 0) {
            skips--;
            skipped++;
            return false;
        }
        long end = clock.getAsLong() + budget;
        boolean first = true;
        do {
            if (ready.getAsBoolean()) {
                missesInARow = 0;
                hits++;
                if (!first) {
                    queuedInARow = 0;
                } else if (++queuedInARow >= QUEUED_TO_SKIP) {
                    skips = SKIPS;
                }
                return true;
            }
            first = false;
            Thread.onSpinWait();
        } while (clock.getAsLong() - end < 0);
        missed++;
        queuedInARow = 0;
        if (++missesInARow >= MISSES_TO_STOP) {
            looking = false;
        }
        return false;
    }

    /** The reader slept in {@code read} for {@code nanos}: within the budget, looking pays again. */
    public void slept(long nanos) {
        if (!looking && budget > 0 && nanos <= budget) {
            looking = true;
            missesInARow = 0;
        }
    }

    /** Whether the next {@link #await} looks. */
    public boolean looking() {
        return looking;
    }

    /** Whether it stopped looking and waits to hear of a short sleep ({@link #slept}). */
    public boolean stopped() {
        return !looking && budget > 0;
    }

    /** Looks that found a request. */
    public long hits() {
        return hits;
    }

    /** Requests read without a look, because requests were being found queued. */
    public long skipped() {
        return skipped;
    }

    /** Looks that ran out of budget. */
    public long misses() {
        return missed;
    }
}
