package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code rename} fop: moves {@code oldloc} to {@code newloc}, replacing what {@code newloc} named.
 */
public record Rename(
        CallContext caller,
        Loc oldloc,
        Loc newloc,
        Xdata xdata) implements FopRequest<RenameReply> {

    public Rename {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(oldloc, "oldloc");
        Objects.requireNonNull(newloc, "newloc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.RENAME;
    }

    @Override
    public Rename withXdata(Xdata newXdata) {
        return new Rename(caller, oldloc, newloc, newXdata);
    }
}
