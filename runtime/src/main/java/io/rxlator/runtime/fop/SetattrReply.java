package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Setattr}. */
public record SetattrReply(
        Iatt preop,
        Iatt postop,
        Xdata xdata) implements FopReply {

    public SetattrReply {
        Objects.requireNonNull(preop, "preop");
        Objects.requireNonNull(postop, "postop");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.SETATTR;
    }

    @Override
    public SetattrReply withXdata(Xdata newXdata) {
        return new SetattrReply(preop, postop, newXdata);
    }
}
