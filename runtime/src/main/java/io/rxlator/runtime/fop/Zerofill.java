package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code zerofill} fop: writes zeroes over a range.
 */
public record Zerofill(
        CallContext caller,
        Fd fd,
        long offset,
        long len,
        Xdata xdata) implements FopRequest<ZerofillReply>, FdFop {

    public Zerofill {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.ZEROFILL;
    }

    @Override
    public Zerofill withXdata(Xdata newXdata) {
        return new Zerofill(caller, fd, offset, len, newXdata);
    }
}
