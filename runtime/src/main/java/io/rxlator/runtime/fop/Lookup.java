package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code lookup} fop: resolves a name (or a gfid) to a file and its attributes.
 */
public record Lookup(
        CallContext caller,
        Loc loc,
        Xdata xdata) implements FopRequest<LookupReply>, LocFop {

    public Lookup {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.LOOKUP;
    }

    @Override
    public Lookup withXdata(Xdata newXdata) {
        return new Lookup(caller, loc, newXdata);
    }
}
