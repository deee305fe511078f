package io.rxlator.xlators.protocol.wire;

import io.rxlator.runtime.fop.Bytes;
import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.Iovec;
import io.rxlator.runtime.fop.LkOwner;
import io.rxlator.runtime.fop.Loc;
import io.rxlator.runtime.fop.Xattrs;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one codec of every fop request and reply. Requests and replies are records; each is
 * written component by component in declaration order, so the codec covers the whole fop
 * table by construction and a new fop needs nothing here. Values of the fop model have codecs
 * of their own; references to inodes and fds go through a {@link Context}, since they mean
 * different objects on each side of a connection.
 *
 * <p>A reference-typed component is preceded by a presence byte. Decoding never trusts a length:
 * counts are checked against the bytes left, text must be UTF-8, enums must be in range, and a
 * value a record refuses (its constructor throws) is reported as a {@link WireException} naming
 * the record and component.
 */
public final class FopCodec {

    /** How inodes and fds travel: by gfid and by a number each side agrees on. */
    public interface Context {
        void writeInode(WireWriter w, Inode inode);

        Inode readInode(WireReader r);

        void writeFd(WireWriter w, Fd fd);

        Fd readFd(WireReader r);

        /** The loc as it goes out; a client fills in the gfids its inodes know. */
        default Loc outgoing(Loc loc) {
            return loc;
        }
    }

    /** Writes and reads one type of value. */
    interface Codec<T> {
        void write(WireWriter w, T value, Context ctx);

        T read(WireReader r, Context ctx);

        /** Whether a null may stand for a value (reference types). */
        default boolean nullable() {
            return true;
        }
    }

    private static final Map<Type, Codec<?>> CODECS = new ConcurrentHashMap<>();

    static {
        CODECS.put(int.class, primitive((w, v, c) -> w.i32((Integer) v), (r, c) -> r.i32()));
        CODECS.put(long.class, primitive((w, v, c) -> w.i64((Long) v), (r, c) -> r.i64()));
        CODECS.put(boolean.class, primitive((w, v, c) -> w.bool((Boolean) v), (r, c) -> r.bool()));
        CODECS.put(short.class, primitive((w, v, c) -> w.i16((Short) v), (r, c) -> r.i16()));
        CODECS.put(byte.class, primitive((w, v, c) -> w.i8((Byte) v), (r, c) -> r.i8()));
        CODECS.put(double.class, primitive((w, v, c) -> w.i64(Double.doubleToRawLongBits((Double) v)),
                (r, c) -> Double.longBitsToDouble(r.i64())));
        CODECS.put(String.class, codec((w, v, c) -> w.string((String) v), (r, c) -> r.string()));
        CODECS.put(Gfid.class, codec((w, v, c) -> {
            Gfid g = (Gfid) v;
            w.i64(g.high()).i64(g.low());
        }, (r, c) -> Gfid.of(r.i64(), r.i64())));
        CODECS.put(Bytes.class, codec((w, v, c) -> w.bytes((Bytes) v), (r, c) -> Bytes.wrap(r.bytes())));
        // Data is referenced when written and a view of the frame when read: each frame's body is
        // a buffer of its own, so a read Iovec shares it with nobody.
        CODECS.put(Iovec.class, codec((w, v, c) -> {
            Iovec iov = (Iovec) v;
            ByteBuffer[] segments = new ByteBuffer[iov.segmentCount()];
            for (int i = 0; i < segments.length; i++) {
                segments[i] = iov.segment(i);
            }
            w.data(iov.length(), segments);
        }, (r, c) -> Iovec.wrap(r.view())));
        CODECS.put(Xattrs.class, codec((w, v, c) -> {
            Map<String, Bytes> m = ((Xattrs) v).asMap();
            w.i32(m.size());
            for (var e : m.entrySet()) {
                w.string(e.getKey());
                w.bytes(e.getValue());
            }
        }, (r, c) -> {
            int n = r.count(8);
            Map<String, Bytes> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                // Names and values beyond the system's limits travel as they are: storage answers
                // them with ERANGE or E2BIG, as it would locally; the frame limit bounds them here.
                String name = r.string();
                if (m.put(name, Bytes.wrap(r.bytes())) != null) {
                    throw r.fail("xattr '" + name + "' appears twice");
                }
            }
            return Xattrs.of(m);
        }));
        CODECS.put(Xdata.class, codec((w, v, c) -> {
            Xdata x = (Xdata) v;
            w.i32(x.size());
            x.forEachEncoded((name, value) -> w.string(name).bytes(value));
        }, (r, c) -> {
            int n = r.count(8);
            Xdata x = Xdata.EMPTY;
            for (int i = 0; i < n; i++) {
                String name = r.string();
                if (x.contains(name)) {
                    throw r.fail("xdata key '" + name + "' appears twice");
                }
                x = x.withRaw(name, Bytes.wrap(r.bytes()));
            }
            return x;
        }));
        CODECS.put(CallContext.class, codec((w, v, c) -> {
            CallContext cc = (CallContext) v;
            w.i32(cc.uid()).i32(cc.gid());
            w.i32(cc.groupCount());
            for (int i = 0; i < cc.groupCount(); i++) {
                w.i32(cc.group(i));
            }
            w.i32(cc.pid());
            of(LkOwner.class).write(w, cc.lkOwner(), c);
            w.string(cc.clientId());
            w.i64(cc.unique());
        }, (r, c) -> {
            int uid = r.i32();
            int gid = r.i32();
            int n = r.count(4);
            int[] groups = new int[n];
            for (int i = 0; i < n; i++) {
                groups[i] = r.i32();
            }
            int pid = r.i32();
            LkOwner owner = FopCodec.<LkOwner>of(LkOwner.class).read(r, c);
            return CallContext.of(uid, gid, groups, pid, owner, r.string(), r.i64());
        }));
        CODECS.put(Inode.class, codec((w, v, c) -> c.writeInode(w, (Inode) v), (r, c) -> c.readInode(r)));
        CODECS.put(Fd.class, codec((w, v, c) -> c.writeFd(w, (Fd) v), (r, c) -> c.readFd(r)));
    }

    private FopCodec() {
    }

    // ---- the entry points ----

    /** Writes a request's fields (its fop number travels in the frame header). */
    public static void writeRequest(WireWriter w, FopRequest<?> request, Context ctx) {
        write(w, request, ctx);
    }

    /** Reads the request of fop {@code type}; the whole body must be used. */
    public static FopRequest<?> readRequest(WireReader r, FopType type, Context ctx) {
        FopRequest<?> req = (FopRequest<?>) of(type.requestType()).read(r, ctx);
        r.field(type.glusterName()).end();
        return req;
    }

    /** "LOOKUP reply", ...: what a reply with bytes left over is called, made once. */
    private static final String[] REPLY_FIELD = java.util.Arrays.stream(FopType.values())
            .map(t -> t.glusterName() + " reply").toArray(String[]::new);

    public static void writeReply(WireWriter w, FopReply reply, Context ctx) {
        write(w, reply, ctx);
    }

    public static FopReply readReply(WireReader r, FopType type, Context ctx) {
        FopReply reply = (FopReply) of(type.replyType()).read(r, ctx);
        r.field(REPLY_FIELD[type.ordinal()]).end();
        return reply;
    }

    @SuppressWarnings("unchecked")
    private static void write(WireWriter w, Object record, Context ctx) {
        ((Codec<Object>) of(record.getClass())).write(w, record, ctx);
    }

    // ---- codecs by type ----

    @SuppressWarnings("unchecked")
    static <T> Codec<T> of(Type type) {
        Codec<?> c = CODECS.get(type);
        if (c == null) {
            c = make(type);
            Codec<?> raced = CODECS.putIfAbsent(type, c);
            if (raced != null) {
                c = raced;
            }
        }
        return (Codec<T>) c;
    }

    private static Codec<?> make(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return list(p.getActualTypeArguments()[0]);
        }
        if (type instanceof Class<?> k) {
            if (k.isEnum()) {
                return enumCodec(k);
            }
            if (k.isRecord()) {
                return new RecordCodec(k);
            }
        }
        throw new IllegalStateException("no wire codec for " + type);
    }

    private static Codec<?> enumCodec(Class<?> k) {
        Object[] constants = k.getEnumConstants();
        return codec((w, v, c) -> w.i16(((Enum<?>) v).ordinal()), (r, c) -> {
            int i = r.i16();
            if (i < 0 || i >= constants.length) {
                throw r.fail(k.getSimpleName() + " " + i + " is not one of the " + constants.length + " known");
            }
            return constants[i];
        });
    }

    private static Codec<?> list(Type element) {
        return codec((w, v, c) -> {
            List<?> l = (List<?>) v;
            Codec<Object> e = of(element);
            w.i32(l.size());
            for (Object o : l) {
                writeValue(w, e, o, c);
            }
        }, (r, c) -> {
            Codec<Object> e = of(element);
            int n = r.count(1);
            List<Object> out = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                out.add(readValue(r, e, c));
            }
            return List.copyOf(out);
        });
    }

    private static void writeValue(WireWriter w, Codec<Object> codec, @Nullable Object v, Context ctx) {
        if (v instanceof Loc loc && ctx != null) {
            v = ctx.outgoing(loc);
        }
        if (codec.nullable()) {
            w.bool(v != null);
            if (v == null) {
                return;
            }
        }
        codec.write(w, v, ctx);
    }

    private static @Nullable Object readValue(WireReader r, Codec<Object> codec, Context ctx) {
        if (codec.nullable() && !r.present()) {
            return null;
        }
        try {
            return codec.read(r, ctx);
        } catch (WireException e) {
            throw e;
        } catch (RuntimeException e) {
            // A value type refused what it was given (a bad xattr name, a bad owner).
            throw r.fail("refused: " + e.getMessage());
        }
    }

    /** A record, component by component. */
    private static final class RecordCodec implements Codec<Object> {
        private final Class<?> type;
        private final String[] names;
        private final Type[] types;
        private final MethodHandle[] accessors;
        private final MethodHandle constructor;
        private volatile Codec<Object>[] codecs;

        RecordCodec(Class<?> type) {
            this.type = type;
            RecordComponent[] rc = type.getRecordComponents();
            names = new String[rc.length];
            types = new Type[rc.length];
            accessors = new MethodHandle[rc.length];
            Class<?>[] raw = new Class<?>[rc.length];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try {
                for (int i = 0; i < rc.length; i++) {
                    names[i] = type.getSimpleName() + "." + rc[i].getName();
                    types[i] = rc[i].getGenericType();
                    raw[i] = rc[i].getType();
                    accessors[i] = lookup.unreflect(rc[i].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
                }
                constructor = lookup.findConstructor(type, MethodType.methodType(void.class, raw))
                        .asSpreader(Object[].class, rc.length).asType(MethodType.methodType(Object.class, Object[].class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("record " + type + " cannot be encoded: " + e, e);
            }
        }

        @SuppressWarnings("unchecked")
        private Codec<Object>[] codecs() {
            Codec<Object>[] c = codecs;
            if (c == null) {
                c = new Codec[types.length];
                for (int i = 0; i < types.length; i++) {
                    c[i] = of(types[i]);
                }
                codecs = c;
            }
            return c;
        }

        @Override
        public void write(WireWriter w, Object value, Context ctx) {
            Codec<Object>[] c = codecs();
            try {
                for (int i = 0; i < c.length; i++) {
                    writeValue(w, c[i], accessors[i].invokeExact(value), ctx);
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Object read(WireReader r, Context ctx) {
            Codec<Object>[] c = codecs();
            Object[] args = new Object[c.length];
            for (int i = 0; i < c.length; i++) {
                r.field(names[i]); // "Record.component", made once, named in any failure
                args[i] = readValue(r, c[i], ctx);
            }
            try {
                return constructor.invokeExact(args);
            } catch (WireException e) {
                throw e;
            } catch (RuntimeException e) {
                throw r.field(type.getSimpleName()).fail("refused: " + e.getMessage());
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- helpers ----

    interface Writer {
        void write(WireWriter w, Object v, Context c);
    }

    interface Reader {
        Object read(WireReader r, Context c);
    }

    private static Codec<Object> codec(Writer writer, Reader reader) {
        return new Codec<>() {
            @Override
            public void write(WireWriter w, Object value, Context ctx) {
                writer.write(w, value, ctx);
            }

            @Override
            public Object read(WireReader r, Context ctx) {
                return reader.read(r, ctx);
            }
        };
    }

    private static Codec<Object> primitive(Writer writer, Reader reader) {
        return new Codec<>() {
            @Override
            public void write(WireWriter w, Object value, Context ctx) {
                writer.write(w, value, ctx);
            }

            @Override
            public Object read(WireReader r, Context ctx) {
                return reader.read(r, ctx);
            }

            @Override
            public boolean nullable() {
                return false;
            }
        };
    }
}
