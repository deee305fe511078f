package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * A failed fop: an {@link Errno}, a message, and the xdata the failing translator replied
 * with. A translator fails a call with {@code Mono.error(FopException.of(Errno.ENOENT))}.
 *
 * <p>Stackless and without suppressed exceptions: negative lookups and lock conflicts are
 * hot paths, and the runtime names the translator at fault in the message where it matters.
 * The plain {@link #of(Errno)} instances are shared.
 */
public final class FopException extends RuntimeException {

    private static final FopException[] SHARED = new FopException[Errno.values().length];

    static {
        for (Errno e : Errno.values()) {
            SHARED[e.ordinal()] = new FopException(e, e.describe(), Xdata.EMPTY, null);
        }
    }

    private final Errno errno;
    private final Xdata xdata;

    private FopException(Errno errno, String message, Xdata xdata, Throwable cause) {
        super(message, cause, false, false);
        this.errno = errno;
        this.xdata = xdata;
    }

    /** The shared failure for {@code errno}; its message is e.g. "ENOENT (No such file or directory)". */
    public static FopException of(Errno errno) {
        return SHARED[errno.ordinal()];
    }

    /** A failure with a message of its own. */
    public static FopException of(Errno errno, String message) {
        return new FopException(Objects.requireNonNull(errno, "errno"), Objects.requireNonNull(message, "message"),
                Xdata.EMPTY, null);
    }

    /** A failure that replies with xdata. */
    public static FopException of(Errno errno, String message, Xdata xdata) {
        return new FopException(Objects.requireNonNull(errno, "errno"), Objects.requireNonNull(message, "message"),
                Objects.requireNonNull(xdata, "xdata"), null);
    }

    /** A failure caused by another exception (kept for logs; the caller sees only the errno). */
    public static FopException of(Errno errno, String message, Throwable cause) {
        return new FopException(Objects.requireNonNull(errno, "errno"), Objects.requireNonNull(message, "message"),
                Xdata.EMPTY, cause);
    }

    public Errno errno() {
        return errno;
    }

    public Xdata xdata() {
        return xdata;
    }

    /** This failure with other xdata. */
    public FopException withXdata(Xdata newXdata) {
        return new FopException(errno, getMessage(), Objects.requireNonNull(newXdata, "xdata"), getCause());
    }

    /** True if {@code t} is a FopException with this errno. */
    public static boolean is(Throwable t, Errno errno) {
        return t instanceof FopException f && f.errno == errno;
    }

    @Override
    public String toString() {
        String m = getMessage();
        return m.equals(errno.describe()) ? "FopException: " + m : "FopException: " + errno.name() + ": " + m;
    }
}
