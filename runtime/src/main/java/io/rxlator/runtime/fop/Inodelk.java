package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code inodelk} fop: an internal byte-range lock in a {@code domain}, used by cluster translators.
 */
public record Inodelk(
        CallContext caller,
        String domain,
        Loc loc,
        LkCmd cmd,
        Flock flock,
        Xdata xdata) implements FopRequest<InodelkReply>, LocFop {

    public Inodelk {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(flock, "flock");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.INODELK;
    }

    @Override
    public Inodelk withXdata(Xdata newXdata) {
        return new Inodelk(caller, domain, loc, cmd, flock, newXdata);
    }
}
