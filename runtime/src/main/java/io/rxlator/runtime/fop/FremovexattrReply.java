package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Fremovexattr}. */
public record FremovexattrReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final FremovexattrReply EMPTY = new FremovexattrReply(Xdata.EMPTY);

    public FremovexattrReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FREMOVEXATTR;
    }

    @Override
    public FremovexattrReply withXdata(Xdata newXdata) {
        return new FremovexattrReply(newXdata);
    }
}
