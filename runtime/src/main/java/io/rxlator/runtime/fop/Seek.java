package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;

/**
 * The {@code seek} fop: finds the next data or hole at or after {@code offset} (SEEK_DATA / SEEK_HOLE).
 */
public record Seek(
        CallContext caller,
        Fd fd,
        long offset,
        SeekWhat what,
        Xdata xdata) implements FopRequest<SeekReply>, FdFop {

    public Seek {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.SEEK;
    }

    @Override
    public Seek withXdata(Xdata newXdata) {
        return new Seek(caller, fd, offset, what, newXdata);
    }
}
