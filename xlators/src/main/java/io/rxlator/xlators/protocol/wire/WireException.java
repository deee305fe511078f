package io.rxlator.xlators.protocol.wire;

/**
 * A frame that cannot be decoded: truncated, lying about a length, naming an unknown fop or
 * type, holding text that is not UTF-8. The message says what was wrong and at which byte of
 * the frame; the connection that sent it is closed, nothing else is affected.
 */
public final class WireException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WireException(String message) {
        super(message, null, false, false);
    }
}
