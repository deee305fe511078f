package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code lease} fop: takes, queries or releases a lease on a file.
 */
public record Lease(
        CallContext caller,
        Loc loc,
        LeaseInfo lease,
        Xdata xdata) implements FopRequest<LeaseReply>, LocFop {

    public Lease {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.LEASE;
    }

    @Override
    public Lease withXdata(Xdata newXdata) {
        return new Lease(caller, loc, lease, newXdata);
    }
}
