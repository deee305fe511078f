package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Readlink}. */
public record ReadlinkReply(
        String path,
        Iatt buf,
        Xdata xdata) implements FopReply {

    public ReadlinkReply {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.READLINK;
    }

    @Override
    public ReadlinkReply withXdata(Xdata newXdata) {
        return new ReadlinkReply(path, buf, newXdata);
    }
}
