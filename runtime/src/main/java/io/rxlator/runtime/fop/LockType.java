package io.rxlator.runtime.fop;

/** A lock's type as GlusterFS numbers it ({@code GF_LK_F_RDLCK} 0, WRLCK 1, UNLCK 2). */
public enum LockType {
    READ(0),
    WRITE(1),
    UNLOCK(2);

    private final int code;

    LockType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static LockType ofCode(int code) {
        for (LockType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a lock type: " + code + " (expected 0 read, 1 write, 2 unlock)");
    }
}
