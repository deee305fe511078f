package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code mkdir} fop: creates a directory.
 */
public record Mkdir(
        CallContext caller,
        Loc loc,
        int mode,
        int umask,
        Xdata xdata) implements FopRequest<MkdirReply>, LocFop {

    public Mkdir {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.MKDIR;
    }

    @Override
    public Mkdir withXdata(Xdata newXdata) {
        return new Mkdir(caller, loc, mode, umask, newXdata);
    }
}
