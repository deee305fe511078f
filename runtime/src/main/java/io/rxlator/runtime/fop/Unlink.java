package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code unlink} fop: removes a name of a non-directory.
 */
public record Unlink(
        CallContext caller,
        Loc loc,
        int xflags,
        Xdata xdata) implements FopRequest<UnlinkReply>, LocFop {

    public Unlink {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.UNLINK;
    }

    @Override
    public Unlink withXdata(Xdata newXdata) {
        return new Unlink(caller, loc, xflags, newXdata);
    }
}
