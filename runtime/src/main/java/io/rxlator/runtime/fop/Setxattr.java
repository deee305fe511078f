package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code setxattr} fop: sets extended attributes; {@code flags} is XATTR_CREATE (1) or XATTR_REPLACE (2) or 0.
 */
public record Setxattr(
        CallContext caller,
        Loc loc,
        Xattrs dict,
        int flags,
        Xdata xdata) implements FopRequest<SetxattrReply>, LocFop {

    public Setxattr {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(dict, "dict");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.SETXATTR;
    }

    @Override
    public Setxattr withXdata(Xdata newXdata) {
        return new Setxattr(caller, loc, dict, flags, newXdata);
    }
}
