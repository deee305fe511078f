package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link CopyFileRange}. */
public record CopyFileRangeReply(
        long copied,
        Iatt stbuf,
        Iatt prebufDst,
        Iatt postbufDst,
        Xdata xdata) implements FopReply {

    public CopyFileRangeReply {
        Objects.requireNonNull(stbuf, "stbuf");
        Objects.requireNonNull(prebufDst, "prebufDst");
        Objects.requireNonNull(postbufDst, "postbufDst");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.COPY_FILE_RANGE;
    }

    @Override
    public CopyFileRangeReply withXdata(Xdata newXdata) {
        return new CopyFileRangeReply(copied, stbuf, prebufDst, postbufDst, newXdata);
    }
}
