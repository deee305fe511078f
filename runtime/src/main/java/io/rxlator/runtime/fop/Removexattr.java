package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code removexattr} fop: removes one extended attribute.
 */
public record Removexattr(
        CallContext caller,
        Loc loc,
        String name,
        Xdata xdata) implements FopRequest<RemovexattrReply>, LocFop {

    public Removexattr {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.REMOVEXATTR;
    }

    @Override
    public Removexattr withXdata(Xdata newXdata) {
        return new Removexattr(caller, loc, name, newXdata);
    }
}
