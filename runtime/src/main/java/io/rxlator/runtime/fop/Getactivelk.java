package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code getactivelk} fop: lists the posix locks held on a file, for migration.
 */
public record Getactivelk(
        CallContext caller,
        Loc loc,
        Xdata xdata) implements FopRequest<GetactivelkReply>, LocFop {

    public Getactivelk {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.GETACTIVELK;
    }

    @Override
    public Getactivelk withXdata(Xdata newXdata) {
        return new Getactivelk(caller, loc, newXdata);
    }
}
