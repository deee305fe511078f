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

    /**
     * The frames {@code buf} completes, each body copied once into a buffer of its own; the
     * bytes of {@code buf} are consumed. Frames wholly inside {@code buf} are cut from it
     * directly; only a frame split across reads is gathered in between.
     */
    public List<Frame> frames(ByteBuf buf) {
        List<Frame> out = new ArrayList<>(2);
        while (buf.isReadable()) {
            if (pending.position() > 0 || buf.readableBytes() < 4) {
                if (!gather(buf, out)) {
                    break;
                }
                continue;
            }
            int length = checkedLength(buf.getInt(buf.readerIndex()), buf.readerIndex());
            if (buf.readableBytes() - 4 < length) {
                gather(buf, out);
                break;
            }
            out.add(cut(buf, length));
        }
        return out;
    }

    private int checkedLength(int length, int at) {
        if (length < Frame.HEADER || length > maxFrame) {
            throw new WireException("frame at byte " + at + " claims " + length + " bytes; expected " + Frame.HEADER + " to "
                    + maxFrame);
        }
        return length;
    }

    /** A whole frame at the front of {@code buf}. */
    private static Frame cut(ByteBuf buf, int length) {
        int at = buf.readerIndex();
        int version = buf.getUnsignedByte(at + 4);
        if (version != Frame.VERSION) {
            throw new WireException("frame version " + version + " is not understood; expected " + Frame.VERSION);
        }
        int code = buf.getUnsignedByte(at + 5);
        Frame.Kind kind = Frame.Kind.of(code);
        if (kind == null) {
            throw new WireException("frame kind " + code + " is not known");
        }
        long id = buf.getLong(at + 6);
        int fop = buf.getUnsignedShort(at + 14);
        byte[] body = new byte[length - Frame.HEADER];
        buf.getBytes(at + Frame.PREFIX, body);
        buf.skipBytes(4 + length);
        return new Frame(kind, id, fop, ByteBuffer.wrap(body));
    }

    /**
     * Adds bytes of {@code buf} to the frame being gathered, up to its end; adds the frame to
     * {@code out} when it is complete. Answers whether one was completed.
     */
    private boolean gather(ByteBuf buf, List<Frame> out) {
        if (pending.position() < 4) {
            int take = Math.min(4 - pending.position(), buf.readableBytes());
            buf.readBytes(pending.array(), pending.position(), take);
            pending.position(pending.position() + take);
            if (pending.position() < 4) {
                return false;
            }
        }
        int length = checkedLength(pending.getInt(0), 0);
        int total = 4 + length;
        if (pending.capacity() < total) {
            ByteBuffer bigger = ByteBuffer.allocate(total);
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        int take = Math.min(total - pending.position(), buf.readableBytes());
        buf.readBytes(pending.array(), pending.position(), take);
        pending.position(pending.position() + take);
        if (pending.position() < total) {
            return false;
        }
        pending.flip();
        Frame f = Frame.decode(pending, maxFrame);
        ByteBuffer body = ByteBuffer.allocate(f.body().remaining()).put(f.body()).flip();
        out.add(new Frame(f.kind(), f.id(), f.fop(), body));
        pending = pending.capacity() > 16 * SMALL ? ByteBuffer.allocate(SMALL) : pending.clear();
        return true;
    }
}
