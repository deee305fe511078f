package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code fsetattr} fop: changes the attributes of an open file that {@code valid} selects.
 */
public record Fsetattr(
        CallContext caller,
        Fd fd,
        Iatt stbuf,
        int valid,
        Xdata xdata) implements FopRequest<FsetattrReply>, FdFop {

    public Fsetattr {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(stbuf, "stbuf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FSETATTR;
    }

    @Override
    public Fsetattr withXdata(Xdata newXdata) {
        return new Fsetattr(caller, fd, stbuf, valid, newXdata);
    }
}
