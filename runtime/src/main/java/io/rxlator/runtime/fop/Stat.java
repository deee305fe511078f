package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code stat} fop: attributes of the file at a loc.
 */
public record Stat(
        CallContext caller,
        Loc loc,
        Xdata xdata) implements FopRequest<StatReply>, LocFop {

    public Stat {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.STAT;
    }

    @Override
    public Stat withXdata(Xdata newXdata) {
        return new Stat(caller, loc, newXdata);
    }
}
