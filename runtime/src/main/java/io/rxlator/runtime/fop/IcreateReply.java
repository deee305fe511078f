package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Inode;
import java.util.Objects;

/** The reply of {@link Icreate}. */
public record IcreateReply(
        Inode inode,
        Iatt buf,
        Xdata xdata) implements FopReply {

    public IcreateReply {
        Objects.requireNonNull(inode, "inode");
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.ICREATE;
    }

    @Override
    public IcreateReply withXdata(Xdata newXdata) {
        return new IcreateReply(inode, buf, newXdata);
    }
}
