package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Inode;
import java.util.Objects;

/** The reply of {@link Symlink}. */
public record SymlinkReply(
        Inode inode,
        Iatt buf,
        Iatt preparent,
        Iatt postparent,
        Xdata xdata) implements FopReply {

    public SymlinkReply {
        Objects.requireNonNull(inode, "inode");
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(preparent, "preparent");
        Objects.requireNonNull(postparent, "postparent");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.SYMLINK;
    }

    @Override
    public SymlinkReply withXdata(Xdata newXdata) {
        return new SymlinkReply(inode, buf, preparent, postparent, newXdata);
    }
}
