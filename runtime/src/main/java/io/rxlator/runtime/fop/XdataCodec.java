package io.rxlator.runtime.fop;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the value of an {@link XdataKey} becomes bytes and back, for the wire and for keys
 * that arrive before their Java declaration is loaded.
 *
 * @param <T> the Java type of the value
 */
public final class XdataCodec<T> {

    /** UTF-8 text. */
    public static final XdataCodec<String> STRING = new XdataCodec<>("string", String.class,
            Bytes::utf8, Bytes::utf8);

    /** A signed 32-bit integer, big-endian. */
    public static final XdataCodec<Integer> INT32 = new XdataCodec<>("int32", Integer.class,
            v -> Bytes.wrap(ByteBuffer.allocate(4).putInt(v).array()),
            b -> exact(b, 4, "int32").getInt());

    /** A signed 64-bit integer, big-endian. */
    public static final XdataCodec<Long> INT64 = new XdataCodec<>("int64", Long.class,
            v -> Bytes.wrap(ByteBuffer.allocate(8).putLong(v).array()),
            b -> exact(b, 8, "int64").getLong());

    /** A flag: one byte, 0 or 1. */
    public static final XdataCodec<Boolean> BOOL = new XdataCodec<>("bool", Boolean.class,
            v -> Bytes.of((byte) (v ? 1 : 0)),
            b -> exact(b, 1, "bool").get() != 0);

    /** Raw bytes. */
    public static final XdataCodec<Bytes> BYTES = new XdataCodec<>("bytes", Bytes.class,
            Function.identity(), Function.identity());

    /** A gfid: 16 raw bytes. */
    public static final XdataCodec<Gfid> GFID = new XdataCodec<>("gfid", Gfid.class,
            g -> Bytes.wrap(g.toBytes()),
            b -> Gfid.fromBytes(b.toByteArray()));

    private final String name;
    private final Class<T> type;
    private final Function<T, Bytes> encoder;
    private final Function<Bytes, T> decoder;

    private XdataCodec(String name, Class<T> type, Function<T, Bytes> encoder, Function<Bytes, T> decoder) {
        this.name = name;
        this.type = type;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    /** A codec for a type of your own. */
    public static <T> XdataCodec<T> of(String name, Class<T> type, Function<T, Bytes> encoder, Function<Bytes, T> decoder) {
        return new XdataCodec<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(encoder, "encoder"), Objects.requireNonNull(decoder, "decoder"));
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public Bytes encode(T value) {
        return encoder.apply(value);
    }

    /**
     * @throws IllegalArgumentException if the bytes are not a valid encoding
     */
    public T decode(Bytes bytes) {
        return decoder.apply(bytes);
    }

    private static ByteBuffer exact(Bytes b, int n, String what) {
        if (b.length() != n) {
            throw new IllegalArgumentException(what + " needs " + n + " bytes, got " + b.length());
        }
        return b.asReadOnlyBuffer();
    }

    @Override
    public String toString() {
        return name;
    }
}
