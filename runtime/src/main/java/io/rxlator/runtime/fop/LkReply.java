package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Lk}. */
public record LkReply(
        Flock flock,
        Xdata xdata) implements FopReply {

    public LkReply {
        Objects.requireNonNull(flock, "flock");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.LK;
    }

    @Override
    public LkReply withXdata(Xdata newXdata) {
        return new LkReply(flock, newXdata);
    }
}
