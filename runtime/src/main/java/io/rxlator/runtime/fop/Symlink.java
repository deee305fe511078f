package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code symlink} fop: creates a symbolic link at {@code loc} pointing to {@code linkname}.
 */
public record Symlink(
        CallContext caller,
        String linkname,
        Loc loc,
        int umask,
        Xdata xdata) implements FopRequest<SymlinkReply>, LocFop {

    public Symlink {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(linkname, "linkname");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.SYMLINK;
    }

    @Override
    public Symlink withXdata(Xdata newXdata) {
        return new Symlink(caller, linkname, loc, umask, newXdata);
    }
}
