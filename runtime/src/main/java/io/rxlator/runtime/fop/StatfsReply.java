package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Statfs}. */
public record StatfsReply(
        Statvfs buf,
        Xdata xdata) implements FopReply {

    public StatfsReply {
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.STATFS;
    }

    @Override
    public StatfsReply withXdata(Xdata newXdata) {
        return new StatfsReply(buf, newXdata);
    }
}
