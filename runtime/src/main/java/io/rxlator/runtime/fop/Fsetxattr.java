package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code fsetxattr} fop: sets extended attributes of an open file.
 */
public record Fsetxattr(
        CallContext caller,
        Fd fd,
        Xattrs dict,
        int flags,
        Xdata xdata) implements FopRequest<FsetxattrReply>, FdFop {

    public Fsetxattr {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(dict, "dict");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FSETXATTR;
    }

    @Override
    public Fsetxattr withXdata(Xdata newXdata) {
        return new Fsetxattr(caller, fd, dict, flags, newXdata);
    }
}
