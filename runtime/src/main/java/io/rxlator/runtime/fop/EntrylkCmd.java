package io.rxlator.runtime.fop;

/** The command of an {@code entrylk} or {@code fentrylk}. */
public enum EntrylkCmd {
    LOCK(0),
    UNLOCK(1),
    LOCK_NB(2);

    private final int code;

    EntrylkCmd(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static EntrylkCmd ofCode(int code) {
        for (EntrylkCmd c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("not an entrylk command: " + code + " (expected 0 LOCK, 1 UNLOCK, 2 LOCK_NB)");
    }
}
