package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Inode;
import java.util.Objects;

/** The reply of {@link Put}. */
public record PutReply(
        Inode inode,
        Iatt buf,
        Iatt preparent,
        Iatt postparent,
        Xdata xdata) implements FopReply {

    public PutReply {
        Objects.requireNonNull(inode, "inode");
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(preparent, "preparent");
        Objects.requireNonNull(postparent, "postparent");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.PUT;
    }

    @Override
    public PutReply withXdata(Xdata newXdata) {
        return new PutReply(inode, buf, preparent, postparent, newXdata);
    }
}
