package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Inode;
import java.util.Objects;

/** The reply of {@link Lookup}. */
public record LookupReply(
        Inode inode,
        Iatt buf,
        Iatt postparent,
        Xdata xdata) implements FopReply {

    public LookupReply {
        Objects.requireNonNull(inode, "inode");
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(postparent, "postparent");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.LOOKUP;
    }

    @Override
    public LookupReply withXdata(Xdata newXdata) {
        return new LookupReply(inode, buf, postparent, newXdata);
    }
}
