package io.rxlator.runtime.option;

/**
 * A value that an option does not accept, or a key no option declares. The message says
 * what was wrong and what was expected; {@link #key()} and {@link #value()} say where.
 */
public final class OptionException extends Exception {

    private final String key;
    private final String value;

    public OptionException(String key, String value, String message) {
        super(message, null, false, false);
        this.key = key;
        this.value = value;
    }

    /** The option key as written. */
    public String key() {
        return key;
    }

    /** The value as written, or null when the problem is with the key alone. */
    public String value() {
        return value;
    }
}
