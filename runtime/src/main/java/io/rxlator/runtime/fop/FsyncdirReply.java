package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Fsyncdir}. */
public record FsyncdirReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final FsyncdirReply EMPTY = new FsyncdirReply(Xdata.EMPTY);

    public FsyncdirReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FSYNCDIR;
    }

    @Override
    public FsyncdirReply withXdata(Xdata newXdata) {
        return new FsyncdirReply(newXdata);
    }
}
