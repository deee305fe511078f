package io.rxlator.xlators.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a frame's body into a growing big-endian buffer. Large data ({@link #data}) is not
 * copied: the writer keeps a reference and the result is a list of buffers, sent as one.
 */
public final class WireWriter {

    /** Data at least this long is referenced, not copied. */
    static final int REFERENCE_FROM = 4096;

    private ByteBuffer out;
    private final List<ByteBuffer> sealed = new ArrayList<>(1);
    private int sealedBytes;

    public WireWriter(int initial) {
        out = ByteBuffer.allocate(Math.max(64, initial));
    }

    private void room(int n) {
        if (out.remaining() < n) {
            // Room for what comes after it too, so a large value costs one copy of the small ones.
            int size = Math.max(out.capacity() * 2, out.position() + n + 256);
            ByteBuffer bigger = ByteBuffer.allocate(size);
            out.flip();
            bigger.put(out);
            out = bigger;
        }
    }

    /**
     * A length-prefixed run of data made of {@code segments}: small runs are copied, large ones
     * referenced (the segments must not change until the frame is sent).
     */
    public WireWriter data(int length, ByteBuffer[] segments) {
        i32(length);
        if (length < REFERENCE_FROM) {
            for (ByteBuffer b : segments) {
                raw(b);
            }
            return this;
        }
        ByteBuffer head = out.duplicate();
        head.flip();
        sealed.add(head);
        sealedBytes += head.remaining();
        for (ByteBuffer b : segments) {
            ByteBuffer d = b.duplicate();
            sealed.add(d);
            sealedBytes += d.remaining();
        }
        out = ByteBuffer.allocate(256);
        return this;
    }

    public WireWriter i8(int v) {
        room(1);
        out.put((byte) v);
        return this;
    }

    public WireWriter bool(boolean v) {
        return i8(v ? 1 : 0);
    }

    public WireWriter i16(int v) {
        room(2);
        out.putShort((short) v);
        return this;
    }

    public WireWriter i32(int v) {
        room(4);
        out.putInt(v);
        return this;
    }

    public WireWriter i64(long v) {
        room(8);
        out.putLong(v);
        return this;
    }

    public WireWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public WireWriter bytes(byte[] b, int off, int len) {
        i32(len);
        room(len);
        out.put(b, off, len);
        return this;
    }

    /** Length-prefixed bytes of a value, copied straight from it. */
    public WireWriter bytes(io.rxlator.runtime.fop.Bytes b) {
        int n = b.length();
        i32(n);
        room(n);
        b.copyTo(out);
        return this;
    }

    /** Length-prefixed bytes from a buffer (its position is not moved). */
    public WireWriter bytes(ByteBuffer b) {
        i32(b.remaining());
        room(b.remaining());
        out.put(b.duplicate());
        return this;
    }

    /** Raw bytes with no length (the caller wrote it). */
    public WireWriter raw(ByteBuffer b) {
        room(b.remaining());
        out.put(b.duplicate());
        return this;
    }

    public WireWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes written so far. */
    public int position() {
        return sealedBytes + out.position();
    }

    /** Overwrites bytes written earlier, before any referenced data (a frame's header). */
    void header(int index, ByteBuffer bytes) {
        ByteBuffer first = sealed.isEmpty() ? out : sealed.get(0);
        first.put(index, bytes, 0, bytes.remaining());
    }

    /** What has been written, as one buffer ready to read (copying referenced data into it). */
    public ByteBuffer toBuffer() {
        ByteBuffer b = out.duplicate();
        b.flip();
        if (sealed.isEmpty()) {
            return b;
        }
        ByteBuffer all = ByteBuffer.allocate(sealedBytes + b.remaining());
        for (ByteBuffer s : sealed) {
            all.put(s.duplicate());
        }
        all.put(b);
        return all.flip();
    }

    /** What has been written, as buffers in order (referenced data not copied). */
    public ByteBuffer[] toBuffers() {
        ByteBuffer tail = out.duplicate();
        tail.flip();
        ByteBuffer[] all = new ByteBuffer[sealed.size() + 1];
        for (int i = 0; i < sealed.size(); i++) {
            all[i] = sealed.get(i).duplicate();
        }
        all[sealed.size()] = tail;
        return all;
    }
}
