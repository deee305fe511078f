package io.rxlator.runtime.fop;

import io.rxlator.runtime.internal.SpareArrays;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The data of a {@code readv} reply or a {@code writev} request: one or more byte segments
 * read as one sequence (GlusterFS's iovec array plus its iobref).
 *
 * <p>An {@code Iovec} has one owner at a time and nobody counts references: whoever builds
 * one hands it to the next translator and does not write to the memory behind it again.
 * Its segments are handed out as read-only views, so any number of readers may look at it
 * while it is in flight (a replicating translator sends the same {@code Iovec} to every
 * child). A translator that changes data builds a new one ({@link #transform}).
 *
 * <p>A terminal may <em>lend</em> a reply's array ({@link #borrow}, {@link #lend}) instead of
 * giving it away, so that a stream of reads goes through the same few arrays, which stay in the
 * CPU's caches, instead of a fresh array each. The reply's last consumer (the FUSE bridge, once
 * the kernel has the data) gives the array back with {@link #release}, and the next read on
 * that thread fills it again. So data from a reply is only good until that reply has been
 * answered: a translator that holds it longer (a cache, a read-ahead) calls {@link #keep}
 * first, which costs nothing and makes the array its own. Reading a lent Iovec, or a slice of
 * it, after its array was given back throws {@link IllegalStateException} instead of answering
 * another read's bytes; a view already taken with {@link #segment} or {@link #asByteBuffer}
 * cannot be checked, and is only good for as long as its Iovec.
 */
public final class Iovec {

    public static final Iovec EMPTY = new Iovec(new ByteBuffer[0], 0, null);

    static {
        // Bridges reach the memory behind the segments (to hand it to the kernel without a copy).
        io.rxlator.runtime.internal.IovecSegments.install((v, i) -> v.live().segments[i].duplicate());
    }

    /** Maps one byte to another, for {@link #transform}. */
    @FunctionalInterface
    public interface ByteMapper {
        byte map(byte b);
    }

    private final ByteBuffer[] segments;
    private final int length;
    /** The loan of the array behind the segments; null when the memory is simply owned. */
    private final @Nullable Lease lease;

    private Iovec(ByteBuffer[] segments, int length, @Nullable Lease lease) {
        this.segments = segments;
        this.length = length;
        this.lease = lease;
    }

    /**
     * An array of exactly {@code length} bytes of reply data, to be filled and then
     * passed to {@link #lend}: one that an earlier reply's consumer gave back on this thread when
     * there is one, else a new one. Its contents are unspecified, so the caller must write every
     * byte it lends.
     */
    public static byte[] borrow(int length) {
        return SpareArrays.take(length);
    }

    /**
     * The first {@code length} bytes of {@code array}, which came from {@link #borrow}, lent to
     * whoever consumes the reply: the caller must not touch the array again. A short read (less
     * than half the array) is copied instead and the array goes back at once, so that a kept
     * reply does not hold a large array for a few bytes.
     */
    public static Iovec lend(byte[] array, int length) {
        Objects.checkFromIndexSize(0, length, array.length);
        if (length < array.length / 2) {
            Iovec copy = of(array, 0, length);
            SpareArrays.give(array);
            return copy;
        }
        return new Iovec(new ByteBuffer[] {ByteBuffer.wrap(array, 0, length)}, length, new Lease(array));
    }

    /**
     * This Iovec, made safe to hold past the reply it came in: a lent array becomes the
     * holder's, and nobody gives it back. Free, and harmless on an Iovec that was never lent.
     *
     * @throws IllegalStateException when the array was already given back
     */
    public Iovec keep() {
        if (lease != null && !lease.compareAndSet(Lease.LENT, Lease.KEPT) && lease.get() == Lease.RETURNED) {
            throw lease.returned();
        }
        return this;
    }

    /**
     * Said by the last consumer of a reply once it is done with the data (the bytes are in the
     * kernel, or copied out): a lent array goes back to this thread's spares, for the next read.
     * Does nothing for an Iovec that was never lent, was kept, or was released before; releasing
     * any slice of a lent Iovec releases the whole array.
     */
    public void release() {
        if (lease != null && lease.compareAndSet(Lease.LENT, Lease.RETURNED)) {
            SpareArrays.give(lease.array);
        }
    }

    /** Whether this Iovec's array is on loan: {@link #release} would give it back. */
    public boolean isLent() {
        return lease != null && lease.get() == Lease.LENT;
    }

    private Iovec live() {
        if (lease != null && lease.get() == Lease.RETURNED) {
            throw lease.returned();
        }
        return this;
    }

    /** A loan's state: lent, kept by a holder, or given back. */
    @SuppressWarnings("serial")
    private static final class Lease extends AtomicInteger {
        static final int LENT = 0;
        static final int KEPT = 1;
        static final int RETURNED = 2;

        final byte[] array;

        Lease(byte[] array) {
            this.array = array;
        }

        IllegalStateException returned() {
            return new IllegalStateException("reply data read after its array was given back for another read"
                    + " (a translator that holds a reply's data past the reply must call Iovec.keep() first)");
        }
    }

    /** An Iovec holding a copy of {@code bytes}. */
    public static Iovec of(byte[] bytes) {
        return wrap(bytes.clone());
    }

    /** An Iovec holding a copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static Iovec of(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        byte[] copy = new byte[length];
        System.arraycopy(bytes, offset, copy, 0, length);
        return wrap(copy);
    }

    /** Takes ownership of {@code bytes} without copying; the caller must not change them afterwards. */
    public static Iovec wrap(byte[] bytes) {
        if (bytes.length == 0) {
            return EMPTY;
        }
        return new Iovec(new ByteBuffer[] {ByteBuffer.wrap(bytes)}, bytes.length, null);
    }

    /**
     * Takes ownership of the remaining bytes of each buffer without copying; the caller must
     * not change them afterwards. Positions of the given buffers are not moved.
     */
    public static Iovec wrap(ByteBuffer... buffers) {
        long total = 0;
        int nonEmpty = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
            if (b.hasRemaining()) {
                nonEmpty++;
            }
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an Iovec holds at most 2 GiB - 1, got " + total + " bytes");
        }
        if (nonEmpty == 0) {
            return EMPTY;
        }
        ByteBuffer[] segs = new ByteBuffer[nonEmpty];
        int i = 0;
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                segs[i++] = b.slice();
            }
        }
        return new Iovec(segs, (int) total, null);
    }

    /** The number of bytes. */
    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public int segmentCount() {
        return segments.length;
    }

    /** A read-only view of segment {@code i}, positioned at its first byte. */
    public ByteBuffer segment(int i) {
        return live().segments[i].asReadOnlyBuffer();
    }

    /** The byte at {@code index}. */
    public byte byteAt(int index) {
        Objects.checkIndex(index, length);
        for (ByteBuffer s : live().segments) {
            int n = s.remaining();
            if (index < n) {
                return s.get(s.position() + index);
            }
            index -= n;
        }
        throw new AssertionError("index within length but past the segments");
    }

    /** A fresh array holding all the bytes. */
    public byte[] toByteArray() {
        byte[] out = new byte[length];
        copyTo(out, 0);
        return out;
    }

    /**
     * All the bytes in one read-only buffer: the segment itself when there is one, a copy
     * otherwise.
     */
    public ByteBuffer asByteBuffer() {
        live();
        if (segments.length == 1) {
            return segments[0].asReadOnlyBuffer();
        }
        return ByteBuffer.wrap(toByteArray()).asReadOnlyBuffer();
    }

    /** Copies every byte into {@code dst} from {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        int p = offset;
        for (ByteBuffer s : live().segments) {
            int n = s.remaining();
            s.duplicate().get(dst, p, n);
            p += n;
        }
    }

    /** Copies every byte into {@code dst} at its position, moving the position. */
    public void copyTo(ByteBuffer dst) {
        for (ByteBuffer s : live().segments) {
            dst.put(s.duplicate());
        }
    }

    /** The {@code length} bytes from {@code offset}, sharing memory with this Iovec. */
    public Iovec slice(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, this.length);
        live();
        if (offset == 0 && length == this.length) {
            return this;
        }
        if (length == 0) {
            return EMPTY;
        }
        ByteBuffer[] out = new ByteBuffer[segments.length];
        int count = 0;
        int skip = offset;
        int want = length;
        for (ByteBuffer s : segments) {
            int n = s.remaining();
            if (skip >= n) {
                skip -= n;
                continue;
            }
            int take = Math.min(n - skip, want);
            ByteBuffer d = s.duplicate();
            d.position(d.position() + skip).limit(d.position() + take);
            out[count++] = d.slice();
            want -= take;
            skip = 0;
            if (want == 0) {
                break;
            }
        }
        ByteBuffer[] segs = new ByteBuffer[count];
        System.arraycopy(out, 0, segs, 0, count);
        return new Iovec(segs, length, lease);
    }

    /**
     * This Iovec followed by {@code other}, sharing memory with both. When they share arrays
     * on loan with this, the result {@linkplain #keep keeps} them.
     */
    public Iovec concat(Iovec other) {
        if (other.length == 0) {
            return this;
        }
        if (length == 0) {
            return other;
        }
        keep();
        other.keep();
        if ((long) length + other.length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an Iovec holds at most 2 GiB - 1 bytes");
        }
        ByteBuffer[] segs = new ByteBuffer[segments.length + other.segments.length];
        System.arraycopy(segments, 0, segs, 0, segments.length);
        System.arraycopy(other.segments, 0, segs, segments.length, other.segments.length);
        return new Iovec(segs, length + other.length, null);
    }

    /** A new single-segment Iovec with {@code mapper} applied to every byte. */
    public Iovec transform(ByteMapper mapper) {
        if (length == 0) {
            return EMPTY;
        }
        byte[] out = new byte[length];
        int p = 0;
        for (ByteBuffer s : live().segments) {
            for (int i = s.position(), end = s.limit(); i < end; i++) {
                out[p++] = mapper.map(s.get(i));
            }
        }
        return new Iovec(new ByteBuffer[] {ByteBuffer.wrap(out)}, length, null);
    }

    /** Equal when both hold the same bytes, however they are split into segments. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Iovec other) || other.length != length) {
            return false;
        }
        // ByteBuffer.equals compares the remaining bytes.
        return asByteBuffer().equals(other.asByteBuffer());
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (ByteBuffer s : live().segments) {
            for (int i = s.position(), end = s.limit(); i < end; i++) {
                h = 31 * h + s.get(i);
            }
        }
        return h;
    }

    @Override
    public String toString() {
        return "Iovec[" + length + " bytes in " + segments.length + (segments.length == 1 ? " segment]" : " segments]");
    }
}
