package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Setxattr}. */
public record SetxattrReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final SetxattrReply EMPTY = new SetxattrReply(Xdata.EMPTY);

    public SetxattrReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.SETXATTR;
    }

    @Override
    public SetxattrReply withXdata(Xdata newXdata) {
        return new SetxattrReply(newXdata);
    }
}
