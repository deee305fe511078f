package io.rxlator.xlators.features.negative;

import io.rxlator.runtime.fop.Gfid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The names a directory is known not to hold (negative entries) and, optionally, the complete
 * contents of directories created through this cache (positive entries), bounded by entries and
 * by estimated bytes, least recently used evicted first, each valid for a fixed time.
 *
 * <p>Races between a lookup that comes back ENOENT and a fop that creates that name are closed
 * with stamps: every invalidation takes a number from one sequence and writes it into a slot
 * picked by hashing the name (or the directory, or all); a lookup takes the current number
 * before it winds and may record its ENOENT only if no slot it hashes to moved past that
 * number meanwhile. Hash collisions only skip a recording; they never keep a stale one.
 *
 * <p>All methods are safe to call from any thread; the map and the LRU list share one lock, the
 * stamps are lock-free.
 */
final class NegativeCache {

    /** Estimated heap bytes of an entry beyond its name: key, entry, list links, map node. */
    static final int ENTRY_OVERHEAD = 96;
    /** Estimated heap bytes of a directory's record beyond its names. */
    static final int DIR_OVERHEAD = 128;

    private static final int NAME_SLOTS = 4096;
    private static final int DIR_SLOTS = 1024;

    private final LongSupplier nanos;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLongArray nameStamps = new AtomicLongArray(NAME_SLOTS);
    private final AtomicLongArray dirStamps = new AtomicLongArray(DIR_SLOTS);
    private final AtomicLong allStamp = new AtomicLong();

    private final Object lock = new Object();
    private final Map<Gfid, Dir> dirs = new HashMap<>();
    /** Head of the LRU list: the least recently used negative entry. */
    private Entry eldest;
    private Entry youngest;
    private long entries;
    private long bytes;

    private volatile long ttlNanos;
    private volatile long maxEntries;
    private volatile long maxBytes;

    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder positiveHits = new LongAdder();
    final LongAdder invalidations = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder expirations = new LongAdder();
    final LongAdder recorded = new LongAdder();
    final LongAdder skippedRaces = new LongAdder();

    NegativeCache(LongSupplier nanos, long ttlNanos, long maxEntries, long maxBytes) {
        this.nanos = nanos;
        limits(ttlNanos, maxEntries, maxBytes);
    }

    void limits(long newTtlNanos, long newMaxEntries, long newMaxBytes) {
        ttlNanos = newTtlNanos;
        maxEntries = newMaxEntries;
        maxBytes = newMaxBytes;
        synchronized (lock) {
            shrink();
        }
    }

    /** What a lookup answered by the cache is. */
    enum Verdict {
        /** The name is cached as missing. */
        MISSING,
        /** The directory's contents are known completely and the name is not among them. */
        NOT_IN_COMPLETE_DIR,
        /** Nothing known: ask the child. */
        UNKNOWN
    }

    /** The number a lookup takes before it winds, for {@link #recordMissing}. */
    long stamp() {
        return sequence.get();
    }

    /** What the cache knows of {@code name} in {@code dir}; counts a hit or a miss. */
    Verdict check(Gfid dir, String name) {
        long now = nanos.getAsLong();
        synchronized (lock) {
            Dir d = dirs.get(dir);
            if (d != null) {
                Entry e = d.negative.get(name);
                if (e != null) {
                    if (now - e.born < ttlNanos) {
                        touch(e);
                        hits.increment();
                        return Verdict.MISSING;
                    }
                    remove(d, e);
                    expirations.increment();
                }
                if (d.complete != null) {
                    if (now - d.completeBorn < ttlNanos) {
                        if (!d.complete.contains(name)) {
                            positiveHits.increment();
                            return Verdict.NOT_IN_COMPLETE_DIR;
                        }
                    } else {
                        dropComplete(d);
                        expirations.increment();
                    }
                }
                dropIfEmpty(dir, d);
            }
        }
        misses.increment();
        return Verdict.UNKNOWN;
    }

    /**
     * Records that {@code name} is missing in {@code dir}, as a lookup wound at {@code since}
     * found; nothing is recorded when anything that could have created the name happened since.
     */
    void recordMissing(Gfid dir, String name, long since) {
        if (ttlNanos <= 0 || maxEntries <= 0) {
            return;
        }
        if (!unchangedSince(dir, name, since)) {
            skippedRaces.increment();
            return;
        }
        long now = nanos.getAsLong();
        synchronized (lock) {
            // Checked again under the lock: an invalidation takes the lock after its stamp.
            if (!unchangedSince(dir, name, since)) {
                skippedRaces.increment();
                return;
            }
            Dir d = dirs.computeIfAbsent(dir, g -> {
                bytes += DIR_OVERHEAD;
                return new Dir();
            });
            Entry e = d.negative.get(name);
            if (e != null) {
                e.born = now;
                touch(e);
                return;
            }
            e = new Entry(dir, name, now);
            d.negative.put(name, e);
            link(e);
            entries++;
            bytes += e.bytes;
            recorded.increment();
            shrink();
        }
    }

    /**
     * {@code dir} was just created here and is empty: with positive entries on, every name
     * not later added is known to be missing until the entry expires.
     */
    void recordEmptyDirectory(Gfid dir, long since) {
        if (ttlNanos <= 0 || maxEntries <= 0 || !unchangedSince(dir, "", since)) {
            return;
        }
        long now = nanos.getAsLong();
        synchronized (lock) {
            if (!unchangedSince(dir, "", since)) {
                return;
            }
            Dir d = dirs.computeIfAbsent(dir, g -> {
                bytes += DIR_OVERHEAD;
                return new Dir();
            });
            if (d.complete == null) {
                d.complete = new HashSet<>();
                d.completeBorn = now;
            }
            shrink();
        }
    }

    /**
     * {@code name} now exists in {@code dir} (it was created here): its negative entry goes,
     * and a complete listing of {@code dir} gains it.
     */
    void added(Gfid dir, String name) {
        stampName(dir, name);
        synchronized (lock) {
            Dir d = dropNegative(dir, name);
            if (d != null && d.complete != null && d.complete.add(name)) {
                bytes += nameBytes(name);
                shrink();
            }
        }
    }

    /**
     * {@code name} in {@code dir} is about to change here: its negative entry goes, and lookups
     * already wound may not record one.
     */
    void changing(Gfid dir, String name) {
        stampName(dir, name);
        synchronized (lock) {
            dropNegative(dir, name);
        }
    }

    /** {@code name} may have come into existence in {@code dir} by means the cache cannot follow. */
    void invalidate(Gfid dir, String name) {
        stampName(dir, name);
        synchronized (lock) {
            Dir d = dropNegative(dir, name);
            if (d != null && d.complete != null && !d.complete.contains(name)) {
                dropComplete(d);
                dropIfEmpty(dir, d);
            }
        }
    }

    /**
     * Under the lock: drops the negative entry of {@code name} and, when nothing is left of the
     * directory, its record; returns the record if it is still there.
     */
    private @Nullable Dir dropNegative(Gfid dir, String name) {
        Dir d = dirs.get(dir);
        if (d == null) {
            return null;
        }
        Entry e = d.negative.get(name);
        if (e != null) {
            remove(d, e);
        }
        return dropIfEmpty(dir, d) ? null : d;
    }

    /** A lookup found {@code name} in {@code dir}: a complete listing that lacks it is dropped. */
    void found(Gfid dir, String name) {
        synchronized (lock) {
            Dir d = dirs.get(dir);
            if (d == null || d.complete == null || d.complete.contains(name)) {
                return;
            }
        }
        invalidate(dir, name);
    }

    /** A listing of {@code dir} showed these names: none of them is missing. */
    void listed(Gfid dir, java.util.Collection<String> names) {
        synchronized (lock) {
            for (String n : names) {
                if (n.equals(".") || n.equals("..")) {
                    continue; // in every listing, in no directory's names
                }
                Dir d = dropNegative(dir, n);
                if (d == null) {
                    return;
                }
                if (d.complete != null && !d.complete.contains(n)) {
                    // Another client made it: the listing kept here is not complete after all.
                    dropComplete(d);
                    dropIfEmpty(dir, d);
                }
            }
        }
    }

    long limitBytes() {
        return maxBytes;
    }

    long limitEntries() {
        return maxEntries;
    }

    /**
     * {@code name} was removed from {@code dir} here by a fop wound at {@code since}: it is
     * recorded as missing unless anything touched the name since then (a create of it answered
     * before this removal's answer was handled must win).
     */
    void removed(Gfid dir, String name, long since) {
        synchronized (lock) {
            Dir d = dirs.get(dir);
            if (d != null && d.complete != null && d.complete.remove(name)) {
                bytes -= nameBytes(name);
            }
        }
        recordMissing(dir, name, since);
    }

    /** Everything known about {@code dir} goes (its contents changed in ways not followed). */
    void invalidateDir(Gfid dir) {
        long s = sequence.incrementAndGet();
        dirStamps.accumulateAndGet(dirSlot(dir), s, Math::max);
        invalidations.increment();
        synchronized (lock) {
            Dir d = dirs.get(dir);
            if (d != null) {
                clearDir(dir, d);
            }
        }
    }

    /** Everything goes (the child went down or came up). */
    void invalidateAll() {
        allStamp.accumulateAndGet(sequence.incrementAndGet(), Math::max);
        invalidations.increment();
        synchronized (lock) {
            dirs.clear();
            eldest = null;
            youngest = null;
            entries = 0;
            bytes = 0;
        }
    }

    /** Forgets every complete listing (positive entries were turned off); negative entries stay. */
    void dropCompleteListings() {
        synchronized (lock) {
            for (var it = dirs.entrySet().iterator(); it.hasNext();) {
                Dir d = it.next().getValue();
                dropComplete(d);
                if (d.negative.isEmpty()) {
                    it.remove();
                    bytes -= DIR_OVERHEAD;
                }
            }
        }
    }

    /** Removes entries that have expired; returns how many went. */
    int prune() {
        long now = nanos.getAsLong();
        long ttl = ttlNanos;
        int n = 0;
        synchronized (lock) {
            // The list is in order of last use, not of birth, so every entry is looked at.
            List<Gfid> emptied = new ArrayList<>();
            for (Map.Entry<Gfid, Dir> de : dirs.entrySet()) {
                Dir d = de.getValue();
                for (var it = d.negative.values().iterator(); it.hasNext(); ) {
                    Entry e = it.next();
                    if (now - e.born >= ttl) {
                        it.remove();
                        unlink(e);
                        entries--;
                        bytes -= e.bytes;
                        n++;
                    }
                }
                if (d.complete != null && now - d.completeBorn >= ttl) {
                    dropComplete(d);
                    n++;
                }
                if (d.negative.isEmpty() && d.complete == null) {
                    emptied.add(de.getKey());
                }
            }
            for (Gfid g : emptied) {
                dirs.remove(g);
                bytes -= DIR_OVERHEAD;
            }
        }
        expirations.add(n);
        return n;
    }

    /** Negative entries held. */
    long entries() {
        synchronized (lock) {
            return entries;
        }
    }

    /** Estimated bytes held. */
    long bytes() {
        synchronized (lock) {
            return bytes;
        }
    }

    /** Directories with anything cached. */
    int directories() {
        synchronized (lock) {
            return dirs.size();
        }
    }

    /** Directories whose complete contents are known. */
    int completeDirectories() {
        synchronized (lock) {
            int n = 0;
            for (Dir d : dirs.values()) {
                if (d.complete != null) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Whether {@code name} in {@code dir} is held as missing (expired or not); for statedumps and tests. */
    boolean holds(Gfid dir, String name) {
        synchronized (lock) {
            Dir d = dirs.get(dir);
            return d != null && d.negative.containsKey(name);
        }
    }

    /**
     * Whether the complete contents of {@code dir} are known, and if so the name among them that
     * equals {@code name} ignoring case (GlusterFS's {@code get_real_filename}): the name, ""
     * when none does, null when the contents are not known.
     */
    String realName(Gfid dir, String name) {
        long now = nanos.getAsLong();
        synchronized (lock) {
            Dir d = dirs.get(dir);
            if (d == null || d.complete == null || now - d.completeBorn >= ttlNanos) {
                return null;
            }
            for (String n : d.complete) {
                if (n.equalsIgnoreCase(name)) {
                    return n;
                }
            }
            return "";
        }
    }

    // ---- internals (under the lock unless said) ----

    private boolean unchangedSince(Gfid dir, String name, long since) {
        return allStamp.get() <= since
                && dirStamps.get(dirSlot(dir)) <= since
                && nameStamps.get(nameSlot(dir, name)) <= since;
    }

    /**
     * Not under the lock; returns the stamp taken. A lookup that reads the sequence between
     * the increment and the marks counts as wound after this change, as it would after the
     * marks: only the stamp a fop takes again when it is answered keeps a miss it raced with
     * from being recorded.
     */
    private long stampName(Gfid dir, String name) {
        long s = sequence.incrementAndGet();
        nameStamps.accumulateAndGet(nameSlot(dir, name), s, Math::max);
        // A complete listing is keyed by the directory alone ("" stands for it).
        nameStamps.accumulateAndGet(nameSlot(dir, ""), s, Math::max);
        invalidations.increment();
        return s;
    }

    private static int nameSlot(Gfid dir, String name) {
        int h = dir.hashCode() * 31 + name.hashCode();
        h ^= h >>> 16;
        return h & (NAME_SLOTS - 1);
    }

    private static int dirSlot(Gfid dir) {
        int h = dir.hashCode();
        h ^= h >>> 16;
        return h & (DIR_SLOTS - 1);
    }

    static int nameBytes(String name) {
        return 40 + 2 * name.length();
    }

    private void clearDir(Gfid dir, Dir d) {
        for (Entry e : d.negative.values()) {
            unlink(e);
            entries--;
            bytes -= e.bytes;
        }
        d.negative.clear();
        dropComplete(d);
        dirs.remove(dir);
        bytes -= DIR_OVERHEAD;
    }

    private void dropComplete(Dir d) {
        if (d.complete != null) {
            for (String n : d.complete) {
                bytes -= nameBytes(n);
            }
            d.complete = null;
        }
    }

    /** Removes the record of {@code dir} when it holds nothing; answers whether it did. */
    private boolean dropIfEmpty(Gfid dir, Dir d) {
        if (d.negative.isEmpty() && d.complete == null) {
            dirs.remove(dir);
            bytes -= DIR_OVERHEAD;
            return true;
        }
        return false;
    }

    private void remove(Dir d, Entry e) {
        d.negative.remove(e.name);
        unlink(e);
        entries--;
        bytes -= e.bytes;
    }

    /** Evicts least recently used entries (and then complete listings) until within both limits. */
    private void shrink() {
        while ((entries > maxEntries || bytes > maxBytes) && eldest != null) {
            Entry e = eldest;
            Dir d = dirs.get(e.dir);
            remove(d, e);
            dropIfEmpty(e.dir, d);
            evictions.increment();
        }
        if (bytes > maxBytes) {
            for (var it = dirs.entrySet().iterator(); it.hasNext() && bytes > maxBytes; ) {
                Dir d = it.next().getValue();
                if (d.complete != null) {
                    dropComplete(d);
                    evictions.increment();
                }
                if (d.negative.isEmpty() && d.complete == null) {
                    it.remove();
                    bytes -= DIR_OVERHEAD;
                }
            }
        }
    }

    private void link(Entry e) {
        e.older = youngest;
        e.younger = null;
        if (youngest != null) {
            youngest.younger = e;
        } else {
            eldest = e;
        }
        youngest = e;
    }

    private void unlink(Entry e) {
        if (e.older != null) {
            e.older.younger = e.younger;
        } else {
            eldest = e.younger;
        }
        if (e.younger != null) {
            e.younger.older = e.older;
        } else {
            youngest = e.older;
        }
        e.older = null;
        e.younger = null;
    }

    private void touch(Entry e) {
        if (youngest != e) {
            unlink(e);
            link(e);
        }
    }

    private static final class Dir {
        final Map<String, Entry> negative = new HashMap<>(4);
        /** The directory's names, when they are known completely; else null. */
        Set<String> complete;
        long completeBorn;
    }

    private static final class Entry {
        final Gfid dir;
        final String name;
        final int bytes;
        long born;
        Entry older;
        Entry younger;

        Entry(Gfid dir, String name, long born) {
            this.dir = dir;
            this.name = name;
            this.born = born;
            this.bytes = ENTRY_OVERHEAD + nameBytes(name);
        }
    }
}
