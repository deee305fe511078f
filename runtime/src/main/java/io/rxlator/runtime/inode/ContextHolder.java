package io.rxlator.runtime.inode;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Typed context slots shared by {@link Inode} and {@link Fd}. Reads are lock-free; writes
 * copy the slot array under the holder's monitor, which is cheap because a translator writes
 * its slot once or a few times in the object's life.
 *
 * <p>Each slot remembers the key that wrote it, so when a closed graph's slot number is
 * reused by a new graph's translator, values the old one left behind (on fds, for instance)
 * are never seen through the new key.
 */
abstract class ContextHolder {

    private static final Object[] NONE = new Object[0];

    /** Key of slot i at 2i, its value at 2i + 1. */
    private volatile Object[] slots = NONE;

    /** The value in {@code key}'s slot, or null. */
    public final <T> T get(ContextKey<T> key) {
        Object[] s = slots;
        int i = 2 * key.index();
        return i + 1 < s.length && s[i] == key ? key.type().cast(s[i + 1]) : null;
    }

    /** Puts {@code value} in {@code key}'s slot and answers the previous value, or null. */
    public final <T> T put(ContextKey<T> key, T value) {
        Objects.requireNonNull(value, "value");
        synchronized (this) {
            T old = get(key);
            store(key, key.type().cast(value));
            return old;
        }
    }

    /** The value in {@code key}'s slot, computing and storing it first if the slot is empty. */
    public final <T> T computeIfAbsent(ContextKey<T> key, Supplier<? extends T> compute) {
        T v = get(key);
        if (v != null) {
            return v;
        }
        synchronized (this) {
            v = get(key);
            if (v == null) {
                v = Objects.requireNonNull(compute.get(), "computed context value");
                store(key, key.type().cast(v));
            }
            return v;
        }
    }

    /** Empties {@code key}'s slot and answers what it held, or null. */
    public final <T> T remove(ContextKey<T> key) {
        synchronized (this) {
            T old = get(key);
            if (old != null) {
                store(key, null);
            }
            return old;
        }
    }

    /** True when no translator has anything in its slot. */
    public final boolean contextIsEmpty() {
        Object[] s = slots;
        for (int i = 1; i < s.length; i += 2) {
            if (s[i] != null) {
                return false;
            }
        }
        return true;
    }

    final synchronized void clearContext() {
        slots = NONE;
    }

    private void store(ContextKey<?> key, Object value) {
        Object[] s = slots;
        int i = 2 * key.index();
        Object[] n = i + 1 < s.length ? s.clone() : java.util.Arrays.copyOf(s, i + 2);
        n[i] = value == null ? null : key;
        n[i + 1] = value;
        slots = n;
    }
}
