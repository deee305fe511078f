package io.rxlator.runtime.inode;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Typed context slots shared by {@link Inode} and {@link Fd}. Reads are lock-free; writes
 * copy the slot array under the holder's monitor, which is cheap because a translator
 * writes its slot once or a few times in the object's life.
 */
abstract class ContextHolder {

    private static final Object[] NONE = new Object[0];

    private volatile Object[] slots = NONE;

    /** The value in {@code key}'s slot, or null. */
    public final <T> T get(ContextKey<T> key) {
        Object[] s = slots;
        int i = key.index();
        return i < s.length ? key.type().cast(s[i]) : null;
    }

    /** Puts {@code value} in {@code key}'s slot and answers the previous value, or null. */
    public final <T> T put(ContextKey<T> key, T value) {
        Objects.requireNonNull(value, "value");
        synchronized (this) {
            T old = get(key);
            store(key.index(), key.type().cast(value));
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
                store(key.index(), key.type().cast(v));
            }
            return v;
        }
    }

    /** Empties {@code key}'s slot and answers what it held, or null. */
    public final <T> T remove(ContextKey<T> key) {
        synchronized (this) {
            T old = get(key);
            if (old != null) {
                store(key.index(), null);
            }
            return old;
        }
    }

    /** True when no translator has anything in its slot. */
    public final boolean contextIsEmpty() {
        for (Object o : slots) {
            if (o != null) {
                return false;
            }
        }
        return true;
    }

    final void forEachContext(BiConsumer<Integer, Object> action) {
        Object[] s = slots;
        for (int i = 0; i < s.length; i++) {
            if (s[i] != null) {
                action.accept(i, s[i]);
            }
        }
    }

    final synchronized void clearContext() {
        slots = NONE;
    }

    private void store(int index, Object value) {
        Object[] s = slots;
        Object[] n = index < s.length ? s.clone() : Arrays.copyOf(s, index + 1);
        n[index] = value;
        slots = n;
    }
}
