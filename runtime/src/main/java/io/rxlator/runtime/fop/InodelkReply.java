package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Inodelk}. */
public record InodelkReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final InodelkReply EMPTY = new InodelkReply(Xdata.EMPTY);

    public InodelkReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.INODELK;
    }

    @Override
    public InodelkReply withXdata(Xdata newXdata) {
        return new InodelkReply(newXdata);
    }
}
