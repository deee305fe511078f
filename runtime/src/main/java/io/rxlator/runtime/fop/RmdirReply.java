package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Rmdir}. */
public record RmdirReply(
        Iatt preparent,
        Iatt postparent,
        Xdata xdata) implements FopReply {

    public RmdirReply {
        Objects.requireNonNull(preparent, "preparent");
        Objects.requireNonNull(postparent, "postparent");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.RMDIR;
    }

    @Override
    public RmdirReply withXdata(Xdata newXdata) {
        return new RmdirReply(preparent, postparent, newXdata);
    }
}
