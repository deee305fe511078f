package io.rxlator.runtime.fop;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A typed key of {@link Xdata}: the dict key GlusterFS uses on the wire and the Java type of
 * its value. Declare each key once, as a constant next to the code that owns it:
 *
 * <pre>{@code
 * public static final XdataKey<Gfid> GFID_REQ = XdataKey.of("gfid-req", XdataCodec.GFID);
 * }</pre>
 *
 * <p>Keys are equal when their names are. Declaring two keys with one name and different
 * codecs is a programming error and fails at class initialisation.
 *
 * @param <T> the value's Java type
 */
public final class XdataKey<T> {

    private static final ConcurrentHashMap<String, XdataKey<?>> KNOWN = new ConcurrentHashMap<>();

    private final String name;
    private final XdataCodec<T> codec;

    private XdataKey(String name, XdataCodec<T> codec) {
        this.name = name;
        this.codec = codec;
    }

    /**
     * The key named {@code name} with values coded by {@code codec}.
     *
     * @throws IllegalStateException if the name is already declared with another codec
     */
    @SuppressWarnings("unchecked")
    public static <T> XdataKey<T> of(String name, XdataCodec<T> codec) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codec, "codec");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty xdata key name");
        }
        XdataKey<?> existing = KNOWN.computeIfAbsent(name, n -> new XdataKey<>(n, codec));
        if (existing.codec != codec) {
            throw new IllegalStateException("xdata key '" + name + "' is declared as " + existing.codec
                    + " and again as " + codec);
        }
        return (XdataKey<T>) existing;
    }

    /** The declared key with this name, or null if no loaded class declares it. */
    public static XdataKey<?> known(String name) {
        return KNOWN.get(name);
    }

    public String name() {
        return name;
    }

    public XdataCodec<T> codec() {
        return codec;
    }

    public Class<T> type() {
        return codec.type();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XdataKey<?> k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + ":" + codec;
    }
}
