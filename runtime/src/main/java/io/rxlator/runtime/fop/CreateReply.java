package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import java.util.Objects;

/** The reply of {@link Create}. */
public record CreateReply(
        Fd fd,
        Inode inode,
        Iatt buf,
        Iatt preparent,
        Iatt postparent,
        Xdata xdata) implements FopReply {

    public CreateReply {
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(inode, "inode");
        Objects.requireNonNull(buf, "buf");
        Objects.requireNonNull(preparent, "preparent");
        Objects.requireNonNull(postparent, "postparent");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.CREATE;
    }

    @Override
    public CreateReply withXdata(Xdata newXdata) {
        return new CreateReply(fd, inode, buf, preparent, postparent, newXdata);
    }
}
