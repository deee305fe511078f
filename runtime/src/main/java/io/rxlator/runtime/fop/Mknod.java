package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code mknod} fop: creates a device, fifo, socket or regular file node.
 */
public record Mknod(
        CallContext caller,
        Loc loc,
        int mode,
        long rdev,
        int umask,
        Xdata xdata) implements FopRequest<MknodReply>, LocFop {

    public Mknod {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.MKNOD;
    }

    @Override
    public Mknod withXdata(Xdata newXdata) {
        return new Mknod(caller, loc, mode, rdev, umask, newXdata);
    }
}
