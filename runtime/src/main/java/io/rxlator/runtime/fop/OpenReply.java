package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/** The reply of {@link Open}. */
public record OpenReply(
        Fd fd,
        Xdata xdata) implements FopReply {

    public OpenReply {
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.OPEN;
    }

    @Override
    public OpenReply withXdata(Xdata newXdata) {
        return new OpenReply(fd, newXdata);
    }
}
