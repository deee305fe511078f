package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code readlink} fop: the target of a symbolic link, at most {@code size} bytes.
 */
public record Readlink(
        CallContext caller,
        Loc loc,
        int size,
        Xdata xdata) implements FopRequest<ReadlinkReply>, LocFop {

    public Readlink {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.READLINK;
    }

    @Override
    public Readlink withXdata(Xdata newXdata) {
        return new Readlink(caller, loc, size, newXdata);
    }
}
