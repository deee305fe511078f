package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Fentrylk}. */
public record FentrylkReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final FentrylkReply EMPTY = new FentrylkReply(Xdata.EMPTY);

    public FentrylkReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FENTRYLK;
    }

    @Override
    public FentrylkReply withXdata(Xdata newXdata) {
        return new FentrylkReply(newXdata);
    }
}
