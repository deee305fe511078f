package io.rxlator.runtime.fop;

import java.util.Objects;

/** The reply of {@link Ipc}. */
public record IpcReply(
        Xdata xdata) implements FopReply {

    /** The reply with no xdata. */
    public static final IpcReply EMPTY = new IpcReply(Xdata.EMPTY);

    public IpcReply {
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.IPC;
    }

    @Override
    public IpcReply withXdata(Xdata newXdata) {
        return new IpcReply(newXdata);
    }
}
