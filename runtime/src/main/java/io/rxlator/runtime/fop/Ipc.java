package io.rxlator.runtime.fop;

import java.util.Objects;

/**
 * The {@code ipc} fop: a translator-to-translator message with no file attached.
 */
public record Ipc(
        CallContext caller,
        int op,
        Xdata xdata) implements FopRequest<IpcReply> {

    public Ipc {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(xdata, "xdata");
    }

    @Override
    public FopType type() {
        return FopType.IPC;
    }

    @Override
    public Ipc withXdata(Xdata newXdata) {
        return new Ipc(caller, op, newXdata);
    }
}
