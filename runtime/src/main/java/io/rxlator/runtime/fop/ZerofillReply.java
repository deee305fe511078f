package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Zerofill}. */
public record ZerofillReply(
        Iatt prebuf,
        Iatt postbuf,
        Xdata xdata) implements FopReply {

    public ZerofillReply {
        Objects.requireNonNull(prebuf, "prebuf");
        Objects.requireNonNull(postbuf, "postbuf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.ZEROFILL;
    }

    @Override
    public ZerofillReply withXdata(Xdata newXdata) {
        return new ZerofillReply(prebuf, postbuf, newXdata);
    }
}
