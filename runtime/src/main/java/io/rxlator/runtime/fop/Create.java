package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code create} fop: creates and opens a regular file.
 */
public record Create(
        CallContext caller,
        Loc loc,
        int flags,
        int mode,
        int umask,
        Fd fd,
        Xdata xdata) implements FopRequest<CreateReply>, LocFop {

    public Create {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.CREATE;
    }

    @Override
    public Create withXdata(Xdata newXdata) {
        return new Create(caller, loc, flags, mode, umask, fd, newXdata);
    }
}
