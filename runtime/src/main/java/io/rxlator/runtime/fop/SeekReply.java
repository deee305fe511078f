package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Seek}. */
public record SeekReply(
        long offset,
        Xdata xdata) implements FopReply {

    public SeekReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.SEEK;
    }

    @Override
    public SeekReply withXdata(Xdata newXdata) {
        return new SeekReply(offset, newXdata);
    }
}
