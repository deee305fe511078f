package io.rxlator.runtime.fop;

import io.rxlator.runtime.inode.Inode;
import org.jspecify.annotations.Nullable;

/**
 * Where an entry or inode fop acts (GlusterFS's {@code loc_t}): a path and name for humans
 * and for path-based backends, the inode and parent inode for translators' context, and
 * the gfids, which are what really identifies things.
 *
 * <p>A loc with only a gfid (no path, no parent) is "nameless": the file is found by gfid.
 * For a name being created, {@code inode} is a fresh unlinked inode, {@code gfid} is null
 * ({@link Gfid#NULL}) and {@code pargfid} names the directory.
 *
 * @param path the full path from the mount's root, or null when only the gfid is known
 * @param name the last path component, or null for a nameless loc and for the root
 * @param inode the inode, or null
 * @param parent the parent directory's inode, or null
 * @param gfid the file's gfid, {@link Gfid#NULL} when not (yet) known
 * @param pargfid the parent's gfid, {@link Gfid#NULL} when not known
 */
public record Loc(
        @Nullable String path,
        @Nullable String name,
        @Nullable Inode inode,
        @Nullable Inode parent,
        Gfid gfid,
        Gfid pargfid) {

    public Loc {
        if (gfid == null) {
            gfid = Gfid.NULL;
        }
        if (pargfid == null) {
            pargfid = Gfid.NULL;
        }
    }

    /** The root directory of {@code root}'s table. */
    public static Loc root(Inode root) {
        return new Loc("/", null, root, null, Gfid.ROOT, Gfid.NULL);
    }

    /** A loc that names a known inode by gfid only. */
    public static Loc nameless(Inode inode) {
        return new Loc(null, null, inode, null, inode.gfid(), Gfid.NULL);
    }

    /** A loc that names a file by gfid only, with no inode at hand. */
    public static Loc nameless(Gfid gfid) {
        return new Loc(null, null, null, null, gfid, Gfid.NULL);
    }

    /**
     * The entry {@code name} inside this directory loc. {@code inode} is the entry's inode if
     * known (its gfid is copied), or a fresh inode for a name being looked up or created.
     */
    public Loc child(String name, @Nullable Inode inode) {
        String p = path == null ? null : (path.endsWith("/") ? path + name : path + "/" + name);
        Gfid g = inode == null ? Gfid.NULL : inode.gfid();
        return new Loc(p, name, inode, this.inode, g, effectiveGfid());
    }

    /** The file's gfid: the loc's own, or else its inode's. */
    public Gfid effectiveGfid() {
        if (!gfid.isNull()) {
            return gfid;
        }
        return inode == null ? Gfid.NULL : inode.gfid();
    }

    /** The parent's gfid: the loc's own, or else the parent inode's. */
    public Gfid effectiveParentGfid() {
        if (!pargfid.isNull()) {
            return pargfid;
        }
        return parent == null ? Gfid.NULL : parent.gfid();
    }

    /** True when the loc names its file only by gfid. */
    public boolean isNameless() {
        return name == null && path == null && !isRootLoc();
    }

    private boolean isRootLoc() {
        return gfid.isRoot() || (inode != null && inode.isRoot());
    }

    public Loc withInode(@Nullable Inode newInode) {
        return new Loc(path, name, newInode, parent, newInode == null ? gfid : newInode.gfid(), pargfid);
    }

    @Override
    public String toString() {
        if (path != null) {
            return path;
        }
        if (!pargfid.isNull() && name != null) {
            return "<gfid:" + pargfid + ">/" + name;
        }
        return "<gfid:" + effectiveGfid() + ">";
    }
}
