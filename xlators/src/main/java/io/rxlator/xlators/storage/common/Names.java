package io.rxlator.xlators.storage.common;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Rules for file names and extended attribute names and values, with Linux's limits and errnos. */
public final class Names {

    /** Linux's {@code NAME_MAX}. */
    public static final int NAME_MAX = 255;
    /** Linux's {@code PATH_MAX}, which also bounds a symlink's target. */
    public static final int PATH_MAX = 4096;
    /** Linux's {@code XATTR_NAME_MAX}. */
    public static final int XATTR_NAME_MAX = 255;
    /** Linux's {@code XATTR_SIZE_MAX}. */
    public static final int XATTR_SIZE_MAX = 65536;

    private Names() {
    }

    /** Fails unless {@code name} is one path component: EINVAL for "", ".", "..", '/' or NUL; ENAMETOOLONG. */
    public static void checkComponent(@Nullable String name) {
        if (name == null) {
            throw FopException.of(Errno.EINVAL, "no file name given");
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw FopException.of(Errno.EINVAL, "'" + name + "' is not a file name");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw FopException.of(Errno.ENAMETOOLONG, "name of " + name.length() + " characters is longer than "
                    + NAME_MAX + " bytes");
        }
    }

    /** Fails with ENAMETOOLONG for a symlink target past PATH_MAX, ENOENT for an empty one (as Linux). */
    public static void checkSymlinkTarget(String target) {
        if (target.isEmpty()) {
            throw FopException.of(Errno.ENOENT, "empty symlink target");
        }
        if (target.getBytes(StandardCharsets.UTF_8).length >= PATH_MAX) {
            throw FopException.of(Errno.ENAMETOOLONG, "symlink target longer than " + PATH_MAX + " bytes");
        }
    }

    /**
     * Fails for an extended attribute Linux would refuse: ERANGE for an empty or too long name,
     * E2BIG for a too large value, EOPNOTSUPP for a namespace other than user, trusted, security
     * and system.
     */
    public static void checkXattr(String name, int valueLength) {
        int len = name.getBytes(StandardCharsets.UTF_8).length;
        if (len == 0 || len > XATTR_NAME_MAX) {
            throw FopException.of(Errno.ERANGE, "extended attribute name of " + len + " bytes (1.." + XATTR_NAME_MAX + ")");
        }
        if (valueLength > XATTR_SIZE_MAX) {
            throw FopException.of(Errno.E2BIG, "extended attribute value of " + valueLength + " bytes (at most "
                    + XATTR_SIZE_MAX + ")");
        }
        if (!(name.startsWith("user.") || name.startsWith("trusted.") || name.startsWith("security.")
                || name.startsWith("system."))) {
            throw FopException.of(Errno.EOPNOTSUPP, "extended attribute '" + name + "' is in no known namespace");
        }
    }
}
