package io.rxlator.runtime.fop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Extended attributes by name, in the order they were added: the dict of {@code setxattr},
 * {@code getxattr}, {@code xattrop} and {@code put}. Values are raw bytes. Immutable.
 */
public final class Xattrs {

    public static final Xattrs EMPTY = new Xattrs(Map.of());

    /** Linux's limit on an attribute name ({@code XATTR_NAME_MAX}). */
    public static final int NAME_MAX = 255;
    /** Linux's limit on one attribute value ({@code XATTR_SIZE_MAX}). */
    public static final int VALUE_MAX = 65536;

    private final Map<String, Bytes> entries;

    private Xattrs(Map<String, Bytes> entries) {
        this.entries = entries;
    }

    /** One attribute. */
    public static Xattrs of(String name, Bytes value) {
        return builder().put(name, value).build();
    }

    /** The given attributes, in the map's iteration order. */
    public static Xattrs of(Map<String, Bytes> entries) {
        Builder b = builder();
        entries.forEach(b::put);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value of {@code name}, or null. */
    public Bytes get(String name) {
        return entries.get(name);
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    public Set<String> names() {
        return entries.keySet();
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A read-only view of the attributes. */
    public Map<String, Bytes> asMap() {
        return entries;
    }

    /** These attributes with {@code name} set to {@code value}. */
    public Xattrs with(String name, Bytes value) {
        return builder().putAll(this).put(name, value).build();
    }

    /** These attributes without {@code name}. */
    public Xattrs without(String name) {
        if (!entries.containsKey(name)) {
            return this;
        }
        Builder b = builder();
        entries.forEach((k, v) -> {
            if (!k.equals(name)) {
                b.put(k, v);
            }
        });
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Xattrs x && x.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /** Collects attributes; a later put of the same name replaces the value in place. */
    public static final class Builder {
        private final LinkedHashMap<String, Bytes> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds or replaces {@code name}. Names are checked by whoever stores them (ERANGE, EINVAL). */
        public Builder put(String name, Bytes value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            entries.put(name, value);
            return this;
        }

        public Builder putAll(Xattrs other) {
            entries.putAll(other.entries);
            return this;
        }

        public Xattrs build() {
            return entries.isEmpty() ? EMPTY : new Xattrs(Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
        }
    }
}
