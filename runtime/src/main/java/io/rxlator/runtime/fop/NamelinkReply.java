package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Namelink}. */
public record NamelinkReply(
        Iatt prebuf,
        Iatt postbuf,
        Xdata xdata) implements FopReply {

    public NamelinkReply {
        Objects.requireNonNull(prebuf, "prebuf");
        Objects.requireNonNull(postbuf, "postbuf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.NAMELINK;
    }

    @Override
    public NamelinkReply withXdata(Xdata newXdata) {
        return new NamelinkReply(prebuf, postbuf, newXdata);
    }
}
