package io.rxlator.runtime.fop;

import java.util.List;
import java.util.Objects;

/**
 * The {@code setactivelk} fop: re-creates posix locks on a file, for migration.
 */
public record Setactivelk(
        CallContext caller,
        Loc loc,
        List<ActiveLock> locks,
        Xdata xdata) implements FopRequest<SetactivelkReply>, LocFop {

    public Setactivelk {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        locks = List.copyOf(Objects.requireNonNull(locks, "locks"));
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.SETACTIVELK;
    }

    @Override
    public Setactivelk withXdata(Xdata newXdata) {
        return new Setactivelk(caller, loc, locks, newXdata);
    }
}
