package io.rxlator.xlators.protocol.wire;

import java.nio.ByteBuffer;

/**
 * One frame on a connection: a length prefix, then a header (version, kind, request id, fop
 * number) and a body.
 *
 * <pre>
 *   u32 length of what follows   u8 version   u8 kind   u64 request id   u16 fop   body…
 * </pre>
 *
 * @param kind what the frame is
 * @param id the request it belongs to (a reply carries its call's id)
 * @param fop the GlusterFS fop number, or 0 for frames that are not about a fop
 * @param body the rest of the frame
 */
public record Frame(Kind kind, long id, int fop, ByteBuffer body) {

    public static final int VERSION = 1;
    /** Bytes of the header after the length prefix. */
    public static final int HEADER = 1 + 1 + 8 + 2;
    /** Bytes before the body, length prefix included. */
    public static final int PREFIX = 4 + HEADER;

    /** What a frame carries. */
    public enum Kind {
        /** A fop request; the body is the request record. */
        CALL(1),
        /** A fop's successful reply; the body is the reply record. */
        REPLY(2),
        /** A fop's failure: errno, message, xdata. */
        ERROR(3),
        PING(4),
        PONG(5),
        /** The client's first frame: what it wants to mount and who it is. */
        HANDSHAKE(6),
        HANDSHAKE_OK(7),
        /** The client refuses or is refused: a reason. */
        AUTH_FAILED(8),
        /** The client let go of an fd. */
        RELEASE(9);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        private static final Kind[] BY_CODE = new Kind[16];

        static {
            for (Kind k : values()) {
                BY_CODE[k.code] = k;
            }
        }

        /** The kind with {@code code}, or null (looked up in a table: this runs for every frame). */
        static Kind of(int code) {
            return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        }
    }

    /** A writer for the body of a frame, with room for the prefix kept at its start. */
    public static WireWriter writer(int initial) {
        WireWriter w = new WireWriter(PREFIX + initial);
        for (int i = 0; i < PREFIX; i++) {
            w.i8(0);
        }
        return w;
    }

    /** The buffers of a frame whose body was written into {@code w} (from {@link #writer}), prefix filled in. */
    public static ByteBuffer[] finish(WireWriter w, Kind kind, long id, int fop) {
        int length = w.position() - 4;
        ByteBuffer head = ByteBuffer.allocate(PREFIX);
        head.putInt(length).put((byte) VERSION).put((byte) kind.code).putLong(id).putShort((short) fop).flip();
        w.header(0, head);
        return w.toBuffers();
    }

    /** The whole frame, prefix included, ready to send. */
    public ByteBuffer encode() {
        ByteBuffer b = body.duplicate();
        ByteBuffer out = ByteBuffer.allocate(PREFIX + b.remaining());
        out.putInt(HEADER + b.remaining()).put((byte) VERSION).put((byte) kind.code).putLong(id).putShort((short) fop).put(b);
        out.flip();
        return out;
    }

    /**
     * Takes one frame from the front of {@code in} if it is all there (the buffer's position
     * moves past it), or returns null and leaves {@code in} alone when more bytes are needed.
     *
     * @param maxFrame the largest length prefix accepted
     * @throws WireException when the prefix is out of range or the header is not understood;
     *     nothing is allocated for a frame before its length has been checked
     */
    public static Frame decode(ByteBuffer in, int maxFrame) {
        if (in.remaining() < 4) {
            return null;
        }
        int start = in.position();
        int length = in.getInt(start);
        if (length < HEADER || length > maxFrame) {
            throw new WireException("frame at byte " + start + " claims " + length + " bytes; expected " + HEADER + " to "
                    + maxFrame);
        }
        if (in.remaining() - 4 < length) {
            return null;
        }
        int version = in.get(start + 4) & 0xFF;
        if (version != VERSION) {
            throw new WireException("frame version " + version + " is not understood; expected " + VERSION);
        }
        int code = in.get(start + 5) & 0xFF;
        Kind kind = Kind.of(code);
        if (kind == null) {
            throw new WireException("frame kind " + code + " is not known");
        }
        long id = in.getLong(start + 6);
        int fop = in.getShort(start + 14) & 0xFFFF;
        ByteBuffer body = in.slice(start + PREFIX, length - HEADER);
        in.position(start + 4 + length);
        return new Frame(kind, id, fop, body);
    }
}
