package io.rxlator.runtime.inode;

import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.IaType;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.statedump.DumpWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Every inode a mount (or a protocol server) currently knows, by gfid and by name
 * (GlusterFS's {@code inode_table_t}).
 *
 * <p>Life of an inode: {@link #newInode()} for a name not seen before, {@link #link} when a
 * reply gives it a gfid and a name, {@link #lookup} each time the kernel is told about it,
 * {@link #forget} when the kernel lets go. An inode nobody holds (no kernel lookups, no open
 * fds, no child names) becomes passive and waits in an LRU list; past {@code lruLimit}
 * passive inodes, the oldest are purged: their names are dropped, translators get their
 * {@code forget} callback and their context is freed. Inodes with no name left are purged
 * as soon as they become passive. The root is never purged.
 *
 * <p>Thread-safe. Lookups by gfid and by name do not lock; changes take one table lock and
 * callbacks run after it is released.
 */
public final class InodeTable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InodeTable.class);
    private static final int MAX_DEPTH = 4096;

    /** The FUSE bridge's default LRU limit in GlusterFS. */
    public static final int DEFAULT_LRU_LIMIT = 65536;

    /** Receives the table's callbacks; the graph forwards them to translators. */
    public interface Listener {
        /** {@code inode} was purged; its context is dropped when this returns. */
        default void forgotten(Inode inode) {
        }

        /** {@code fd} was released; its context is dropped when this returns. */
        default void released(Fd fd) {
        }

        /** Somebody asked that caches of {@code inode} be invalidated. */
        default void invalidated(Inode inode) {
        }
    }

    final Object lock = new Object();

    private final int lruLimit;
    private final ConcurrentHashMap<Gfid, Inode> byGfid = new ConcurrentHashMap<>();
    private final LinkedHashSet<Inode> lru = new LinkedHashSet<>();
    private final Inode root;
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final java.util.ArrayDeque<Integer> freeSlots = new java.util.ArrayDeque<>();
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong openFds = new AtomicLong();
    private final AtomicLong purgedCount = new AtomicLong();

    /** A table with GlusterFS's fuse LRU limit of {@value #DEFAULT_LRU_LIMIT}. */
    public InodeTable() {
        this(DEFAULT_LRU_LIMIT);
    }

    /**
     * @param lruLimit how many passive inodes to keep before purging the oldest; 0 keeps all
     */
    public InodeTable(int lruLimit) {
        if (lruLimit < 0) {
            throw new IllegalArgumentException("lru limit must be >= 0, got " + lruLimit);
        }
        this.lruLimit = lruLimit;
        this.root = new Inode(this, Gfid.ROOT, IaType.DIRECTORY);
        root.linked = true;
        byGfid.put(Gfid.ROOT, root);
    }

    public Inode root() {
        return root;
    }

    public int lruLimit() {
        return lruLimit;
    }

    /** A fresh inode with no gfid, not yet in the table. */
    public Inode newInode() {
        return new Inode(this);
    }

    /** The linked inode with this gfid, or null ({@code inode_find}). */
    public Inode find(Gfid gfid) {
        return byGfid.get(gfid);
    }

    /** The inode called {@code name} in directory {@code parent}, or null ({@code inode_grep}). */
    public Inode grep(Inode parent, String name) {
        ConcurrentHashMap<String, Dentry> c = parent.children;
        if (c == null) {
            return null;
        }
        Dentry d = c.get(name);
        return d == null ? null : d.inode();
    }

    /**
     * Records what a reply said: {@code inode} has the gfid and type of {@code stat}, and if
     * {@code parent} is given, is called {@code name} in it. Answers the inode to use from
     * now on: the table's existing inode when the gfid is already known (a hard link, or a
     * second lookup racing the first), otherwise {@code inode} itself.
     *
     * @param parent the directory, or null for a nameless (gfid-only) link
     * @param name the name in {@code parent}, or null with a null parent
     * @throws IllegalArgumentException if the stat has no gfid, the inode already has another
     *     gfid, the parent is not a linked directory, the name is not a single path component,
     *     or the link would make a directory its own ancestor
     */
    public Inode link(Inode inode, @Nullable Inode parent, @Nullable String name, Iatt stat) {
        return link(inode, parent, name, stat, false);
    }

    /**
     * {@link #link} and {@link #lookup} in one step, so no other thread can purge the inode in
     * between: what a bridge does with a reply it hands to the kernel (lookup, create, mkdir).
     */
    public Inode linkAndLookup(Inode inode, @Nullable Inode parent, @Nullable String name, Iatt stat) {
        return link(inode, parent, name, stat, true);
    }

    private Inode link(Inode inode, @Nullable Inode parent, @Nullable String name, Iatt stat, boolean lookup) {
        Objects.requireNonNull(inode, "inode");
        Objects.requireNonNull(stat, "stat");
        Gfid gfid = stat.gfid();
        if (gfid.isNull()) {
            throw new IllegalArgumentException("cannot link " + inode + ": the reply's iatt has no gfid");
        }
        if (stat.type() == IaType.INVAL) {
            throw new IllegalArgumentException("cannot link " + inode + ": the reply's iatt has no file type");
        }
        if ((parent == null) != (name == null)) {
            throw new IllegalArgumentException("link needs both a parent and a name, or neither");
        }
        mine(inode);
        if (parent != null) {
            mine(parent);
            checkName(name);
        }
        List<Inode> purged = new ArrayList<>();
        Inode canonical;
        synchronized (lock) {
            Gfid had = inode.gfid();
            if (!had.isNull() && !had.equals(gfid)) {
                throw new IllegalArgumentException("inode has gfid " + had + " but the reply says " + gfid);
            }
            if (parent != null && (!parent.linked || parent.type() != IaType.DIRECTORY)) {
                throw new IllegalArgumentException("parent " + parent + " of '" + name + "' is not a linked directory");
            }
            canonical = byGfid.get(gfid);
            boolean fresh = canonical == null;
            if (fresh) {
                // A purged inode never comes back: its context may still be being dropped.
                canonical = inode.dead ? new Inode(this) : inode;
            } else if (canonical.type() != stat.type()) {
                throw new IllegalArgumentException("gfid " + gfid + " is a " + canonical.type()
                        + " in the table but the reply says " + stat.type());
            }
            if (parent != null && stat.type() == IaType.DIRECTORY) {
                checkNotAncestor(canonical, parent, name);
            }
            if (fresh) {
                canonical.bind(gfid, stat.type());
                canonical.linked = true;
                byGfid.put(gfid, canonical);
            }
            if (parent != null) {
                addName(parent, name, canonical, purged);
            }
            if (lookup) {
                canonical.nlookup++;
            }
            settle(canonical, false, purged);
            trim(purged);
        }
        notifyForgotten(purged);
        return canonical;
    }

    /** The kernel was told about {@code inode} once more ({@code inode_lookup}). */
    public void lookup(Inode inode) {
        mine(inode);
        synchronized (lock) {
            requireLinked(inode, "lookup");
            inode.nlookup++;
            settle(inode, false, null);
        }
    }

    /**
     * The kernel forgot {@code nlookup} of its lookups of {@code inode} ({@code inode_forget}).
     * An inode with no lookups, fds or names left is purged at once.
     */
    public void forget(Inode inode, long nlookup) {
        if (nlookup < 0) {
            throw new IllegalArgumentException("forget count must be >= 0, got " + nlookup);
        }
        mine(inode);
        List<Inode> purged = new ArrayList<>();
        synchronized (lock) {
            if (!inode.linked) {
                return;
            }
            inode.nlookup = Math.max(0, inode.nlookup - nlookup);
            settle(inode, true, purged);
            trim(purged);
        }
        notifyForgotten(purged);
    }

    /** {@code name} in {@code parent} no longer names {@code inode} (unlink, rmdir). */
    public void unlink(Inode inode, Inode parent, String name) {
        mine(inode);
        mine(parent);
        List<Inode> purged = new ArrayList<>();
        synchronized (lock) {
            ConcurrentHashMap<String, Dentry> c = parent.children;
            Dentry d = c == null ? null : c.get(name);
            if (d != null && d.inode() == inode) {
                removeName(d, purged);
                settle(inode, true, purged);
            }
            trim(purged);
        }
        notifyForgotten(purged);
    }

    /**
     * {@code inode} moved from {@code srcName} in {@code srcParent} to {@code dstName} in
     * {@code dstParent}; whatever {@code dstName} named before loses that name.
     */
    public void rename(Inode srcParent, String srcName, Inode dstParent, String dstName, Inode inode) {
        mine(srcParent);
        mine(dstParent);
        mine(inode);
        checkName(dstName);
        List<Inode> purged = new ArrayList<>();
        synchronized (lock) {
            requireLinked(inode, "rename");
            if (!dstParent.linked || dstParent.type() != IaType.DIRECTORY) {
                throw new IllegalArgumentException("parent " + dstParent + " of '" + dstName + "' is not a linked directory");
            }
            if (inode.type() == IaType.DIRECTORY) {
                checkNotAncestor(inode, dstParent, dstName);
            }
            ConcurrentHashMap<String, Dentry> c = srcParent.children;
            Dentry old = c == null ? null : c.get(srcName);
            addName(dstParent, dstName, inode, purged);
            if (old != null && old.inode() == inode && !(srcParent == dstParent && srcName.equals(dstName))) {
                removeName(old, purged);
            }
            settle(inode, true, purged);
            trim(purged);
        }
        notifyForgotten(purged);
    }

    /** Asks every listener to invalidate what it caches about {@code inode}. */
    public void invalidate(Inode inode) {
        for (Listener l : listeners) {
            safely(() -> l.invalidated(inode), "invalidate", inode);
        }
    }

    /** A path for {@code inode} built from its names up to the root, or {@code <gfid:...>} where a name is unknown. */
    public String path(Inode inode) {
        synchronized (lock) {
            StringBuilder sb = new StringBuilder();
            Inode cur = inode;
            int depth = 0;
            while (!cur.isRoot()) {
                if (cur.dentries.isEmpty() || ++depth > 4096) {
                    sb.insert(0, "<gfid:" + cur.gfid() + ">");
                    return sb.toString();
                }
                Dentry d = cur.dentries.get(0);
                sb.insert(0, d.name()).insert(0, '/');
                cur = d.parent();
            }
            return sb.length() == 0 ? "/" : sb.toString();
        }
    }

    /** The path of {@code name} inside {@code parent}. */
    public String path(Inode parent, String name) {
        String p = path(parent);
        return p.endsWith("/") ? p + name : p + "/" + name;
    }

    /** An fd for a file open on {@code inode}. */
    public Fd newFd(Inode inode, int flags, int pid) {
        return openFd(inode, flags, pid, false, false);
    }

    /** An fd for a directory open on {@code inode} (opendir). */
    public Fd newDirFd(Inode inode, int pid) {
        return openFd(inode, 0, pid, true, false);
    }

    /** An anonymous fd on {@code inode}: used for an fd-based fop with no open behind it. */
    public Fd anonymousFd(Inode inode) {
        return openFd(inode, 0, Fd.ANONYMOUS_PID, inode.isDirectory(), true);
    }

    private Fd openFd(Inode inode, int flags, int pid, boolean directory, boolean anonymous) {
        if (inode.table() != this) {
            throw new IllegalArgumentException(inode + " belongs to another inode table");
        }
        synchronized (lock) {
            inode.refs++;
            settle(inode, false, null);
        }
        openFds.incrementAndGet();
        return new Fd(inode, flags, pid, directory, anonymous);
    }

    void released(Fd fd) {
        try {
            for (Listener l : listeners) {
                safely(() -> l.released(fd), "release", fd);
            }
        } finally {
            fd.clearContext();
            openFds.decrementAndGet();
            List<Inode> purged = new ArrayList<>();
            Inode inode = fd.inode();
            synchronized (lock) {
                inode.refs--;
                settle(inode, true, purged);
                trim(purged);
            }
            notifyForgotten(purged);
        }
    }

    /** A new context slot on every inode and fd of this table, owned by {@code owner}. */
    public <T> ContextKey<T> newContextKey(String owner, Class<T> type) {
        Integer reused;
        synchronized (freeSlots) {
            reused = freeSlots.poll();
        }
        return new ContextKey<>(reused != null ? reused : nextSlot.getAndIncrement(), owner, type);
    }

    /**
     * Empties the given slots on every linked inode and makes their numbers free for new keys
     * (a graph that is closing drops its context). Values left on fds are never seen through a
     * later key of the same number.
     */
    public void clearContext(Collection<? extends ContextKey<?>> keys) {
        List<ContextKey<?>> copy = List.copyOf(keys);
        for (Inode inode : byGfid.values()) {
            for (ContextKey<?> k : copy) {
                inode.remove(k);
            }
        }
        synchronized (freeSlots) {
            for (ContextKey<?> k : copy) {
                if (!freeSlots.contains(k.index())) {
                    freeSlots.add(k.index());
                }
            }
        }
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Linked inodes, the root included. */
    public int size() {
        return byGfid.size();
    }

    /** Passive inodes waiting in the LRU list. */
    public int lruSize() {
        synchronized (lock) {
            return lru.size();
        }
    }

    /** Fds created and not yet released. */
    public long openFds() {
        return openFds.get();
    }

    /** Inodes purged since the table was made. */
    public long purged() {
        return purgedCount.get();
    }

    /** Writes the table's counters and its active inodes (up to {@code maxInodes}) under {@code name}. */
    public void dump(DumpWriter out, String name, int maxInodes) {
        List<Inode> active = new ArrayList<>();
        int lruCount;
        synchronized (lock) {
            lruCount = lru.size();
            for (Inode i : byGfid.values()) {
                if (!i.passive && active.size() < maxInodes) {
                    active.add(i);
                }
            }
        }
        out.section(name)
                .put("active_size", byGfid.size() - lruCount)
                .put("lru_size", lruCount)
                .put("lru_limit", lruLimit)
                .put("open_fds", openFds.get())
                .put("purged", purgedCount.get());
        int n = 1;
        for (Inode i : active) {
            out.section(name + ".active." + n++)
                    .put("gfid", i.gfid())
                    .put("ia_type", i.type().number())
                    .put("nlookup", i.nlookup())
                    .put("ref", i.refs())
                    .put("path", path(i));
        }
    }

    // ---- internals, all called with the lock held ----

    /** Adds the name; checks were done by the caller. Displaces what the name meant before. */
    private void addName(Inode parent, String name, Inode inode, List<Inode> purged) {
        ConcurrentHashMap<String, Dentry> c = parent.children;
        Dentry existing = c == null ? null : c.get(name);
        if (existing != null && existing.inode() == inode) {
            return;
        }
        // Hold the parent first, so removing old names cannot purge it under us.
        parent.refs++;
        if (inode.type() == IaType.DIRECTORY) {
            // A directory has one name: the new one replaces the old.
            for (Dentry d : List.copyOf(inode.dentries)) {
                removeName(d, purged);
            }
        }
        if (existing != null) {
            removeName(existing, purged);
            settle(existing.inode(), true, purged);
        }
        if (c == null) {
            c = new ConcurrentHashMap<>();
            parent.children = c;
        }
        Dentry d = new Dentry(parent, name, inode);
        c.put(name, d);
        inode.dentries.add(d);
        settle(parent, false, purged);
    }

    private void removeName(Dentry d, List<Inode> purged) {
        ConcurrentHashMap<String, Dentry> c = d.parent().children;
        if (c != null && c.remove(d.name(), d)) {
            d.inode().dentries.remove(d);
            Inode parent = d.parent();
            parent.refs--;
            settle(parent, true, purged);
        }
    }

    /** Fails if making {@code dir} a child of {@code parent} would make it its own ancestor. */
    private static void checkNotAncestor(Inode dir, Inode parent, String name) {
        int depth = 0;
        for (Inode p = parent; p != null; p = p.dentries.isEmpty() ? null : p.dentries.get(0).parent()) {
            if (p == dir) {
                throw new IllegalArgumentException("linking " + dir + " as '" + name + "' under " + parent
                        + " would make a directory its own ancestor");
            }
            if (++depth > MAX_DEPTH) {
                throw new IllegalArgumentException("directories above " + parent + " are nested deeper than "
                        + MAX_DEPTH + " levels");
            }
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("'" + name + "' is not a valid file name");
        }
    }

    private void mine(Inode inode) {
        if (inode.table() != this) {
            throw new IllegalArgumentException(inode + " belongs to another inode table");
        }
    }

    /**
     * Moves {@code inode} in or out of the LRU list after its counts changed; purges it at
     * once when it is passive, has no name, and {@code purgeNameless} is set.
     */
    private void settle(Inode inode, boolean purgeNameless, List<Inode> purged) {
        if (!inode.linked || inode.isRoot()) {
            return;
        }
        boolean passive = inode.nlookup == 0 && inode.refs == 0;
        if (passive && purgeNameless && inode.dentries.isEmpty() && purged != null) {
            purge(inode, purged);
            return;
        }
        if (passive && !inode.passive) {
            inode.passive = true;
            lru.add(inode);
        } else if (!passive && inode.passive) {
            inode.passive = false;
            lru.remove(inode);
        }
    }

    private void trim(List<Inode> purged) {
        if (lruLimit == 0) {
            return;
        }
        while (lru.size() > lruLimit) {
            Iterator<Inode> it = lru.iterator();
            Inode oldest = it.next();
            purge(oldest, purged);
        }
    }

    private void purge(Inode inode, List<Inode> purged) {
        if (inode.passive) {
            inode.passive = false;
            lru.remove(inode);
        }
        for (Dentry d : List.copyOf(inode.dentries)) {
            removeName(d, purged);
        }
        byGfid.remove(inode.gfid(), inode);
        inode.linked = false;
        inode.dead = true;
        purgedCount.incrementAndGet();
        purged.add(inode);
    }

    private void notifyForgotten(List<Inode> purged) {
        for (Inode inode : purged) {
            for (Listener l : listeners) {
                safely(() -> l.forgotten(inode), "forget", inode);
            }
            inode.clearContext();
        }
    }

    private static void safely(Runnable r, String what, Object on) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("inode table listener failed in {} of {}", what, on, e);
        }
    }

    private static void requireLinked(Inode inode, String what) {
        if (!inode.linked) {
            throw new IllegalArgumentException(what + " of " + inode + ", which is not linked in the table");
        }
    }
}
