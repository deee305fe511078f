package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code readv} fop: reads up to {@code size} bytes at {@code offset}; the reply's vector length is the byte count (0 at end of file).
 */
public record Readv(
        CallContext caller,
        Fd fd,
        int size,
        long offset,
        int flags,
        Xdata xdata) implements FopRequest<ReadvReply>, FdFop {

    public Readv {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.READV;
    }

    @Override
    public Readv withXdata(Xdata newXdata) {
        return new Readv(caller, fd, size, offset, flags, newXdata);
    }
}
