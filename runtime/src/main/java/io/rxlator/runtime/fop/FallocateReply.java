package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Fallocate}. */
public record FallocateReply(
        Iatt prebuf,
        Iatt postbuf,
        Xdata xdata) implements FopReply {

    public FallocateReply {
        Objects.requireNonNull(prebuf, "prebuf");
        Objects.requireNonNull(postbuf, "postbuf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FALLOCATE;
    }

    @Override
    public FallocateReply withXdata(Xdata newXdata) {
        return new FallocateReply(prebuf, postbuf, newXdata);
    }
}
