package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Truncate}. */
public record TruncateReply(
        Iatt prebuf,
        Iatt postbuf,
        Xdata xdata) implements FopReply {

    public TruncateReply {
        Objects.requireNonNull(prebuf, "prebuf");
        Objects.requireNonNull(postbuf, "postbuf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.TRUNCATE;
    }

    @Override
    public TruncateReply withXdata(Xdata newXdata) {
        return new TruncateReply(prebuf, postbuf, newXdata);
    }
}
