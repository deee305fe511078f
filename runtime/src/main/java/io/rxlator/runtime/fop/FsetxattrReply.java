package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Fsetxattr}. */
public record FsetxattrReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final FsetxattrReply EMPTY = new FsetxattrReply(Xdata.EMPTY);

    public FsetxattrReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FSETXATTR;
    }

    @Override
    public FsetxattrReply withXdata(Xdata newXdata) {
        return new FsetxattrReply(newXdata);
    }
}
