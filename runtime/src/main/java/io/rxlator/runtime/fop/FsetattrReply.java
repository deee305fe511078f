package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Fsetattr}. */
public record FsetattrReply(
        Iatt preop,
        Iatt postop,
        Xdata xdata) implements FopReply {

    public FsetattrReply {
        Objects.requireNonNull(preop, "preop");
        Objects.requireNonNull(postop, "postop");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FSETATTR;
    }

    @Override
    public FsetattrReply withXdata(Xdata newXdata) {
        return new FsetattrReply(preop, postop, newXdata);
    }
}
