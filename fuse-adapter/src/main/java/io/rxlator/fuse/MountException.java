package io.rxlator.fuse;

import java.io.IOException;

/** A mount that could not be made, with a message saying why and what to do. */
public final class MountException extends IOException {

    private static final long serialVersionUID = 1L;

    public MountException(String message) {
        super(message);
    }

    public MountException(String message, Throwable cause) {
        super(message, cause);
    }
}
