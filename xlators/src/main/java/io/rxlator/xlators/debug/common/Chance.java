package io.rxlator.xlators.debug.common;

import io.rxlator.runtime.fop.FopType;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The dice of the fault and delay injectors: a seeded generator (seed 0 takes one from the
 * clock), safe for concurrent callers, and fop selections as lookup tables.
 */
public final class Chance {

    private final SplittableRandom random;

    public Chance(long seed) {
        this.random = new SplittableRandom(seed == 0 ? System.nanoTime() ^ 0x9E3779B97F4A7C15L : seed);
    }

    /** True with probability {@code percent}/100. */
    public boolean hits(double percent) {
        if (percent <= 0) {
            return false;
        }
        if (percent >= 100) {
            return true;
        }
        return nextDouble() * 100 < percent;
    }

    public synchronized double nextDouble() {
        return random.nextDouble();
    }

    public synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A table indexed by fop ordinal: the fops in {@code fops}, or all when it is empty. */
    public static boolean[] selection(@Nullable Set<FopType> fops) {
        if (fops == null) {
            fops = Set.of();
        }
        boolean[] out = new boolean[FopType.values().length];
        for (FopType t : FopType.values()) {
            out[t.ordinal()] = fops.isEmpty() || fops.contains(t);
        }
        return out;
    }
}
