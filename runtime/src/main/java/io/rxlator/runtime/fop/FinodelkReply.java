package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Finodelk}. */
public record FinodelkReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final FinodelkReply EMPTY = new FinodelkReply(Xdata.EMPTY);

    public FinodelkReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FINODELK;
    }

    @Override
    public FinodelkReply withXdata(Xdata newXdata) {
        return new FinodelkReply(newXdata);
    }
}
