package io.rxlator.xlators.debug.errorgen;

import static io.rxlator.runtime.fop.Errno.*;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.FopReply;
import io.rxlator.runtime.fop.FopRequest;
import io.rxlator.runtime.fop.FopType;
import io.rxlator.runtime.fop.Writev;
import io.rxlator.runtime.option.CommonOptions;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Subvolume;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import io.rxlator.xlators.debug.common.Chance;
import io.rxlator.xlators.debug.common.FopListType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@code debug/error-gen}: fails a percentage of the selected fops, before they reach the child,
 * with the errno asked for or one picked at random from those the fop can really return
 * (GlusterFS's tables). {@code GF_ERROR_SHORT_WRITE} makes a write send only the first half of
 * its data down and answer what the child wrote.
 *
 * <p>Two differences from GlusterFS, on purpose: {@code error-no} applies whenever it is set
 * (GlusterFS 10 ignores it unless {@code random-failure} is on), and the {@code seed} option makes
 * the sequence of failures repeat from run to run.
 */
public final class ErrorGenTranslator implements Translator {

    public static final String TYPE = "debug/error-gen";
    public static final String SHORT_WRITE = "GF_ERROR_SHORT_WRITE";

    public static final Option<Double> FAILURE = Option.percent("failure").defaultValue("0")
            .description("Percentage of the selected fops that fail.").reconfigurable();
    public static final Option<String> ERROR_NO = Option.oneOf("error-no", "ENOENT", "ENOTDIR", "ENAMETOOLONG",
                    "EACCES", "EBADF", "EFAULT", "ENOMEM", "EINVAL", "EIO", "EEXIST", "ENOSPC", "EPERM", "EROFS", "EBUSY",
                    "EISDIR", "ENOTEMPTY", "EMLINK", "ENODEV", "EXDEV", "EMFILE", "ENFILE", "ENOSYS", "EINTR", "EFBIG",
                    "EAGAIN", SHORT_WRITE)
            .description("The errno every failure gets; unset: one the fop can return, at random. "
                    + SHORT_WRITE + " halves writes instead of failing them.")
            .reconfigurable();
    public static final Option<Boolean> RANDOM_FAILURE = Option.bool("random-failure").defaultValue("off")
            .description("Instead of an independent chance per fop, fail one fop, then another after 3 to 44 more, and so on.")
            .reconfigurable();
    public static final Option<Set<FopType>> ENABLE = FopListType.option("enable").alias("error-fops")
            .description("The fops that may fail, by GlusterFS name (LOOKUP, READ, WRITE, …); empty: all.")
            .reconfigurable();
    public static final Option<Long> SEED = Option.integer("seed").defaultValue("0").range(0, Long.MAX_VALUE)
            .description("Seed of the choice of which fops fail and how, so runs repeat; 0: a different seed every time.");

    public static final TranslatorDescriptor DESCRIPTOR = TranslatorDescriptor.builder(TYPE)
            .arity(Arity.ONE)
            .options(FAILURE, ERROR_NO, RANDOM_FAILURE, ENABLE, SEED, CommonOptions.PASS_THROUGH)
            .description("Fails a percentage of the selected fops with a chosen or random errno fitting each fop (fault injection).")
            .factory(ErrorGenTranslator::new)
            .build();

    /** The errnos each fop fails with when none is chosen; SHORT stands for a short write. */
    private static final Errno SHORT = null;
    static final Map<FopType, List<Errno>> TABLES = tables();

    private final Subvolume child;
    private final Chance chance;
    private volatile Settings settings;
    private long sinceFailure;
    private int interval;
    private final LongAdder failed = new LongAdder();
    private final LongAdder shortWrites = new LongAdder();
    private final LongAdder passed = new LongAdder();

    private record Settings(boolean[] selected, double percent, @Nullable Errno errno, boolean shortWrite, boolean random) {
    }

    ErrorGenTranslator(TranslatorContext ctx) {
        this.child = ctx.firstChild();
        this.chance = new Chance(ctx.options().get(SEED));
        reconfigure(ctx.options());
    }

    @Override
    public synchronized void reconfigure(Options options) {
        String e = options.get(ERROR_NO);
        boolean shortWrite = SHORT_WRITE.equals(e);
        Errno errno = e == null || shortWrite ? null : Errno.valueOf(e);
        settings = new Settings(Chance.selection(options.get(ENABLE)), options.get(FAILURE), errno, shortWrite,
                options.get(RANDOM_FAILURE));
        sinceFailure = 0;
        interval = settings.random ? firstInterval(settings.percent) : 0;
    }

    /** The first gap in random-failure mode: what the percentage gives on average. */
    private static int firstInterval(double percent) {
        return percent <= 0 ? Integer.MAX_VALUE : (int) Math.max(1, Math.round(100 / percent));
    }

    @Override
    public Mono<? extends FopReply> handle(FopRequest<?> request) {
        Settings s = settings;
        FopType type = request.type();
        if (!s.selected[type.ordinal()] || !fails(s)) {
            passed.increment();
            return child.call(request);
        }
        boolean shortWrite = s.shortWrite;
        Errno errno = s.errno;
        if (errno == null && !shortWrite) {
            List<Errno> table = TABLES.get(type);
            errno = table.get(chance.nextInt(table.size()));
            shortWrite = errno == SHORT;
        }
        if (shortWrite) {
            if (request instanceof Writev w && w.vector().length() > 1) {
                shortWrites.increment();
                return child.writev(new Writev(w.caller(), w.fd(), w.vector().slice(0, w.vector().length() / 2),
                        w.offset(), w.flags(), w.xdata()));
            }
            if (!(request instanceof Writev)) {
                // A short write asked of another fop: fail it with what it can return.
                List<Errno> table = TABLES.get(type);
                errno = table.get(0);
            } else {
                passed.increment();
                return child.call(request);
            }
        }
        failed.increment();
        return Mono.error(FopException.of(errno, "injected by " + TYPE));
    }

    private boolean fails(Settings s) {
        if (!s.random) {
            return chance.hits(s.percent);
        }
        synchronized (this) {
            if (s.percent <= 0) {
                return false;
            }
            if (++sinceFailure < interval) {
                return false;
            }
            sinceFailure = 0;
            interval = 3 + chance.nextInt(42);
            return true;
        }
    }

    @Override
    public void dump(DumpWriter out) {
        Settings s = settings;
        out.put("failure", s.percent).put("error_no", s.shortWrite ? SHORT_WRITE : s.errno == null ? "random" : s.errno.name())
                .put("random_failure", s.random).put("failed", failed.sum()).put("short_writes", shortWrites.sum())
                .put("passed", passed.sum());
    }

    private static Map<FopType, List<Errno>> tables() {
        Map<FopType, List<Errno>> m = new EnumMap<>(FopType.class);
        // GlusterFS's tables (error-gen.c), duplicates kept: they weigh the draw.
        m.put(FopType.LOOKUP, List.of(ENOENT, ENOTDIR, ENAMETOOLONG, EAGAIN));
        m.put(FopType.STAT, List.of(EACCES, EFAULT, ENAMETOOLONG, ENOENT, ENOMEM, ENOTDIR));
        m.put(FopType.READLINK, List.of(EACCES, EFAULT, EINVAL, EIO, ENAMETOOLONG, ENOENT, ENOMEM, ENOTDIR));
        m.put(FopType.MKNOD, List.of(EACCES, EEXIST, EFAULT, EINVAL, ENAMETOOLONG, ENOENT, ENOMEM, ENOSPC, ENOTDIR, EPERM, EROFS));
        m.put(FopType.MKDIR, List.of(EACCES, EEXIST, EFAULT, ENAMETOOLONG, ENOENT, ENOMEM, ENOSPC, ENOTDIR, EPERM, EROFS));
        m.put(FopType.UNLINK, List.of(EACCES, EBUSY, EFAULT, EIO, EISDIR, ENAMETOOLONG, ENOENT, ENOMEM, ENOTDIR, EPERM, EROFS));
        m.put(FopType.RMDIR, List.of(EACCES, EBUSY, EFAULT, ENOMEM, ENOTDIR, ENOTEMPTY, EPERM, EROFS));
        m.put(FopType.SYMLINK, List.of(EACCES, EEXIST, EFAULT, EIO, ENAMETOOLONG, ENOENT, ENOMEM, ENOSPC, ENOTDIR, EPERM, EROFS));
        m.put(FopType.RENAME, List.of(EACCES, EBUSY, EFAULT, EINVAL, EISDIR, EMLINK, ENAMETOOLONG, ENOENT, ENOMEM, ENOSPC,
                ENOTDIR, EEXIST, EXDEV));
        m.put(FopType.LINK, List.of(EACCES, EFAULT, EEXIST, EIO, EMLINK, ENAMETOOLONG, ENOENT, ENOMEM, ENOSPC, ENOTDIR, EPERM,
                EROFS, EXDEV));
        m.put(FopType.TRUNCATE, List.of(EACCES, EFAULT, EFBIG, EINTR, EINVAL, EIO, EISDIR, ENAMETOOLONG, ENOENT, EISDIR));
        m.put(FopType.CREATE, List.of(EACCES, EEXIST, EFAULT, EISDIR, EMFILE, ENAMETOOLONG, ENFILE, ENODEV, ENOENT, ENODEV));
        m.put(FopType.OPEN, List.of(EACCES, EEXIST, EFAULT, EISDIR, EMFILE, ENAMETOOLONG, ENFILE, ENODEV, ENOENT, ENOMEM));
        m.put(FopType.READV, List.of(EINVAL, EBADF, EFAULT, EISDIR, ENAMETOOLONG));
        java.util.ArrayList<Errno> write = new java.util.ArrayList<>(List.of(EINVAL, EBADF, EFAULT, EISDIR, ENAMETOOLONG, ENOSPC));
        write.add(SHORT);
        m.put(FopType.WRITEV, java.util.Collections.unmodifiableList(write));
        m.put(FopType.STATFS, List.of(EACCES, EFAULT, EINTR, EIO, ENAMETOOLONG, ENOENT, ENOMEM, ENOSYS, ENOTDIR));
        m.put(FopType.FLUSH, List.of(EACCES, EFAULT, ENAMETOOLONG, ENOSYS, ENOENT));
        for (FopType t : List.of(FopType.FSYNC, FopType.FSYNCDIR, FopType.FXATTROP)) {
            m.put(t, List.of(EBADF, EIO, EROFS, EINVAL));
        }
        m.put(FopType.SETXATTR, List.of(EACCES, EINTR, ENAMETOOLONG));
        m.put(FopType.INODELK, List.of(EACCES, EINTR, ENAMETOOLONG));
        for (FopType t : List.of(FopType.GETXATTR, FopType.REMOVEXATTR, FopType.ENTRYLK)) {
            m.put(t, List.of(EACCES, ENAMETOOLONG, EINTR));
        }
        m.put(FopType.FSETXATTR, List.of(EACCES, EBADF, EINTR, ENAMETOOLONG));
        m.put(FopType.FINODELK, List.of(EACCES, EBADF, EINTR, ENAMETOOLONG));
        m.put(FopType.FGETXATTR, List.of(EACCES, EBADF, ENAMETOOLONG, EINTR));
        m.put(FopType.FREMOVEXATTR, List.of(EACCES, EBADF, ENAMETOOLONG, EINTR));
        m.put(FopType.OPENDIR, List.of(EACCES, EEXIST, EFAULT, EISDIR, EMFILE, ENAMETOOLONG, ENFILE, ENODEV));
        m.put(FopType.READDIR, List.of(EINVAL, EACCES, EBADF, EMFILE, ENOENT));
        m.put(FopType.READDIRP, List.of(EINVAL, EACCES, EBADF, EMFILE, ENOENT));
        m.put(FopType.ACCESS, List.of(EACCES, ENAMETOOLONG, ENOENT, ENOTDIR, EROFS, EFAULT, EINVAL, EIO));
        m.put(FopType.FTRUNCATE, List.of(EACCES, EFAULT, EFBIG, EINTR, EINVAL, EIO, EISDIR, ENAMETOOLONG, ENOENT));
        m.put(FopType.FSTAT, List.of(EACCES, EBADF, EFAULT, ENAMETOOLONG, ENOENT, ENOMEM, ENOTDIR));
        m.put(FopType.LK, List.of(EACCES, EFAULT, ENOENT, EINTR));
        m.put(FopType.XATTROP, List.of(EACCES, EFAULT, ENAMETOOLONG, ENOSYS, ENOENT));
        m.put(FopType.FENTRYLK, List.of(EACCES, EEXIST, EFAULT, EISDIR, EMFILE, ENAMETOOLONG, ENFILE, ENODEV, ENOENT, ENOMEM));
        m.put(FopType.SETATTR, List.of(EACCES, EFAULT, EIO, ENAMETOOLONG, ENOENT, ENOMEM, ENOTDIR, EPERM, EROFS, EIO));
        m.put(FopType.FSETATTR, List.of(EACCES, EBADF, EFAULT, EIO, ENAMETOOLONG, ENOENT, ENOMEM, ENOTDIR, EPERM, EROFS, EIO));
        // Fops GlusterFS's error-gen leaves alone: errnos their system calls document.
        m.put(FopType.RCHECKSUM, List.of(EBADF, EIO, EINVAL));
        m.put(FopType.FALLOCATE, List.of(EBADF, EFBIG, EINTR, EIO, ENOSPC, EOPNOTSUPP));
        m.put(FopType.DISCARD, List.of(EBADF, EIO, EOPNOTSUPP));
        m.put(FopType.ZEROFILL, List.of(EBADF, EIO, ENOSPC, EOPNOTSUPP));
        m.put(FopType.IPC, List.of(EIO, EOPNOTSUPP));
        m.put(FopType.SEEK, List.of(EBADF, EINVAL, ENXIO));
        m.put(FopType.LEASE, List.of(EAGAIN, EINVAL, EBADF));
        m.put(FopType.GETACTIVELK, List.of(EIO, ENOMEM));
        m.put(FopType.SETACTIVELK, List.of(EIO, ENOMEM));
        m.put(FopType.PUT, List.of(EACCES, EEXIST, EIO, ENAMETOOLONG, ENOENT, ENOSPC, ENOTDIR, EROFS));
        m.put(FopType.ICREATE, List.of(EEXIST, EIO, ENOSPC));
        m.put(FopType.NAMELINK, List.of(EEXIST, EIO, ENOENT, ENOTDIR));
        m.put(FopType.COPY_FILE_RANGE, List.of(EBADF, EFBIG, EINVAL, EIO, EISDIR, ENOSPC, EXDEV));
        return m;
    }
}
