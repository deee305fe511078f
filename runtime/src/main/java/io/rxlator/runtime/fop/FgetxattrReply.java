package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Fgetxattr}. */
public record FgetxattrReply(
        Xattrs dict,
        Xdata xdata) implements FopReply {

    public FgetxattrReply {
        Objects.requireNonNull(dict, "dict");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FGETXATTR;
    }

    @Override
    public FgetxattrReply withXdata(Xdata newXdata) {
        return new FgetxattrReply(dict, newXdata);
    }
}
