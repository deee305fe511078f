package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Stat}. */
public record StatReply(
        Iatt buf,
        Xdata xdata) implements FopReply {

    public StatReply {
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.STAT;
    }

    @Override
    public StatReply withXdata(Xdata newXdata) {
        return new StatReply(buf, newXdata);
    }
}
