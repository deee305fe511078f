package io.rxlator.xlators.storage.common;

import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;

/**
 * POSIX permission checks against a caller's identity: what {@code access(2)} and the
 * kernel's permission checks decide, for storage that enforces them itself.
 */
public final class Permissions {

    public static final int F_OK = 0;
    public static final int X_OK = 1;
    public static final int W_OK = 2;
    public static final int R_OK = 4;

    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;
    public static final int S_ISVTX = 01000;

    private Permissions() {
    }

    /**
     * True if {@code caller} may access a file of this mode and owner for every bit of
     * {@code mask}. Root may read and write anything and execute what anybody may execute
     * (and search any directory).
     */
    public static boolean allowed(CallContext caller, int prot, int uid, int gid, boolean directory, int mask) {
        int want = mask & 7;
        if (caller.isRoot()) {
            if ((want & X_OK) == 0) {
                return true;
            }
            return directory || (prot & 0111) != 0;
        }
        int bits;
        if (caller.uid() == uid) {
            bits = (prot >> 6) & 7;
        } else if (caller.inGroup(gid)) {
            bits = (prot >> 3) & 7;
        } else {
            bits = prot & 7;
        }
        return (bits & want) == want;
    }

    /** Fails with EACCES unless {@link #allowed}. */
    public static void check(CallContext caller, int prot, int uid, int gid, boolean directory, int mask, String what) {
        if (!allowed(caller, prot, uid, gid, directory, mask)) {
            throw FopException.of(Errno.EACCES, what + ": permission denied for uid " + caller.uid());
        }
    }

    /** The access mask an open with these flags needs. */
    public static int forOpenFlags(int flags) {
        int acc = flags & 3;
        int mask = acc == 0 ? R_OK : acc == 1 ? W_OK : R_OK | W_OK;
        if ((flags & 01000) != 0) { // O_TRUNC
            mask |= W_OK;
        }
        return mask;
    }

    /** True if the caller owns the file or is root (who may chmod, set times, and so on). */
    public static boolean ownerOrRoot(CallContext caller, int uid) {
        return caller.isRoot() || caller.uid() == uid;
    }

    /**
     * The sticky-bit rule for removing or renaming an entry: in a sticky directory only the
     * entry's owner, the directory's owner or root may.
     */
    public static void checkSticky(CallContext caller, int dirProt, int dirUid, int entryUid, String what) {
        if ((dirProt & S_ISVTX) != 0 && !caller.isRoot() && caller.uid() != dirUid && caller.uid() != entryUid) {
            throw FopException.of(Errno.EPERM, what + ": sticky directory, not the owner");
        }
    }
}
