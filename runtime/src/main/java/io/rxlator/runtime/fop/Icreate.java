package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code icreate} fop: creates an inode with no name, found by gfid only.
 */
public record Icreate(
        CallContext caller,
        Loc loc,
        int mode,
        Xdata xdata) implements FopRequest<IcreateReply>, LocFop {

    public Icreate {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.ICREATE;
    }

    @Override
    public Icreate withXdata(Xdata newXdata) {
        return new Icreate(caller, loc, mode, newXdata);
    }
}
