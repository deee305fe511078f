package io.rxlator.runtime.fop;

import java.util.List;
import java.util.Objects;

/** The reply of {@link Getactivelk}. */
public record GetactivelkReply(
        List<ActiveLock> locks,
        Xdata xdata) implements FopReply {

    public GetactivelkReply {
        locks = List.copyOf(Objects.requireNonNull(locks, "locks"));
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.GETACTIVELK;
    }

    @Override
    public GetactivelkReply withXdata(Xdata newXdata) {
        return new GetactivelkReply(locks, newXdata);
    }
}
