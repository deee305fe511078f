package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Unlink}. */
public record UnlinkReply(
        Iatt preparent,
        Iatt postparent,
        Xdata xdata) implements FopReply {

    public UnlinkReply {
        Objects.requireNonNull(preparent, "preparent");
        Objects.requireNonNull(postparent, "postparent");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.UNLINK;
    }

    @Override
    public UnlinkReply withXdata(Xdata newXdata) {
        return new UnlinkReply(preparent, postparent, newXdata);
    }
}
