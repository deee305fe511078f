package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code fgetxattr} fop: reads extended attributes of an open file (all when {@code name} is null).
 */
public record Fgetxattr(
        CallContext caller,
        Fd fd,
        @Nullable String name,
        Xdata xdata) implements FopRequest<FgetxattrReply>, FdFop {

    public Fgetxattr {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FGETXATTR;
    }

    @Override
    public Fgetxattr withXdata(Xdata newXdata) {
        return new Fgetxattr(caller, fd, name, newXdata);
    }
}
