package io.rxlator.fuse.internal;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.inode.ContextKey;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kernel's node ids and the inodes they stand for. An inode gets an id the first time
 * the kernel hears of it and keeps it while the kernel holds lookups on it; when the kernel
 * forgets the last one the id is retired for good (ids are never reused, so the generation
 * is always 0). The inode table counts the lookups: an inode the kernel holds is never
 * purged.
 */
final class Nodes {

    static final long ROOT_ID = 1;

    private final InodeTable table;
    private final ContextKey<Long> idKey;
    private final ConcurrentHashMap<Long, Inode> byId = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(ROOT_ID + 1);
    private final Object[] stripes = new Object[64];

    Nodes(InodeTable table) {
        this.table = table;
        this.idKey = table.newContextKey("mount/fuse", Long.class);
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    private Object stripe(Inode inode) {
        return stripes[System.identityHashCode(inode) & (stripes.length - 1)];
    }

    /** The inode the kernel calls {@code id}; ESTALE when the kernel uses an id it was told to forget. */
    Inode get(long id) {
        if (id == ROOT_ID) {
            return table.root();
        }
        Inode in = byId.get(id);
        if (in == null) {
            throw FopException.of(Errno.ESTALE, "node " + id + " is not known (forgotten already)");
        }
        return in;
    }

    /**
     * The id to give the kernel for {@code inode}, on which one more kernel lookup has just
     * been counted ({@link InodeTable#linkAndLookup}).
     */
    long expose(Inode inode) {
        if (inode.isRoot()) {
            return ROOT_ID;
        }
        synchronized (stripe(inode)) {
            Long id = inode.get(idKey);
            if (id == null) {
                id = nextId.getAndIncrement();
                inode.put(idKey, id);
                byId.put(id, inode);
            }
            return id;
        }
    }

    /** The kernel dropped {@code nlookup} lookups of node {@code id}. */
    void forget(long id, long nlookup) {
        if (id == ROOT_ID) {
            return;
        }
        Inode in = byId.get(id);
        if (in == null) {
            return;
        }
        synchronized (stripe(in)) {
            table.forget(in, nlookup);
            if (in.nlookup() == 0 || !in.isLinked()) {
                byId.remove(id, in);
                in.remove(idKey);
            }
        }
    }

    /** The id the kernel knows {@code inode} by, or 0 when it does not know it. */
    long idOf(Inode inode) {
        if (inode.isRoot()) {
            return ROOT_ID;
        }
        Long id = inode.get(idKey);
        return id == null ? 0 : id;
    }

    /** Node ids the kernel holds, the root aside. */
    int size() {
        return byId.size();
    }
}
