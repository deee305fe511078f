package io.rxlator.runtime.fop;

import java.util.List;
import java.util.Objects;

/** The reply of {@link Readdirp}. */
public record ReaddirpReply(
        List<Dirent> entries,
        Xdata xdata) implements FopReply {

    public ReaddirpReply {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.READDIRP;
    }

    @Override
    public ReaddirpReply withXdata(Xdata newXdata) {
        return new ReaddirpReply(entries, newXdata);
    }
}
