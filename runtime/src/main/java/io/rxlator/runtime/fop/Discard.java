package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code discard} fop: punches a hole, keeping the size.
 */
public record Discard(
        CallContext caller,
        Fd fd,
        long offset,
        long len,
        Xdata xdata) implements FopRequest<DiscardReply>, FdFop {

    public Discard {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.DISCARD;
    }

    @Override
    public Discard withXdata(Xdata newXdata) {
        return new Discard(caller, fd, offset, len, newXdata);
    }
}
