package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Getxattr}. */
public record GetxattrReply(
        Xattrs dict,
        Xdata xdata) implements FopReply {

    public GetxattrReply {
        Objects.requireNonNull(dict, "dict");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.GETXATTR;
    }

    @Override
    public GetxattrReply withXdata(Xdata newXdata) {
        return new GetxattrReply(dict, newXdata);
    }
}
