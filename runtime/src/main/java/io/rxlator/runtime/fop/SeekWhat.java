package io.rxlator.runtime.fop;

/** What {@code seek} looks for: the next data ({@code SEEK_DATA}) or the next hole ({@code SEEK_HOLE}). */
public enum SeekWhat {
    DATA(0),
    HOLE(1);

    private final int code;

    SeekWhat(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static SeekWhat ofCode(int code) {
        for (SeekWhat w : values()) {
            if (w.code == code) {
                return w;
            }
        }
        throw new IllegalArgumentException("not a seek type: " + code + " (expected 0 DATA, 1 HOLE)");
    }
}
