package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code lk} fop: a POSIX byte-range lock on an open file; GETLK replies with the conflicting lock (or type UNLOCK).
 */
public record Lk(
        CallContext caller,
        Fd fd,
        LkCmd cmd,
        Flock flock,
        Xdata xdata) implements FopRequest<LkReply>, FdFop {

    public Lk {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(flock, "flock");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.LK;
    }

    @Override
    public Lk withXdata(Xdata newXdata) {
        return new Lk(caller, fd, cmd, flock, newXdata);
    }
}
