package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code fsyncdir} fop: makes an open directory durable.
 */
public record Fsyncdir(
        CallContext caller,
        Fd fd,
        boolean datasync,
        Xdata xdata) implements FopRequest<FsyncdirReply>, FdFop {

    public Fsyncdir {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FSYNCDIR;
    }

    @Override
    public Fsyncdir withXdata(Xdata newXdata) {
        return new Fsyncdir(caller, fd, datasync, newXdata);
    }
}
