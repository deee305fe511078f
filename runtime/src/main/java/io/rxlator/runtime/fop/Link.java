package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code link} fop: adds the name {@code newloc} for the file at {@code oldloc}.
 */
public record Link(
        CallContext caller,
        Loc oldloc,
        Loc newloc,
        Xdata xdata) implements FopRequest<LinkReply> {

    public Link {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(oldloc, "oldloc");
        Objects.requireNonNull(newloc, "newloc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.LINK;
    }

    @Override
    public Link withXdata(Xdata newXdata) {
        return new Link(caller, oldloc, newloc, newXdata);
    }
}
