package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Inode;
import java.util.Objects;

/** The reply of {@link Mknod}. */
public record MknodReply(
        Inode inode,
        Iatt buf,
        Iatt preparent,
        Iatt postparent,
        Xdata xdata) implements FopReply {

    public MknodReply {
        Objects.requireNonNull(inode, "inode");
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(preparent, "preparent");
        Objects.requireNonNull(postparent, "postparent");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.MKNOD;
    }

    @Override
    public MknodReply withXdata(Xdata newXdata) {
        return new MknodReply(inode, buf, preparent, postparent, newXdata);
    }
}
