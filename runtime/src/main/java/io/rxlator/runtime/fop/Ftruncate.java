package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code ftruncate} fop: sets the size of an open file.
 */
public record Ftruncate(
        CallContext caller,
        Fd fd,
        long offset,
        Xdata xdata) implements FopRequest<FtruncateReply>, FdFop {

    public Ftruncate {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FTRUNCATE;
    }

    @Override
    public Ftruncate withXdata(Xdata newXdata) {
        return new Ftruncate(caller, fd, offset, newXdata);
    }
}
