package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code fremovexattr} fop: removes an extended attribute of an open file.
 */
public record Fremovexattr(
        CallContext caller,
        Fd fd,
        String name,
        Xdata xdata) implements FopRequest<FremovexattrReply>, FdFop {

    public Fremovexattr {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FREMOVEXATTR;
    }

    @Override
    public Fremovexattr withXdata(Xdata newXdata) {
        return new Fremovexattr(caller, fd, name, newXdata);
    }
}
