package io.rxlator.runtime.fop;

/** The type of an entry lock. */
public enum EntrylkType {
    READ(0),
    WRITE(1);

    private final int code;

    EntrylkType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static EntrylkType ofCode(int code) {
        for (EntrylkType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("not an entrylk type: " + code + " (expected 0 read, 1 write)");
    }
}
