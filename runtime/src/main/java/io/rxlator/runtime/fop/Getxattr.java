package io.rxlator.runtime.fop;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code getxattr} fop: reads one extended attribute, or all of them when {@code name} is null.
 */
public record Getxattr(
        CallContext caller,
        Loc loc,
        @Nullable String name,
        Xdata xdata) implements FopRequest<GetxattrReply>, LocFop {

    public Getxattr {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.GETXATTR;
    }

    @Override
    public Getxattr withXdata(Xdata newXdata) {
        return new Getxattr(caller, loc, name, newXdata);
    }
}
