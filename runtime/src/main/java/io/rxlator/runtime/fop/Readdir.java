package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code readdir} fop: reads directory entries after the cookie {@code offset}, up to about {@code size} bytes of them.
 */
public record Readdir(
        CallContext caller,
        Fd fd,
        int size,
        long offset,
        Xdata xdata) implements FopRequest<ReaddirReply>, FdFop {

    public Readdir {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.READDIR;
    }

    @Override
    public Readdir withXdata(Xdata newXdata) {
        return new Readdir(caller, fd, size, offset, newXdata);
    }
}
