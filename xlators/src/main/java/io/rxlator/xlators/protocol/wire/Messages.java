package io.rxlator.xlators.protocol.wire;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.Xdata;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** The bodies of the frames that are not fop records: handshakes, failures, releases. */
public final class Messages {

    private Messages() {
    }

    /** What a client asks for when it connects. */
    public record Hello(String subvolume, String clientId, @Nullable String username, @Nullable String password) {
    }

    public static ByteBuffer hello(Hello h) {
        WireWriter w = new WireWriter(64).string(h.subvolume()).string(h.clientId());
        w.bool(h.username() != null);
        if (h.username() != null) {
            w.string(h.username());
        }
        w.bool(h.password() != null);
        if (h.password() != null) {
            w.string(h.password());
        }
        return w.toBuffer();
    }

    public static Hello hello(ByteBuffer body) {
        WireReader r = new WireReader(body).field("handshake");
        String sub = r.string();
        String id = r.string();
        String user = r.present() ? r.string() : null;
        String pass = r.present() ? r.string() : null;
        r.end();
        return new Hello(sub, id, user, pass);
    }

    public static ByteBuffer text(String s) {
        return new WireWriter(s.length() + 8).string(s).toBuffer();
    }

    public static String text(ByteBuffer body) {
        WireReader r = new WireReader(body).field("text");
        String s = r.string();
        r.end();
        return s;
    }

    /** A fop's failure: errno, message, xdata. */
    public static ByteBuffer failure(FopException e) {
        WireWriter w = new WireWriter(64).i32(e.errno().code());
        String m = e.getMessage();
        w.string(m == null ? "" : m);
        FopCodec.<Xdata>of(Xdata.class).write(w, e.xdata(), null);
        return w.toBuffer();
    }

    public static FopException failure(ByteBuffer body) {
        WireReader r = new WireReader(body).field("error");
        int code = r.i32();
        String message = r.string();
        Xdata x = FopCodec.<Xdata>of(Xdata.class).read(r, null);
        r.end();
        return FopException.of(Errno.orEio(code), message, x);
    }

    public static ByteBuffer number(long n) {
        return new WireWriter(8).i64(n).toBuffer();
    }

    public static long number(ByteBuffer body) {
        WireReader r = new WireReader(body).field("number");
        long n = r.i64();
        r.end();
        return n;
    }
}
