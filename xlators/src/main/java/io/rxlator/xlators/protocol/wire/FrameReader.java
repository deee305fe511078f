package io.rxlator.xlators.protocol.wire;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the bytes of one connection into frames as they arrive. It holds at most one
 * incomplete frame, and only after its length prefix has been checked against the limit.
 */
public final class FrameReader {

    private static final int SMALL = 64 * 1024;

    private final int maxFrame;
    private ByteBuffer pending = ByteBuffer.allocate(SMALL);

    public FrameReader(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    /** The frames {@code buf} completes (their bodies copied out); the bytes of {@code buf} are consumed. */
    public List<Frame> frames(ByteBuf buf) {
        int n = buf.readableBytes();
        if (pending.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.position() + n,
                    Math.min(pending.capacity() * 2, maxFrame + Frame.PREFIX)));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        buf.readBytes(pending.array(), pending.arrayOffset() + pending.position(), n);
        pending.position(pending.position() + n);
        pending.flip();
        List<Frame> out = new ArrayList<>(2);
        try {
            Frame f;
            while ((f = Frame.decode(pending, maxFrame)) != null) {
                ByteBuffer body = ByteBuffer.allocate(f.body().remaining()).put(f.body()).flip();
                out.add(new Frame(f.kind(), f.id(), f.fop(), body));
            }
        } finally {
            pending.compact();
        }
        if (pending.capacity() > 16 * SMALL && pending.position() < SMALL) {
            ByteBuffer smaller = ByteBuffer.allocate(SMALL);
            pending.flip();
            smaller.put(pending);
            pending = smaller;
        }
        return out;
    }
}
