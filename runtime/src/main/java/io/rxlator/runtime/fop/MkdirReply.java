package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Inode;
import java.util.Objects;

/** The reply of {@link Mkdir}. */
public record MkdirReply(
        Inode inode,
        Iatt buf,
        Iatt preparent,
        Iatt postparent,
        Xdata xdata) implements FopReply {

    public MkdirReply {
        Objects.requireNonNull(inode, "inode");
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(preparent, "preparent");
        Objects.requireNonNull(postparent, "postparent");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.MKDIR;
    }

    @Override
    public MkdirReply withXdata(Xdata newXdata) {
        return new MkdirReply(inode, buf, preparent, postparent, newXdata);
    }
}
