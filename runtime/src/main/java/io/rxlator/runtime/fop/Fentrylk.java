package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Fd;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code fentrylk} fop: an internal lock on a name in an open directory.
 */
public record Fentrylk(
        CallContext caller,
        String domain,
        Fd fd,
        @Nullable String basename,
        EntrylkCmd cmd,
        EntrylkType entrylkType,
        Xdata xdata) implements FopRequest<FentrylkReply>, FdFop {

    public Fentrylk {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(fd, "fd");
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(entrylkType, "entrylkType");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.FENTRYLK;
    }

    @Override
    public Fentrylk withXdata(Xdata newXdata) {
        return new Fentrylk(caller, domain, fd, basename, cmd, entrylkType, newXdata);
    }
}
