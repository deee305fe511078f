package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code put} fop: creates a file with its data and extended attributes in one call.
 */
public record Put(
        CallContext caller,
        Loc loc,
        int mode,
        int umask,
        int flags,
        Iovec vector,
        long offset,
        Xattrs xattrs,
        Xdata xdata) implements FopRequest<PutReply>, LocFop {

    public Put {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(xattrs, "xattrs");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.PUT;
    }

    @Override
    public Put withXdata(Xdata newXdata) {
        return new Put(caller, loc, mode, umask, flags, vector, offset, xattrs, newXdata);
    }
}
