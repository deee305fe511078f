package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code fsync} fop: makes an open file's data (and, unless {@code datasync}, metadata) durable.
 */
public record Fsync(
        CallContext caller,
        Fd fd,
        boolean datasync,
        Xdata xdata) implements FopRequest<FsyncReply>, FdFop {

    public Fsync {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FSYNC;
    }

    @Override
    public Fsync withXdata(Xdata newXdata) {
        return new Fsync(caller, fd, datasync, newXdata);
    }
}
