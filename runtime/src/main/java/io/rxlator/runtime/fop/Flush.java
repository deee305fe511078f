package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code flush} fop: called on every close of a file descriptor (before release).
 */
public record Flush(
        CallContext caller,
        Fd fd,
        Xdata xdata) implements FopRequest<FlushReply>, FdFop {

    public Flush {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FLUSH;
    }

    @Override
    public Flush withXdata(Xdata newXdata) {
        return new Flush(caller, fd, newXdata);
    }
}
