package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Rchecksum}. */
public record RchecksumReply(
        int weakChecksum,
        Bytes strongChecksum,
        Xdata xdata) implements FopReply {

    public RchecksumReply {
        Objects.requireNonNull(strongChecksum, "strongChecksum");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.RCHECKSUM;
    }

    @Override
    public RchecksumReply withXdata(Xdata newXdata) {
        return new RchecksumReply(weakChecksum, strongChecksum, newXdata);
    }
}
