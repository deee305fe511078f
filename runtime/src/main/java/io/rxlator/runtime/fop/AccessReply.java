package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Access}. */
public record AccessReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final AccessReply EMPTY = new AccessReply(Xdata.EMPTY);

    public AccessReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.ACCESS;
    }

    @Override
    public AccessReply withXdata(Xdata newXdata) {
        return new AccessReply(newXdata);
    }
}
