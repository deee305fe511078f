package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Entrylk}. */
public record EntrylkReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final EntrylkReply EMPTY = new EntrylkReply(Xdata.EMPTY);

    public EntrylkReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.ENTRYLK;
    }

    @Override
    public EntrylkReply withXdata(Xdata newXdata) {
        return new EntrylkReply(newXdata);
    }
}
