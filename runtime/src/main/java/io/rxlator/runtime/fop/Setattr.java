package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code setattr} fop: changes the attributes of a loc that {@code valid} selects (see the VALID_ constants).
 */
public record Setattr(
        CallContext caller,
        Loc loc,
        Iatt stbuf,
        int valid,
        Xdata xdata) implements FopRequest<SetattrReply>, LocFop {

    public Setattr {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(stbuf, "stbuf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.SETATTR;
    }

    @Override
    public Setattr withXdata(Xdata newXdata) {
        return new Setattr(caller, loc, stbuf, valid, newXdata);
    }
}
