package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Setactivelk}. */
public record SetactivelkReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final SetactivelkReply EMPTY = new SetactivelkReply(Xdata.EMPTY);

    public SetactivelkReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.SETACTIVELK;
    }

    @Override
    public SetactivelkReply withXdata(Xdata newXdata) {
        return new SetactivelkReply(newXdata);
    }
}
