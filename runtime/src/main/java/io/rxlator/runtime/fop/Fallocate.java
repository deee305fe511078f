package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code fallocate} fop: allocates space; {@code mode} holds FALLOC_FL_* flags such as KEEP_SIZE (1).
 */
public record Fallocate(
        CallContext caller,
        Fd fd,
        int mode,
        long offset,
        long len,
        Xdata xdata) implements FopRequest<FallocateReply>, FdFop {

    public Fallocate {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FALLOCATE;
    }

    @Override
    public Fallocate withXdata(Xdata newXdata) {
        return new Fallocate(caller, fd, mode, offset, len, newXdata);
    }
}
