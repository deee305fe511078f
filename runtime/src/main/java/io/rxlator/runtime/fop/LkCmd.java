package io.rxlator.runtime.fop;

/**
 * The command of an {@code lk}, {@code inodelk} or {@code finodelk}: test for a conflicting
 * lock, take or release one without waiting, or wait until it can be taken.
 */
public enum LkCmd {
    GETLK(0),
    SETLK(1),
    SETLKW(2);

    private final int code;

    LkCmd(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static LkCmd ofCode(int code) {
        for (LkCmd c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a lock command: " + code + " (expected 0 GETLK, 1 SETLK, 2 SETLKW)");
    }
}
