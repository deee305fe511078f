package io.rxlator.runtime.fop;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code entrylk} fop: an internal lock on a name in a directory (the whole directory when {@code basename} is null).
 */
public record Entrylk(
        CallContext caller,
        String domain,
        Loc loc,
        @Nullable String basename,
        EntrylkCmd cmd,
        EntrylkType entrylkType,
        Xdata xdata) implements FopRequest<EntrylkReply>, LocFop {

    public Entrylk {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(loc, "loc");
        Objects.requireNonNull(cmd, "cmd");
        Objects.requireNonNull(entrylkType, "entrylkType");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.ENTRYLK;
    }

    @Override
    public Entrylk withXdata(Xdata newXdata) {
        return new Entrylk(caller, domain, loc, basename, cmd, entrylkType, newXdata);
    }
}
