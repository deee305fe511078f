package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Writev}. */
public record WritevReply(
        int written,
        Iatt prebuf,
        Iatt postbuf,
        Xdata xdata) implements FopReply {

    public WritevReply {
        Objects.requireNonNull(prebuf, "prebuf");
        Objects.requireNonNull(postbuf, "postbuf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.WRITEV;
    }

    @Override
    public WritevReply withXdata(Xdata newXdata) {
        return new WritevReply(written, prebuf, postbuf, newXdata);
    }
}
