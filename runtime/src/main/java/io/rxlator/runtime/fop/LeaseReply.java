package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Lease}. */
public record LeaseReply(
        LeaseInfo lease,
        Xdata xdata) implements FopReply {

    public LeaseReply {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.LEASE;
    }

    @Override
    public LeaseReply withXdata(Xdata newXdata) {
        return new LeaseReply(lease, newXdata);
    }
}
