package io.rxlator.runtime.fop;

/**
 * How {@code xattrop}/{@code fxattrop} combines the given values with the stored ones.
 * {@code ADD_ARRAY} adds big-endian int32 elements, {@code ADD_ARRAY64} int64 elements; the
 * {@code _WITH_DEFAULT} variants store value + default (the second half of the array) when the
 * stored value is absent or zero.
 */
public enum XattropType {
    ADD_ARRAY(0),
    ADD_ARRAY64(1),
    OR_ARRAY(2),
    AND_ARRAY(3),
    GET_AND_SET(4),
    ADD_ARRAY_WITH_DEFAULT(5),
    ADD_ARRAY64_WITH_DEFAULT(6);

    private final int code;

    XattropType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static XattropType ofCode(int code) {
        for (XattropType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("not an xattrop type: " + code + " (expected 0..6)");
    }
}
