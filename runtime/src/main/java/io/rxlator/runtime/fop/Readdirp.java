package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code readdirp} fop: like readdir, with each entry's attributes (and inode) filled in.
 */
public record Readdirp(
        CallContext caller,
        Fd fd,
        int size,
        long offset,
        Xdata xdata) implements FopRequest<ReaddirpReply>, FdFop {

    public Readdirp {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.READDIRP;
    }

    @Override
    public Readdirp withXdata(Xdata newXdata) {
        return new Readdirp(caller, fd, size, offset, newXdata);
    }
}
