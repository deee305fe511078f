package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Rename}. */
public record RenameReply(
        Iatt buf,
        Iatt preoldparent,
        Iatt postoldparent,
        Iatt prenewparent,
        Iatt postnewparent,
        Xdata xdata) implements FopReply {

    public RenameReply {
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(preoldparent, "preoldparent");
        Objects.requireNonNull(postoldparent, "postoldparent");
        Objects.requireNonNull(prenewparent, "prenewparent");
        Objects.requireNonNull(postnewparent, "postnewparent");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.RENAME;
    }

    @Override
    public RenameReply withXdata(Xdata newXdata) {
        return new RenameReply(buf, preoldparent, postoldparent, prenewparent, postnewparent, newXdata);
    }
}
