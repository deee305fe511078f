package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code rchecksum} fop: a weak (adler-style) and a strong checksum of a range, for self-heal's diff algorithm.
 */
public record Rchecksum(
        CallContext caller,
        Fd fd,
        long offset,
        int len,
        Xdata xdata) implements FopRequest<RchecksumReply>, FdFop {

    public Rchecksum {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.RCHECKSUM;
    }

    @Override
    public Rchecksum withXdata(Xdata newXdata) {
        return new Rchecksum(caller, fd, offset, len, newXdata);
    }
}
