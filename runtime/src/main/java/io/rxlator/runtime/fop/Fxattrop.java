package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code fxattrop} fop: atomically combines values with an open file's extended attributes.
 */
public record Fxattrop(
        CallContext caller,
        Fd fd,
        XattropType optype,
        Xattrs dict,
        Xdata xdata) implements FopRequest<FxattropReply>, FdFop {

    public Fxattrop {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(optype, "optype");
        Objects.requireNonNull(dict, "dict");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FXATTROP;
    }

    @Override
    public Fxattrop withXdata(Xdata newXdata) {
        return new Fxattrop(caller, fd, optype, dict, newXdata);
    }
}
