package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Ftruncate}. */
public record FtruncateReply(
        Iatt prebuf,
        Iatt postbuf,
        Xdata xdata) implements FopReply {

    public FtruncateReply {
        Objects.requireNonNull(prebuf, "prebuf");
        Objects.requireNonNull(postbuf, "postbuf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FTRUNCATE;
    }

    @Override
    public FtruncateReply withXdata(Xdata newXdata) {
        return new FtruncateReply(prebuf, postbuf, newXdata);
    }
}
