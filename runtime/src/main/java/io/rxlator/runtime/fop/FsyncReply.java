package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Fsync}. */
public record FsyncReply(
        Iatt prebuf,
        Iatt postbuf,
        Xdata xdata) implements FopReply {

    public FsyncReply {
        Objects.requireNonNull(prebuf, "prebuf");
        Objects.requireNonNull(postbuf, "postbuf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FSYNC;
    }

    @Override
    public FsyncReply withXdata(Xdata newXdata) {
        return new FsyncReply(prebuf, postbuf, newXdata);
    }
}
