package io.rxlator.runtime.fop;

import java.util.List;
import java.util.Objects;

/** The reply of {@link Readdir}. */
public record ReaddirReply(
        List<Dirent> entries,
        Xdata xdata) implements FopReply {

    public ReaddirReply {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.READDIR;
    }

    @Override
    public ReaddirReply withXdata(Xdata newXdata) {
        return new ReaddirReply(entries, newXdata);
    }
}
