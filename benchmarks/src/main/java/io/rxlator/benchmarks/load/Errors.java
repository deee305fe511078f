package io.rxlator.benchmarks.load;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Names a failed operation by its errno, whichever target it came from. */
final class Errors {

    private Errors() {
    }

    /** ENOENT, EEXIST, ... or, for a failure that carries none, its class name. */
    static String name(Throwable t) {
        Throwable e = t instanceof UncheckedIOException u ? u.getCause() : t;
        if (e instanceof FopException f) {
            return f.errno().name();
        }
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT.name();
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EEXIST.name();
        }
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES.name();
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.ENOTEMPTY.name();
        }
        if (e instanceof NotDirectoryException) {
            return Errno.ENOTDIR.name();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            for (Errno errno : Errno.values()) {
                if (fs.getReason().equals(errno.message())) {
                    return errno.name();
                }
            }
        }
        if (e instanceof IOException && e.getMessage() != null) {
            for (Errno errno : Errno.values()) {
                if (e.getMessage().contains(errno.message())) {
                    return errno.name();
                }
            }
        }
        return e.getClass().getSimpleName();
    }

    static boolean isEnoent(Throwable t) {
        return name(t).equals(Errno.ENOENT.name());
    }
}
