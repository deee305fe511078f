package io.rxlator.runtime.fop;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The data of a {@code readv} reply or a {@code writev} request: one or more byte segments
 * read as one sequence (GlusterFS's iovec array plus its iobref).
 *
 * <p>An {@code Iovec} has one owner at a time and nobody counts references: whoever builds
 * one hands it to the next translator and does not write to the memory behind it again.
 * Its segments are handed out as read-only views, so any number of readers may look at it
 * while it is in flight (a replicating translator sends the same {@code Iovec} to every
 * child). A translator that changes data builds a new one ({@link #transform}).
 */
public final class Iovec {

    public static final Iovec EMPTY = new Iovec(new ByteBuffer[0], 0);

    static {
        // Bridges reach the memory behind the segments (to hand it to the kernel without a copy).
        io.rxlator.runtime.internal.IovecSegments.install((v, i) -> v.segments[i].duplicate());
    }

    /** Maps one byte to another, for {@link #transform}. */
    @FunctionalInterface
    public interface ByteMapper {
        byte map(byte b);
    }

    private final ByteBuffer[] segments;
    private final int length;

    private Iovec(ByteBuffer[] segments, int length) {
        this.segments = segments;
        this.length = length;
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
        return new Iovec(new ByteBuffer[] {ByteBuffer.wrap(bytes)}, bytes.length);
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
        return new Iovec(segs, (int) total);
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
        return segments[i].asReadOnlyBuffer();
    }

    /** The byte at {@code index}. */
    public byte byteAt(int index) {
        Objects.checkIndex(index, length);
        for (ByteBuffer s : segments) {
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
        if (segments.length == 1) {
            return segments[0].asReadOnlyBuffer();
        }
        return ByteBuffer.wrap(toByteArray()).asReadOnlyBuffer();
    }

    /** Copies every byte into {@code dst} from {@code offset}. */
    public void copyTo(byte[] dst, int offset) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        int p = offset;
        for (ByteBuffer s : segments) {
            int n = s.remaining();
            s.duplicate().get(dst, p, n);
            p += n;
        }
    }

    /** Copies every byte into {@code dst} at its position, moving the position. */
    public void copyTo(ByteBuffer dst) {
        for (ByteBuffer s : segments) {
            dst.put(s.duplicate());
        }
    }

    /** The {@code length} bytes from {@code offset}, sharing memory with this Iovec. */
    public Iovec slice(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, this.length);
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
        return new Iovec(segs, length);
    }

    /** This Iovec followed by {@code other}, sharing memory with both. */
    public Iovec concat(Iovec other) {
        if (other.length == 0) {
            return this;
        }
        if (length == 0) {
            return other;
        }
        if ((long) length + other.length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an Iovec holds at most 2 GiB - 1 bytes");
        }
        ByteBuffer[] segs = new ByteBuffer[segments.length + other.segments.length];
        System.arraycopy(segments, 0, segs, 0, segments.length);
        System.arraycopy(other.segments, 0, segs, segments.length, other.segments.length);
        return new Iovec(segs, length + other.length);
    }

    /** A new single-segment Iovec with {@code mapper} applied to every byte. */
    public Iovec transform(ByteMapper mapper) {
        if (length == 0) {
            return EMPTY;
        }
        byte[] out = new byte[length];
        int p = 0;
        for (ByteBuffer s : segments) {
            for (int i = s.position(), end = s.limit(); i < end; i++) {
                out[p++] = mapper.map(s.get(i));
            }
        }
        return new Iovec(new ByteBuffer[] {ByteBuffer.wrap(out)}, length);
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
        for (ByteBuffer s : segments) {
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
