package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code truncate} fop: sets the size of the file at a loc.
 */
public record Truncate(
        CallContext caller,
        Loc loc,
        long offset,
        Xdata xdata) implements FopRequest<TruncateReply>, LocFop {

    public Truncate {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.TRUNCATE;
    }

    @Override
    public Truncate withXdata(Xdata newXdata) {
        return new Truncate(caller, loc, offset, newXdata);
    }
}
