package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code statfs} fop: file-system statistics of the volume holding a loc.
 */
public record Statfs(
        CallContext caller,
        Loc loc,
        Xdata xdata) implements FopRequest<StatfsReply>, LocFop {

    public Statfs {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.STATFS;
    }

    @Override
    public Statfs withXdata(Xdata newXdata) {
        return new Statfs(caller, loc, newXdata);
    }
}
