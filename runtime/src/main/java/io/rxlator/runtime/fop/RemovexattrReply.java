package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Removexattr}. */
public record RemovexattrReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final RemovexattrReply EMPTY = new RemovexattrReply(Xdata.EMPTY);

    public RemovexattrReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.REMOVEXATTR;
    }

    @Override
    public RemovexattrReply withXdata(Xdata newXdata) {
        return new RemovexattrReply(newXdata);
    }
}
