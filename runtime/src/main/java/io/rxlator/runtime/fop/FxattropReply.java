package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Fxattrop}. */
public record FxattropReply(
        Xattrs dict,
        Xdata xdata) implements FopReply {

    public FxattropReply {
        Objects.requireNonNull(dict, "dict");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FXATTROP;
    }

    @Override
    public FxattropReply withXdata(Xdata newXdata) {
        return new FxattropReply(dict, newXdata);
    }
}
