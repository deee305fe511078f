package io.rxlator.runtime.fop;

import java.time.Instant;
import java.util.Objects;

/**
 * File attributes, field for field GlusterFS's {@code struct iatt}, with nanosecond times.
 *
 * <p>{@link #ino()} is not stored: as in GlusterFS it is derived from the gfid (the last
 * eight bytes, big-endian), so every mount of the same brick shows the same inode numbers.
 * {@code uid}, {@code gid}, {@code nlink} and {@code blksize} are unsigned 32-bit values in
 * Java ints. {@code prot} holds the twelve permission bits (suid, sgid, sticky, rwx × 3).
 *
 * @param flags the valid-field mask ({@link #VALID_TYPE} … {@link #VALID_GFID})
 */
public record Iatt(
        long flags,
        Gfid gfid,
        IaType type,
        int prot,
        long dev,
        long rdev,
        long size,
        int nlink,
        int uid,
        int gid,
        int blksize,
        long blocks,
        long atimeSec, int atimeNsec,
        long mtimeSec, int mtimeNsec,
        long ctimeSec, int ctimeNsec,
        long btimeSec, int btimeNsec,
        long attributes,
        long attributesMask) {

    public static final long VALID_TYPE = 0x1;
    public static final long VALID_MODE = 0x2;
    public static final long VALID_NLINK = 0x4;
    public static final long VALID_UID = 0x8;
    public static final long VALID_GID = 0x10;
    public static final long VALID_ATIME = 0x20;
    public static final long VALID_MTIME = 0x40;
    public static final long VALID_CTIME = 0x80;
    public static final long VALID_INO = 0x100;
    public static final long VALID_SIZE = 0x200;
    public static final long VALID_BLOCKS = 0x400;
    public static final long VALID_BTIME = 0x800;
    public static final long VALID_GFID = 0x1000;
    /** Every field but btime, which only statx fills. */
    public static final long VALID_BASIC = 0x7FF | VALID_GFID;

    /** The twelve permission bits of a mode. */
    public static final int PROT_MASK = 07777;

    /**
     * The set-ID bits of {@code prot} that Linux clears when a caller without CAP_FSETID writes
     * to or truncates a file: set-user-ID, and set-group-ID when the group may execute (without
     * that it marks mandatory locking and stays).
     */
    public static int setIdBitsClearedByWrite(int prot) {
        int clear = prot & 04000;
        if ((prot & 02010) == 02010) {
            clear |= 02000;
        }
        return clear;
    }

    /** An all-zero iatt of type INVAL with no valid fields. */
    public static final Iatt EMPTY = builder().build();

    public Iatt {
        Objects.requireNonNull(gfid, "gfid");
        Objects.requireNonNull(type, "type");
        if ((prot & ~PROT_MASK) != 0) {
            throw new IllegalArgumentException("prot " + Integer.toOctalString(prot) + " has bits outside 07777");
        }
        checkNsec("atime", atimeNsec);
        checkNsec("mtime", mtimeNsec);
        checkNsec("ctime", ctimeNsec);
        checkNsec("btime", btimeNsec);
    }

    private static void checkNsec(String what, int nsec) {
        if (nsec < 0 || nsec > 999_999_999) {
            throw new IllegalArgumentException(what + " nanoseconds " + nsec + " not in 0..999999999");
        }
    }

    /** The inode number: the last eight gfid bytes, big-endian (1 for the root). */
    public long ino() {
        return gfid.ino();
    }

    /** {@code st_mode}: type bits and permission bits. */
    public int mode() {
        return type.modeBits() | prot;
    }

    public boolean isDirectory() {
        return type == IaType.DIRECTORY;
    }

    public boolean isRegular() {
        return type == IaType.REGULAR;
    }

    public boolean isSymlink() {
        return type == IaType.SYMLINK;
    }

    public Instant atime() {
        return Instant.ofEpochSecond(atimeSec, atimeNsec);
    }

    public Instant mtime() {
        return Instant.ofEpochSecond(mtimeSec, mtimeNsec);
    }

    public Instant ctime() {
        return Instant.ofEpochSecond(ctimeSec, ctimeNsec);
    }

    public Instant btime() {
        return Instant.ofEpochSecond(btimeSec, btimeNsec);
    }

    public Iatt withSize(long newSize) {
        return toBuilder().size(newSize).build();
    }

    public Iatt withGfid(Gfid newGfid) {
        return toBuilder().gfid(newGfid).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Iatt}; every field starts at zero, gfid NULL, type INVAL. */
    public static final class Builder {
        private long flags;
        private Gfid gfid = Gfid.NULL;
        private IaType type = IaType.INVAL;
        private int prot;
        private long dev;
        private long rdev;
        private long size;
        private int nlink;
        private int uid;
        private int gid;
        private int blksize;
        private long blocks;
        private long atimeSec;
        private int atimeNsec;
        private long mtimeSec;
        private int mtimeNsec;
        private long ctimeSec;
        private int ctimeNsec;
        private long btimeSec;
        private int btimeNsec;
        private long attributes;
        private long attributesMask;

        private Builder() {
        }

        private Builder(Iatt a) {
            flags = a.flags;
            gfid = a.gfid;
            type = a.type;
            prot = a.prot;
            dev = a.dev;
            rdev = a.rdev;
            size = a.size;
            nlink = a.nlink;
            uid = a.uid;
            gid = a.gid;
            blksize = a.blksize;
            blocks = a.blocks;
            atimeSec = a.atimeSec;
            atimeNsec = a.atimeNsec;
            mtimeSec = a.mtimeSec;
            mtimeNsec = a.mtimeNsec;
            ctimeSec = a.ctimeSec;
            ctimeNsec = a.ctimeNsec;
            btimeSec = a.btimeSec;
            btimeNsec = a.btimeNsec;
            attributes = a.attributes;
            attributesMask = a.attributesMask;
        }

        public Builder flags(long v) { flags = v; return this; }
        public Builder gfid(Gfid v) { gfid = v; return this; }
        public Builder type(IaType v) { type = v; return this; }
        public Builder prot(int v) { prot = v; return this; }

        /** Sets type and permission bits from an {@code st_mode}. */
        public Builder mode(int mode) {
            type = IaType.ofMode(mode);
            prot = mode & PROT_MASK;
            return this;
        }

        public Builder dev(long v) { dev = v; return this; }
        public Builder rdev(long v) { rdev = v; return this; }
        public Builder size(long v) { size = v; return this; }
        public Builder nlink(int v) { nlink = v; return this; }
        public Builder uid(int v) { uid = v; return this; }
        public Builder gid(int v) { gid = v; return this; }
        public Builder blksize(int v) { blksize = v; return this; }
        public Builder blocks(long v) { blocks = v; return this; }
        public Builder atime(long sec, int nsec) { atimeSec = sec; atimeNsec = nsec; return this; }
        public Builder mtime(long sec, int nsec) { mtimeSec = sec; mtimeNsec = nsec; return this; }
        public Builder ctime(long sec, int nsec) { ctimeSec = sec; ctimeNsec = nsec; return this; }
        public Builder btime(long sec, int nsec) { btimeSec = sec; btimeNsec = nsec; return this; }
        public Builder attributes(long v) { attributes = v; return this; }
        public Builder attributesMask(long v) { attributesMask = v; return this; }

        public Iatt build() {
            return new Iatt(flags, gfid, type, prot, dev, rdev, size, nlink, uid, gid, blksize, blocks,
                    atimeSec, atimeNsec, mtimeSec, mtimeNsec, ctimeSec, ctimeNsec, btimeSec, btimeNsec,
                    attributes, attributesMask);
        }
    }
}
