package io.rxlator.runtime.fop;

/**
 * The bits of {@link Setattr#valid()} and {@link Fsetattr#valid()}: which fields of the
 * given iatt to apply ({@code GF_SET_ATTR_*}).
 */
public final class SetattrValid {

    public static final int MODE = 0x1;
    public static final int UID = 0x2;
    public static final int GID = 0x4;
    public static final int SIZE = 0x8;
    public static final int ATIME = 0x10;
    public static final int MTIME = 0x20;
    public static final int CTIME = 0x40;
    /** Set atime to the current time rather than the given one. */
    public static final int ATIME_NOW = 0x80;
    /** Set mtime to the current time rather than the given one. */
    public static final int MTIME_NOW = 0x100;

    /** Every defined bit. */
    public static final int ALL = 0x1FF;

    private SetattrValid() {
    }
}
