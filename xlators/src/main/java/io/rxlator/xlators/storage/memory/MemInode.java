package io.rxlator.xlators.storage.memory;

import io.rxlator.runtime.fop.Bytes;
import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.IaType;
import io.rxlator.runtime.fop.Iatt;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One file, directory, symlink or device node of a memory volume. Every field is guarded by
 * the object's monitor; directory entries are changed only under the store's namespace lock
 * as well.
 */
final class MemInode {

    /** Data is kept in chunks of this many bytes; a missing chunk is a hole. */
    static final int CHUNK = 1 << 16;

    /** A name in a directory; {@code seq} is its readdir cookie, never reused in that directory. */
    record Entry(String name, Gfid gfid, long seq) {
    }

    final Gfid gfid;
    final IaType type;
    int prot;
    int uid;
    int gid;
    long rdev;
    int nlink;
    /** Open fds: the data of an unlinked file stays until the last one is released. */
    int opens;
    long atimeSec;
    int atimeNsec;
    long mtimeSec;
    int mtimeNsec;
    long ctimeSec;
    int ctimeNsec;
    final long btimeSec;
    final int btimeNsec;
    final LinkedHashMap<String, Bytes> xattrs = new LinkedHashMap<>();

    // Regular files.
    final TreeMap<Long, byte[]> chunks;
    long size;

    // Directories. Cookies 1 and 2 are "." and "..".
    final TreeMap<Long, Entry> bySeq;
    final Map<String, Entry> byName;
    long nextSeq = 3;
    Gfid parent;

    // Symlinks.
    String target;

    MemInode(Gfid gfid, IaType type, int prot, int uid, int gid, Instant now) {
        this.gfid = gfid;
        this.type = type;
        this.prot = prot;
        this.uid = uid;
        this.gid = gid;
        this.nlink = type == IaType.DIRECTORY ? 2 : 1;
        this.atimeSec = this.mtimeSec = this.ctimeSec = this.btimeSec = now.getEpochSecond();
        this.atimeNsec = this.mtimeNsec = this.ctimeNsec = this.btimeNsec = now.getNano();
        this.chunks = type == IaType.REGULAR ? new TreeMap<>() : null;
        this.bySeq = type == IaType.DIRECTORY ? new TreeMap<>() : null;
        this.byName = type == IaType.DIRECTORY ? new HashMap<>() : null;
        this.parent = gfid;
    }

    boolean isDirectory() {
        return type == IaType.DIRECTORY;
    }

    synchronized Iatt iatt(long dev) {
        long blocks = switch (type) {
            case REGULAR -> (long) chunks.size() * (CHUNK / 512);
            case DIRECTORY -> 8;
            default -> 0;
        };
        long sz = switch (type) {
            case REGULAR -> size;
            case DIRECTORY -> 4096;
            case SYMLINK -> target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            default -> 0;
        };
        return Iatt.builder()
                .flags(Iatt.VALID_BASIC | Iatt.VALID_BTIME)
                .gfid(gfid)
                .type(type)
                .prot(prot)
                .dev(dev)
                .rdev(rdev)
                .size(sz)
                .nlink(nlink)
                .uid(uid)
                .gid(gid)
                .blksize(4096)
                .blocks(blocks)
                .atime(atimeSec, atimeNsec)
                .mtime(mtimeSec, mtimeNsec)
                .ctime(ctimeSec, ctimeNsec)
                .btime(btimeSec, btimeNsec)
                .build();
    }

    void touchModified(Instant now) {
        mtimeSec = ctimeSec = now.getEpochSecond();
        mtimeNsec = ctimeNsec = now.getNano();
    }

    void touchChanged(Instant now) {
        ctimeSec = now.getEpochSecond();
        ctimeNsec = now.getNano();
    }

    // ---- data (regular files; callers hold the monitor) ----

    /** Copies up to {@code len} bytes at {@code offset} into a new array; holes read as zeros. */
    byte[] read(long offset, int len) {
        if (offset >= size || len <= 0) {
            return new byte[0];
        }
        int n = (int) Math.min(len, size - offset);
        byte[] out = new byte[n];
        long pos = offset;
        int done = 0;
        while (done < n) {
            long idx = pos / CHUNK;
            int in = (int) (pos % CHUNK);
            int take = Math.min(n - done, CHUNK - in);
            byte[] c = chunks.get(idx);
            if (c != null) {
                System.arraycopy(c, in, out, done, take);
            }
            done += take;
            pos += take;
        }
        return out;
    }

    /** How many more bytes of chunks writing {@code len} bytes at {@code offset} allocates. */
    long growth(long offset, long len) {
        if (len <= 0) {
            return 0;
        }
        long first = offset / CHUNK;
        long last = (offset + len - 1) / CHUNK;
        long missing = 0;
        for (long i = first; i <= last; i++) {
            if (!chunks.containsKey(i)) {
                missing++;
            }
        }
        return missing * CHUNK;
    }

    void write(long offset, byte[] data, int from, int len) {
        if (len <= 0) {
            return;
        }
        long pos = offset;
        int done = 0;
        while (done < len) {
            long idx = pos / CHUNK;
            int in = (int) (pos % CHUNK);
            int take = Math.min(len - done, CHUNK - in);
            byte[] c = chunks.computeIfAbsent(idx, k -> new byte[CHUNK]);
            System.arraycopy(data, from + done, c, in, take);
            done += take;
            pos += take;
        }
        size = Math.max(size, offset + len);
    }

    /** Sets the size; bytes past a shrink are dropped (and read back as zeros if the file grows again). */
    void truncate(long newSize) {
        if (newSize < size) {
            long keep = (newSize + CHUNK - 1) / CHUNK;
            chunks.tailMap(keep, true).clear();
            int in = (int) (newSize % CHUNK);
            byte[] c = in == 0 ? null : chunks.get(newSize / CHUNK);
            if (c != null) {
                java.util.Arrays.fill(c, in, CHUNK, (byte) 0);
            }
        }
        size = newSize;
    }

    /** Zeroes a range; whole chunks inside it are released (become holes) when {@code punch} is set. */
    void zero(long offset, long len, boolean punch) {
        long end = Math.min(offset + len, punch ? size : Long.MAX_VALUE);
        long pos = offset;
        while (pos < end) {
            long idx = pos / CHUNK;
            int in = (int) (pos % CHUNK);
            int take = (int) Math.min(end - pos, CHUNK - in);
            if (punch && in == 0 && take == CHUNK) {
                chunks.remove(idx);
            } else {
                byte[] c = punch ? chunks.get(idx) : chunks.computeIfAbsent(idx, k -> new byte[CHUNK]);
                if (c != null) {
                    java.util.Arrays.fill(c, in, in + take, (byte) 0);
                }
            }
            pos += take;
        }
        if (!punch) {
            size = Math.max(size, offset + len);
        }
    }

    /** Makes sure chunks exist over a range (fallocate). */
    void allocate(long offset, long len, boolean keepSize) {
        for (long i = offset / CHUNK; i <= (offset + len - 1) / CHUNK; i++) {
            chunks.computeIfAbsent(i, k -> new byte[CHUNK]);
        }
        if (!keepSize) {
            size = Math.max(size, offset + len);
        }
    }

    /** SEEK_DATA / SEEK_HOLE at chunk granularity; -1 when there is no data at or after offset. */
    long seek(long offset, boolean data) {
        if (data) {
            Map.Entry<Long, byte[]> e = chunks.ceilingEntry(offset / CHUNK);
            if (e == null) {
                return -1;
            }
            long start = Math.max(offset, e.getKey() * CHUNK);
            return start < size ? start : -1;
        }
        long idx = offset / CHUNK;
        while (chunks.containsKey(idx) && idx * CHUNK < size) {
            idx++;
        }
        return Math.min(Math.max(offset, idx * CHUNK), size);
    }

    long allocatedBytes() {
        return chunks == null ? 0 : (long) chunks.size() * CHUNK;
    }

    // ---- directories (callers hold the store's namespace lock and this monitor) ----

    Entry add(String name, Gfid child) {
        Entry e = new Entry(name, child, nextSeq++);
        bySeq.put(e.seq(), e);
        byName.put(name, e);
        return e;
    }

    Entry remove(String name) {
        Entry e = byName.remove(name);
        if (e != null) {
            bySeq.remove(e.seq());
        }
        return e;
    }

    /** Entries after cookie {@code after}, in cookie order. */
    NavigableMap<Long, Entry> after(long after) {
        return bySeq.tailMap(after, false);
    }
}
