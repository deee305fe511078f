package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Xattrop}. */
public record XattropReply(
        Xattrs dict,
        Xdata xdata) implements FopReply {

    public XattropReply {
        Objects.requireNonNull(dict, "dict");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.XATTROP;
    }

    @Override
    public XattropReply withXdata(Xdata newXdata) {
        return new XattropReply(dict, newXdata);
    }
}
