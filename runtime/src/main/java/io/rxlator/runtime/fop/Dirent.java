package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Inode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One directory entry of a {@code readdir} or {@code readdirp} reply ({@code gf_dirent_t}).
 *
 * @param name the entry's name
 * @param ino the inode number
 * @param off the cookie to pass as the offset of the next readdir to continue after this entry
 * @param type the entry's type ({@link IaType#INVAL} when the backend does not know)
 * @param stat the attributes, filled by readdirp only; null otherwise
 * @param inode the inode, filled by readdirp only; null otherwise
 * @param dict per-entry xdata (readdirp), {@link Xdata#EMPTY} when none
 */
public record Dirent(String name, long ino, long off, IaType type, @Nullable Iatt stat, @Nullable Inode inode, Xdata dict) {

    public Dirent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dict, "dict");
    }

    /** A readdir entry: name, inode number, next offset and type. */
    public static Dirent of(String name, long ino, long off, IaType type) {
        return new Dirent(name, ino, off, type, null, null, Xdata.EMPTY);
    }

    public Dirent withStat(@Nullable Iatt newStat, @Nullable Inode newInode) {
        return new Dirent(name, ino, off, type, newStat, newInode, dict);
    }
}
