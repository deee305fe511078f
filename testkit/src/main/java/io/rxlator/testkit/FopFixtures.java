package io.rxlator.testkit;

import io.rxlator.runtime.fop.ActiveLock;
import io.rxlator.runtime.fop.Bytes;
import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.Dirent;
import io.rxlator.runtime.fop.Flock;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.fop.Gfid;
import io.rxlator.runtime.fop.IaType;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Iovec;
import io.rxlator.runtime.fop.LeaseInfo;
import io.rxlator.runtime.fop.LkOwner;
import io.rxlator.runtime.fop.Loc;
import io.rxlator.runtime.fop.LockType;
import io.rxlator.runtime.fop.Xattrs;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.fop.XdataCodec;
import io.rxlator.runtime.fop.XdataKey;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded sample requests and replies for every fop, made from the records' components so a
 * new fop is covered without touching this class. The same seed gives the same values
 * (inodes and fds aside, which are objects of the fixtures' inode table).
 */
public final class FopFixtures {

    /** A typed xdata key the fixtures put in every xdata. */
    public static final XdataKey<String> SAMPLE_KEY = XdataKey.of("rxlator.testkit.sample", XdataCodec.STRING);

    private final Random random;
    private final InodeTable table;

    public FopFixtures(long seed) {
        this(seed, new InodeTable());
    }

    public FopFixtures(long seed, InodeTable table) {
        this.random = new Random(seed);
        this.table = table;
    }

    public InodeTable table() {
        return table;
    }

    /** A sample request of {@code type}, every component filled with a non-default value. */
    public FopRequest<?> request(FopType type) {
        return (FopRequest<?>) make(type.requestType());
    }

    /** A sample reply of {@code type}. */
    public FopReply reply(FopType type) {
        return (FopReply) make(type.replyType());
    }

    /** A sample value of any type a fop record holds. */
    @SuppressWarnings("unchecked")
    public <T> T value(Class<T> type) {
        return (T) valueOf(type, type);
    }

    private Object make(Class<?> recordType) {
        RecordComponent[] rc = recordType.getRecordComponents();
        Class<?>[] types = new Class<?>[rc.length];
        Object[] args = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
            args[i] = valueOf(rc[i].getType(), rc[i].getGenericType());
        }
        try {
            Constructor<?> c = recordType.getDeclaredConstructor(types);
            return c.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + recordType.getSimpleName(), e);
        }
    }

    private Object valueOf(Class<?> type, Type generic) {
        if (type == int.class || type == Integer.class) {
            return random.nextInt(1 << 20) + 1;
        }
        if (type == long.class || type == Long.class) {
            return random.nextLong() & Long.MAX_VALUE;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == String.class) {
            return name();
        }
        if (type == CallContext.class) {
            return CallContext.of(random.nextInt(60000) + 1, random.nextInt(60000) + 1,
                    new int[] {random.nextInt(1000), random.nextInt(1000)}, random.nextInt(30000) + 1,
                    LkOwner.of(random.nextLong()), "client-" + random.nextInt(100), random.nextLong() & Long.MAX_VALUE);
        }
        if (type == Gfid.class) {
            return Gfid.of(random.nextLong(), random.nextLong());
        }
        if (type == Iatt.class) {
            return iatt(IaType.REGULAR);
        }
        if (type == Inode.class) {
            return linkedInode(random.nextBoolean() ? IaType.REGULAR : IaType.DIRECTORY);
        }
        if (type == Fd.class) {
            return table.newFd(linkedInode(IaType.REGULAR), random.nextInt(4), random.nextInt(30000) + 1);
        }
        if (type == Loc.class) {
            Inode dir = linkedInode(IaType.DIRECTORY);
            Inode file = table.newInode();
            String n = name();
            Inode linked = table.link(file, dir, n, iatt(IaType.REGULAR));
            return new Loc(table.path(dir, n), n, linked, dir, linked.gfid(), dir.gfid());
        }
        if (type == Iovec.class) {
            int segments = 1 + random.nextInt(3);
            ByteBuffer[] bufs = new ByteBuffer[segments];
            for (int i = 0; i < segments; i++) {
                byte[] b = new byte[1 + random.nextInt(64)];
                random.nextBytes(b);
                bufs[i] = ByteBuffer.wrap(b);
            }
            return Iovec.wrap(bufs);
        }
        if (type == Xdata.class) {
            return Xdata.of(SAMPLE_KEY, name()).withRaw("raw." + name(), bytes(8));
        }
        if (type == Xattrs.class) {
            return Xattrs.builder().put("user." + name(), bytes(5)).put("trusted." + name(), bytes(12)).build();
        }
        if (type == Bytes.class) {
            return bytes(16);
        }
        if (type == LkOwner.class) {
            return LkOwner.of(random.nextLong());
        }
        if (type == Flock.class) {
            return new Flock(LockType.values()[random.nextInt(3)], random.nextInt(3), random.nextInt(1 << 30),
                    random.nextInt(1 << 30), random.nextInt(30000) + 1, LkOwner.of(random.nextLong()));
        }
        if (type == LeaseInfo.class) {
            return new LeaseInfo(1 + random.nextInt(3), random.nextInt(3), bytes(16), random.nextInt(4));
        }
        if (type == Dirent.class) {
            Inode in = linkedInode(IaType.REGULAR);
            return new Dirent(name(), in.gfid().ino(), random.nextLong() & Long.MAX_VALUE, IaType.REGULAR,
                    iatt(IaType.REGULAR).withGfid(in.gfid()), in, Xdata.EMPTY);
        }
        if (type == ActiveLock.class) {
            return new ActiveLock((Flock) valueOf(Flock.class, Flock.class), random.nextInt(4), "client-" + random.nextInt(9));
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (type == List.class && generic instanceof ParameterizedType p) {
            Type arg = p.getActualTypeArguments()[0];
            Class<?> element = (Class<?>) (arg instanceof ParameterizedType pa ? pa.getRawType() : arg);
            List<Object> out = new ArrayList<>();
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                out.add(valueOf(element, arg));
            }
            return out;
        }
        if (type.isRecord()) {
            return make(type);
        }
        throw new IllegalStateException("no fixture for " + type.getName() + "; teach FopFixtures about it");
    }

    private String name() {
        StringBuilder sb = new StringBuilder();
        int n = 3 + random.nextInt(10);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private Bytes bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return Bytes.wrap(b);
    }

    private Iatt iatt(IaType type) {
        return Iatt.builder()
                .flags(Iatt.VALID_BASIC)
                .gfid(Gfid.of(random.nextLong(), random.nextLong()))
                .type(type)
                .prot(random.nextInt(07777 + 1))
                .dev(random.nextInt(1 << 16))
                .size(random.nextInt(1 << 30))
                .nlink(1 + random.nextInt(4))
                .uid(random.nextInt(60000))
                .gid(random.nextInt(60000))
                .blksize(4096)
                .blocks(random.nextInt(1 << 20))
                .atime(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000))
                .mtime(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000))
                .ctime(random.nextInt(Integer.MAX_VALUE), random.nextInt(1_000_000_000))
                .build();
    }

    private Inode linkedInode(IaType type) {
        return table.link(table.newInode(), table.root(), name(), iatt(type));
    }
}
