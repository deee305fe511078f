package io.rxlator.fuse.internal;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Statvfs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import jnr.ffi.Pointer;

/**
 * A thread's native memory for building what it hands to libfuse: a small area for
 * structures (an entry, a stat, a statvfs, a lock) and a data area for read replies and
 * directory listings. libfuse copies what it is given before a reply call returns, so a
 * reply may be built on any thread, in that thread's scratch.
 */
final class Scratch {

    /** Enough for one request's data: libfuse 2's largest read, with room to spare. */
    static final int DATA_SIZE = 132 * 1024;
    private static final int STRUCT_SIZE = 1024;

    private static final ThreadLocal<Scratch> MINE = ThreadLocal.withInitial(Scratch::new);

    final ByteBuffer struct = ByteBuffer.allocateDirect(STRUCT_SIZE).order(ByteOrder.nativeOrder());
    final Pointer structPtr = Pointer.wrap(Layout.RUNTIME, struct);
    private ByteBuffer data;
    private Pointer dataPtr;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] nameBytes = new byte[4096];

    static Scratch get() {
        return MINE.get();
    }

    /** The struct area, zeroed over {@code size} bytes. */
    Pointer structs(int size) {
        for (int i = 0; i < size; i += 8) {
            struct.putLong(i, 0L);
        }
        return structPtr;
    }

    /** The data area, cleared. */
    ByteBuffer data() {
        if (data == null) {
            data = ByteBuffer.allocateDirect(DATA_SIZE).order(ByteOrder.nativeOrder());
            dataPtr = Pointer.wrap(Layout.RUNTIME, data);
        }
        data.clear();
        return data;
    }

    Pointer dataPointer() {
        data();
        return dataPtr;
    }

    // ---- struct stat ----

    /** Writes {@code a} as a {@code struct stat} at {@code off} of the struct area. */
    void putStat(int off, Iatt a) {
        ByteBuffer b = struct;
        b.putLong(off + Layout.ST_INO, a.ino());
        b.putInt(off + Layout.ST_MODE, a.mode());
        if (Layout.ST_NLINK_BYTES == 8) {
            b.putLong(off + Layout.ST_NLINK, a.nlink() & 0xFFFFFFFFL);
        } else {
            b.putInt(off + Layout.ST_NLINK, a.nlink());
        }
        b.putInt(off + Layout.ST_UID, a.uid());
        b.putInt(off + Layout.ST_GID, a.gid());
        b.putLong(off + Layout.ST_RDEV, a.rdev());
        b.putLong(off + Layout.ST_SIZE, a.size());
        if (Layout.ST_BLKSIZE_BYTES == 8) {
            b.putLong(off + Layout.ST_BLKSIZE, a.blksize());
        } else {
            b.putInt(off + Layout.ST_BLKSIZE, a.blksize());
        }
        b.putLong(off + Layout.ST_BLOCKS, a.blocks());
        b.putLong(off + Layout.ST_ATIME, a.atimeSec());
        b.putLong(off + Layout.ST_ATIME + 8, a.atimeNsec());
        b.putLong(off + Layout.ST_MTIME, a.mtimeSec());
        b.putLong(off + Layout.ST_MTIME + 8, a.mtimeNsec());
        b.putLong(off + Layout.ST_CTIME, a.ctimeSec());
        b.putLong(off + Layout.ST_CTIME + 8, a.ctimeNsec());
    }

    /** A zeroed {@code struct stat} holding {@code a}. */
    Pointer stat(Iatt a) {
        Pointer p = structs(Layout.STAT_SIZE);
        putStat(0, a);
        return p;
    }

    /** A {@code struct fuse_entry_param}; node 0 with only an entry timeout is a negative entry. */
    Pointer entry(long node, Iatt a, double attrTimeout, double entryTimeout) {
        Pointer p = structs(Layout.ENTRY_SIZE);
        struct.putLong(Layout.E_INO, node);
        struct.putLong(Layout.E_GENERATION, 0);
        if (a != null) {
            putStat(Layout.E_ATTR, a);
        }
        struct.putDouble(Layout.E_ATTR_TIMEOUT, attrTimeout);
        struct.putDouble(Layout.E_ENTRY_TIMEOUT, entryTimeout);
        return p;
    }

    Pointer statvfs(Statvfs v) {
        Pointer p = structs(Layout.STATVFS_SIZE);
        struct.putLong(Layout.F_BSIZE, v.bsize());
        struct.putLong(Layout.F_FRSIZE, v.frsize());
        struct.putLong(Layout.F_BLOCKS, v.blocks());
        struct.putLong(Layout.F_BFREE, v.bfree());
        struct.putLong(Layout.F_BAVAIL, v.bavail());
        struct.putLong(Layout.F_FILES, v.files());
        struct.putLong(Layout.F_FFREE, v.ffree());
        struct.putLong(Layout.F_FAVAIL, v.favail());
        struct.putLong(Layout.F_FSID, v.fsid());
        struct.putLong(Layout.F_FLAG, v.flag());
        struct.putLong(Layout.F_NAMEMAX, v.namemax());
        return p;
    }

    /** A {@code struct flock}. */
    Pointer flock(short type, long start, long len, int pid) {
        Pointer p = structs(Layout.FLOCK_SIZE);
        struct.putShort(Layout.L_TYPE, type);
        struct.putShort(Layout.L_WHENCE, (short) 0);
        struct.putLong(Layout.L_START, start);
        struct.putLong(Layout.L_LEN, len);
        struct.putInt(Layout.L_PID, pid);
        return p;
    }

    // ---- strings ----

    /**
     * The NUL-terminated name at {@code p}, which must be valid UTF-8: a name that is not is
     * refused (EILSEQ) rather than changed, since a changed name could never be found again.
     */
    String name(Pointer p) {
        int len = p.indexOf(0, (byte) 0, nameBytes.length);
        if (len < 0) {
            throw FopException.of(Errno.ENAMETOOLONG, "a name of more than " + nameBytes.length + " bytes");
        }
        p.get(0, nameBytes, 0, len);
        boolean ascii = true;
        for (int i = 0; i < len; i++) {
            if (nameBytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(nameBytes, 0, len, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer c = utf8.reset().decode(ByteBuffer.wrap(nameBytes, 0, len));
            return c.toString();
        } catch (CharacterCodingException e) {
            throw FopException.of(Errno.EILSEQ, "the name is not valid UTF-8");
        }
    }

    /** {@code s} as NUL-terminated UTF-8. */
    static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] c = new byte[b.length + 1];
        System.arraycopy(b, 0, c, 0, b.length);
        return c;
    }
}
