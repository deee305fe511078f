package io.rxlator.runtime.inode;

import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.IaType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file or directory as the runtime knows it (GlusterFS's {@code inode_t}): its gfid and
 * type, the names it is known by (dentries), how many times the kernel has looked it up,
 * and one typed context slot per translator ({@link ContextKey}).
 *
 * <p>A fresh inode ({@link InodeTable#newInode()}) has no gfid; it gets one when a reply is
 * linked into the table ({@link InodeTable#link}). Translators may put context on an inode
 * before it is linked, as GlusterFS translators do with {@code loc->inode} in a lookup.
 */
public final class Inode extends ContextHolder {

    private final InodeTable table;
    private volatile Gfid gfid = Gfid.NULL;
    private volatile IaType type = IaType.INVAL;

    // Guarded by the table's lock.
    long nlookup;
    int refs;
    final List<Dentry> dentries = new ArrayList<>(1);
    boolean linked;
    boolean passive;
    /** Purged from its table; never linked again (a reply for its gfid gets a new inode). */
    boolean dead;
    // Written under the table's lock, read without it.
    volatile ConcurrentHashMap<String, Dentry> children;

    Inode(InodeTable table) {
        this.table = table;
    }

    Inode(InodeTable table, Gfid gfid, IaType type) {
        this.table = table;
        this.gfid = gfid;
        this.type = type;
    }

    public InodeTable table() {
        return table;
    }

    /** The gfid, or {@link Gfid#NULL} until the inode is linked. */
    public Gfid gfid() {
        return gfid;
    }

    /** The type, or {@link IaType#INVAL} until the inode is linked. */
    public IaType type() {
        return type;
    }

    public boolean isRoot() {
        return gfid.isRoot();
    }

    public boolean isDirectory() {
        return type == IaType.DIRECTORY;
    }

    /** True while the inode is in its table (linked and not yet purged). */
    public boolean isLinked() {
        synchronized (table.lock) {
            return linked;
        }
    }

    /** How many open fds and child names hold this inode active. */
    public int refs() {
        synchronized (table.lock) {
            return refs;
        }
    }

    /** How many lookups the kernel holds on this inode. */
    public long nlookup() {
        synchronized (table.lock) {
            return nlookup;
        }
    }

    /** The names this inode is known by right now, as (parent, name) pairs. */
    public List<Dentry> dentries() {
        synchronized (table.lock) {
            return List.copyOf(dentries);
        }
    }

    void bind(Gfid g, IaType t) {
        gfid = g;
        type = t;
    }

    @Override
    public String toString() {
        return "Inode[" + gfid + " " + type + "]";
    }
}
