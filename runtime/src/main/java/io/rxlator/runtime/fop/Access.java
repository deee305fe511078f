package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code access} fop: checks the caller's permission {@code mask} (R_OK 4, W_OK 2, X_OK 1, F_OK 0) on a loc.
 */
public record Access(
        CallContext caller,
        Loc loc,
        int mask,
        Xdata xdata) implements FopRequest<AccessReply>, LocFop {

    public Access {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.ACCESS;
    }

    @Override
    public Access withXdata(Xdata newXdata) {
        return new Access(caller, loc, mask, newXdata);
    }
}
