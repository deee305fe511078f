package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Fstat}. */
public record FstatReply(
        Iatt buf,
        Xdata xdata) implements FopReply {

    public FstatReply {
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FSTAT;
    }

    @Override
    public FstatReply withXdata(Xdata newXdata) {
        return new FstatReply(buf, newXdata);
    }
}
