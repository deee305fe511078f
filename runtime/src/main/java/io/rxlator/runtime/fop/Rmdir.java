package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code rmdir} fop: removes an empty directory; non-zero {@code xflags} asks storage to move it aside instead of deleting it.
 */
public record Rmdir(
        CallContext caller,
        Loc loc,
        int xflags,
        Xdata xdata) implements FopRequest<RmdirReply>, LocFop {

    public Rmdir {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.RMDIR;
    }

    @Override
    public Rmdir withXdata(Xdata newXdata) {
        return new Rmdir(caller, loc, xflags, newXdata);
    }
}
