package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code namelink} fop: gives a name to an inode made by icreate.
 */
public record Namelink(
        CallContext caller,
        Loc loc,
        Xdata xdata) implements FopRequest<NamelinkReply>, LocFop {

    public Namelink {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.NAMELINK;
    }

    @Override
    public Namelink withXdata(Xdata newXdata) {
        return new Namelink(caller, loc, newXdata);
    }
}
