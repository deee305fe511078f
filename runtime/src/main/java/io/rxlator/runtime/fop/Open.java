package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code open} fop: opens a file; {@code fd} is the caller's new, not yet opened fd.
 */
public record Open(
        CallContext caller,
        Loc loc,
        int flags,
        Fd fd,
        Xdata xdata) implements FopRequest<OpenReply>, LocFop {

    public Open {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.OPEN;
    }

    @Override
    public Open withXdata(Xdata newXdata) {
        return new Open(caller, loc, flags, fd, newXdata);
    }
}
