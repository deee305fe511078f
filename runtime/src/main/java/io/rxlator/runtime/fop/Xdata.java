package io.rxlator.runtime.fop;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The extra key/value bag every fop carries both ways (GlusterFS's {@code dict_t xdata}),
 * with typed keys instead of strings scattered around the code.
 *
 * <p>Immutable: {@link #with} returns a new bag, so a request can be handed to several
 * children and each may add its own keys. Sized for the usual case of a handful of
 * entries. Values that arrive from the network under a name no loaded class declares are
 * kept as raw bytes and decoded the first time someone asks with a typed key.
 */
public final class Xdata {

    public static final Xdata EMPTY = new Xdata(new String[0], new Object[0]);

    private final String[] names;
    private final Object[] values;

    private Xdata(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /** A bag with one entry. */
    public static <T> Xdata of(XdataKey<T> key, T value) {
        return EMPTY.with(key, value);
    }

    /**
     * The value of {@code key}, or null when absent.
     *
     * @throws FopException with EINVAL if the entry holds bytes that do not decode as the key's type
     */
    public <T> T get(XdataKey<T> key) {
        int i = indexOf(key.name());
        if (i < 0) {
            return null;
        }
        Object v = values[i];
        if (key.type().isInstance(v)) {
            return key.type().cast(v);
        }
        if (v instanceof Bytes raw) {
            try {
                return key.codec().decode(raw);
            } catch (RuntimeException e) {
                throw FopException.of(Errno.EINVAL, "xdata key '" + key.name() + "' holds " + raw.length()
                        + " bytes that are not a valid " + key.codec() + ": " + e.getMessage());
            }
        }
        throw FopException.of(Errno.EINVAL, "xdata key '" + key.name() + "' holds a " + v.getClass().getSimpleName()
                + ", not a " + key.type().getSimpleName());
    }

    /** The value of {@code key}, or {@code fallback} when absent. */
    public <T> T getOrDefault(XdataKey<T> key, T fallback) {
        T v = get(key);
        return v == null ? fallback : v;
    }

    public boolean contains(XdataKey<?> key) {
        return indexOf(key.name()) >= 0;
    }

    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /** This bag with {@code key} set to {@code value} (replacing any earlier value). */
    public <T> Xdata with(XdataKey<T> key, T value) {
        Objects.requireNonNull(value, "value");
        if (!key.type().isInstance(value)) {
            throw new IllegalArgumentException("xdata key '" + key.name() + "' takes " + key.type().getSimpleName());
        }
        return put(key.name(), value);
    }

    /**
     * This bag with {@code name} set to undecoded bytes, as they came off the wire. A declared
     * key of that name decodes them on {@link #get}.
     */
    public Xdata withRaw(String name, Bytes value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return put(name, value);
    }

    private Xdata put(String name, Object value) {
        int i = indexOf(name);
        if (i >= 0) {
            Object[] vs = values.clone();
            vs[i] = value;
            return new Xdata(names, vs);
        }
        String[] ns = Arrays.copyOf(names, names.length + 1);
        Object[] vs = Arrays.copyOf(values, values.length + 1);
        ns[names.length] = name;
        vs[values.length] = value;
        return new Xdata(ns, vs);
    }

    /** This bag without {@code key}. */
    public Xdata without(XdataKey<?> key) {
        return without(key.name());
    }

    /** This bag without the entry called {@code name}. */
    public Xdata without(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return this;
        }
        if (names.length == 1) {
            return EMPTY;
        }
        String[] ns = new String[names.length - 1];
        Object[] vs = new Object[values.length - 1];
        System.arraycopy(names, 0, ns, 0, i);
        System.arraycopy(values, 0, vs, 0, i);
        System.arraycopy(names, i + 1, ns, i, names.length - i - 1);
        System.arraycopy(values, i + 1, vs, i, values.length - i - 1);
        return new Xdata(ns, vs);
    }

    /** Every entry of {@code other} added to this bag (other's values win). */
    public Xdata merge(Xdata other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Xdata out = this;
        for (int i = 0; i < other.names.length; i++) {
            out = out.put(other.names[i], other.values[i]);
        }
        return out;
    }

    /** The entry names, in insertion order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(names)));
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    /** Hands each entry, in order, to {@code visit} as its name and encoded value (no lookup, no copy of the set). */
    public void forEachEncoded(java.util.function.BiConsumer<String, Bytes> visit) {
        for (int i = 0; i < names.length; i++) {
            visit.accept(names[i], encode(i));
        }
    }

    /**
     * The bytes of the entry called {@code name}, encoded with its key's codec, or null when
     * absent. This is what goes on the wire.
     */
    public Bytes encoded(String name) {
        int i = indexOf(name);
        return i < 0 ? null : encode(i);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Bytes encode(int i) {
        Object v = values[i];
        if (v instanceof Bytes b) {
            return b;
        }
        XdataKey key = XdataKey.known(names[i]);
        if (key == null) {
            throw new IllegalStateException("xdata entry '" + names[i] + "' holds a typed value but no key declares it");
        }
        return key.codec().encode(v);
    }

    private int indexOf(String name) {
        String[] ns = names;
        for (int i = 0; i < ns.length; i++) {
            if (ns[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Equal when both hold the same names with the same encoded values, in any order. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Xdata x) || x.names.length != names.length) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            int j = x.indexOf(names[i]);
            if (j < 0) {
                return false;
            }
            if (!values[i].equals(x.values[j]) && !encode(i).equals(x.encode(j))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < names.length; i++) {
            h += names[i].hashCode() ^ encode(i).hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names[i]).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }
}
