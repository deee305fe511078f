package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code fstat} fop: attributes of an open file.
 */
public record Fstat(
        CallContext caller,
        Fd fd,
        Xdata xdata) implements FopRequest<FstatReply>, FdFop {

    public Fstat {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FSTAT;
    }

    @Override
    public Fstat withXdata(Xdata newXdata) {
        return new Fstat(caller, fd, newXdata);
    }
}
