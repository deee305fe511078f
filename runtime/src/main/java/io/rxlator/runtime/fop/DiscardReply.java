package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Discard}. */
public record DiscardReply(
        Iatt prebuf,
        Iatt postbuf,
        Xdata xdata) implements FopReply {

    public DiscardReply {
        Objects.requireNonNull(prebuf, "prebuf");
        Objects.requireNonNull(postbuf, "postbuf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.DISCARD;
    }

    @Override
    public DiscardReply withXdata(Xdata newXdata) {
        return new DiscardReply(prebuf, postbuf, newXdata);
    }
}
