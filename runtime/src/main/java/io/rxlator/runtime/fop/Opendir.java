package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code opendir} fop: opens a directory for reading.
 */
public record Opendir(
        CallContext caller,
        Loc loc,
        Fd fd,
        Xdata xdata) implements FopRequest<OpendirReply>, LocFop {

    public Opendir {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.OPENDIR;
    }

    @Override
    public Opendir withXdata(Xdata newXdata) {
        return new Opendir(caller, loc, fd, newXdata);
    }
}
