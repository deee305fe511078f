package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code writev} fop: writes the vector at {@code offset}; the reply says how many bytes were written.
 */
public record Writev(
        CallContext caller,
        Fd fd,
        Iovec vector,
        long offset,
        int flags,
        Xdata xdata) implements FopRequest<WritevReply>, FdFop {

    public Writev {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.WRITEV;
    }

    @Override
    public Writev withXdata(Xdata newXdata) {
        return new Writev(caller, fd, vector, offset, flags, newXdata);
    }
}
