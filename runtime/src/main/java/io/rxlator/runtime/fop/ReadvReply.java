package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Readv}. */
public record ReadvReply(
        Iovec vector,
        Iatt stbuf,
        Xdata xdata) implements FopReply {

    public ReadvReply {
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(stbuf, "stbuf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.READV;
    }

    @Override
    public ReadvReply withXdata(Xdata newXdata) {
        return new ReadvReply(vector, stbuf, newXdata);
    }
}
