package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/** The reply of {@link Opendir}. */
public record OpendirReply(
        Fd fd,
        Xdata xdata) implements FopReply {

    public OpendirReply {
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.OPENDIR;
    }

    @Override
    public OpendirReply withXdata(Xdata newXdata) {
        return new OpendirReply(fd, newXdata);
    }
}
