package io.rxlator.xlators.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads one frame's body, checking every length against what is left before allocating
 * anything, so a frame that lies costs nothing but its own bytes.
 */
public final class WireReader {

    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    private final ByteBuffer in;
    private String field = "frame";

    public WireReader(ByteBuffer in) {
        this.in = in;
    }

    /** Names the field being read, for error messages. */
    public WireReader field(String name) {
        this.field = name;
        return this;
    }

    private void need(int n, String what) {
        if (n < 0 || in.remaining() < n) {
            throw fail(what + " needs " + n + " bytes, " + in.remaining() + " left");
        }
    }

    /** An exception naming the field and the byte offset. */
    public WireException fail(String message) {
        return new WireException(field + " at byte " + in.position() + ": " + message);
    }

    public byte i8() {
        need(1, "a byte");
        return in.get();
    }

    public int u8() {
        return i8() & 0xFF;
    }

    public boolean bool() {
        int b = u8();
        if (b > 1) {
            throw fail("a boolean is 0 or 1, not " + b);
        }
        return b == 1;
    }

    public short i16() {
        need(2, "a 16-bit integer");
        return in.getShort();
    }

    public int i32() {
        need(4, "a 32-bit integer");
        return in.getInt();
    }

    public long i64() {
        need(8, "a 64-bit integer");
        return in.getLong();
    }

    /** A length or count: 0 .. what is left divided by the smallest element. */
    public int count(int minElementBytes) {
        int n = i32();
        if (n < 0 || (long) n * Math.max(1, minElementBytes) > in.remaining()) {
            throw fail("count " + n + " does not fit in the " + in.remaining() + " bytes left");
        }
        return n;
    }

    public byte[] bytes() {
        int n = count(1);
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** Length-prefixed bytes as a view of the frame (no copy): valid as long as the frame's buffer is. */
    public ByteBuffer view() {
        int n = count(1);
        ByteBuffer slice = in.slice();
        slice.limit(n);
        in.position(in.position() + n);
        return slice;
    }

    /** UTF-8 text; malformed text is an error, never replaced. */
    public String string() {
        int n = count(1);
        ByteBuffer slice = in.slice();
        slice.limit(n);
        in.position(in.position() + n);
        try {
            CharBuffer cb = UTF8.get().reset().decode(slice);
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw fail("text is not UTF-8");
        }
    }

    /** Whether an optional value follows. */
    public boolean present() {
        return bool();
    }

    /** Fails unless the body has been read to its end. */
    public void end() {
        if (in.hasRemaining()) {
            throw fail(in.remaining() + " bytes left over after the last field");
        }
    }
}
