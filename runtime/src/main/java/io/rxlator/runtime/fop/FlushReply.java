package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Flush}. */
public record FlushReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final FlushReply EMPTY = new FlushReply(Xdata.EMPTY);

    public FlushReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FLUSH;
    }

    @Override
    public FlushReply withXdata(Xdata newXdata) {
        return new FlushReply(newXdata);
    }
}
