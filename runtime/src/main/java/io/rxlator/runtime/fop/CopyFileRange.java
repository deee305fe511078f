package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code copyFileRange} fop: copies {@code len} bytes between two open files without passing them through the caller.
 */
public record CopyFileRange(
        CallContext caller,
        Fd fdIn,
        long offIn,
        Fd fdOut,
        long offOut,
        long len,
        int flags,
        Xdata xdata) implements FopRequest<CopyFileRangeReply> {

    public CopyFileRange {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fdIn, "fdIn");
        Objects.requireNonNull(fdOut, "fdOut");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.COPY_FILE_RANGE;
    }

    @Override
    public CopyFileRange withXdata(Xdata newXdata) {
        return new CopyFileRange(caller, fdIn, offIn, fdOut, offOut, len, flags, newXdata);
    }
}
