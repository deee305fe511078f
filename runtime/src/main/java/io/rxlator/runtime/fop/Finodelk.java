package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code finodelk} fop: an internal byte-range lock in a {@code domain}, on an open file.
 */
public record Finodelk(
        CallContext caller,
        String domain,
        Fd fd,
        LkCmd cmd,
        Flock flock,
        Xdata xdata) implements FopRequest<FinodelkReply>, FdFop {

    public Finodelk {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(flock, "flock");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FINODELK;
    }

    @Override
    public Finodelk withXdata(Xdata newXdata) {
        return new Finodelk(caller, domain, fd, cmd, flock, newXdata);
    }
}
