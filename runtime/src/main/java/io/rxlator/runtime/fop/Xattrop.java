package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code xattrop} fop: atomically combines values with stored extended attributes; replies with the new values.
 */
public record Xattrop(
        CallContext caller,
        Loc loc,
        XattropType optype,
        Xattrs dict,
        Xdata xdata) implements FopRequest<XattropReply>, LocFop {

    public Xattrop {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(optype, "optype");
        Objects.requireNonNull(dict, "dict");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.XATTROP;
    }

    @Override
    public Xattrop withXdata(Xdata newXdata) {
        return new Xattrop(caller, loc, optype, dict, newXdata);
    }
}
