package io.rxlator.runtime.fop;

/**
 * A file's type, numbered as GlusterFS's {@code ia_type_t}, with the {@code S_IF*} mode bits
 * and the {@code DT_*} directory-entry type that go with it.
 */
public enum IaType {
    INVAL(0, 0, 0),
    REGULAR(1, 0100000, 8),
    DIRECTORY(2, 0040000, 4),
    SYMLINK(3, 0120000, 10),
    BLOCK_DEVICE(4, 0060000, 6),
    CHAR_DEVICE(5, 0020000, 2),
    FIFO(6, 0010000, 1),
    SOCKET(7, 0140000, 12);

    /** The {@code S_IFMT} mask of a mode. */
    public static final int S_IFMT = 0170000;

    private static final IaType[] BY_NUMBER = values();

    private final int number;
    private final int modeBits;
    private final int direntType;

    IaType(int number, int modeBits, int direntType) {
        this.number = number;
        this.modeBits = modeBits;
        this.direntType = direntType;
    }

    /** The {@code ia_type_t} value. */
    public int number() {
        return number;
    }

    /** The {@code S_IF*} bits of a mode of this type (0 for {@link #INVAL}). */
    public int modeBits() {
        return modeBits;
    }

    /** The {@code DT_*} value readdir reports for this type ({@code DT_UNKNOWN} = 0 for INVAL). */
    public int direntType() {
        return direntType;
    }

    /** The type from an {@code ia_type_t} number. */
    public static IaType ofNumber(int number) {
        if (number < 0 || number >= BY_NUMBER.length) {
            throw new IllegalArgumentException("not an ia_type: " + number + " (expected 0..7)");
        }
        return BY_NUMBER[number];
    }

    /** The type the {@code S_IFMT} bits of {@code mode} name; {@link #INVAL} if none. */
    public static IaType ofMode(int mode) {
        int fmt = mode & S_IFMT;
        for (IaType t : BY_NUMBER) {
            if (t.modeBits == fmt && t != INVAL) {
                return t;
            }
        }
        return INVAL;
    }

    /** The type a {@code DT_*} value names; {@link #INVAL} for DT_UNKNOWN or anything else. */
    public static IaType ofDirentType(int dtype) {
        for (IaType t : BY_NUMBER) {
            if (t.direntType == dtype) {
                return t;
            }
        }
        return INVAL;
    }
}
