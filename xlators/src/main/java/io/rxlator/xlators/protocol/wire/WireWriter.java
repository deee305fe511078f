package io.rxlator.xlators.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes a frame's body into a growing big-endian buffer. */
public final class WireWriter {

    private ByteBuffer out;

    public WireWriter(int initial) {
        out = ByteBuffer.allocate(Math.max(64, initial));
    }

    private void room(int n) {
        if (out.remaining() < n) {
            int size = Math.max(out.capacity() * 2, out.position() + n);
            ByteBuffer bigger = ByteBuffer.allocate(size);
            out.flip();
            bigger.put(out);
            out = bigger;
        }
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

    public int position() {
        return out.position();
    }

    /** Overwrites a 32-bit integer written earlier. */
    public WireWriter i32At(int index, int v) {
        out.putInt(index, v);
        return this;
    }

    /** What has been written, ready to read. */
    public ByteBuffer toBuffer() {
        ByteBuffer b = out.duplicate();
        b.flip();
        return b;
    }
}
