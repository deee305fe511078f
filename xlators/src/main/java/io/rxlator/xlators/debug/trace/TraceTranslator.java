package io.rxlator.xlators.debug.trace;

import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.inode.Fd;
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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import reactor.core.publisher.Mono;

/**
 * {@code debug/trace}: logs each selected fop as it goes down and its answer as it comes back,
 * through the translator's slf4j logger ({@code rxlator.xlator.<name>}) at INFO, and keeps the
 * last {@code history-size} lines for statedumps when {@code log-history} is on. A request and
 * its answer carry the same number.
 *
 * <p>Unlike GlusterFS, whose trace logs nothing unless {@code log-file} or {@code log-history} is
 * on, {@code log-file} defaults to on here: a trace translator is put in a graph to be read.
 */
public final class TraceTranslator implements Translator {

    public static final String TYPE = "debug/trace";

    public static final Option<Set<FopType>> INCLUDE = FopListType.option("include-ops").alias("include")
            .description("Trace only these fops (GlusterFS names: LOOKUP, READ, WRITE, …); empty: all. Not with exclude-ops.")
            .reconfigurable();
    public static final Option<Set<FopType>> EXCLUDE = FopListType.option("exclude-ops").alias("exclude")
            .description("Trace every fop but these. Not with include-ops.")
            .reconfigurable();
    public static final Option<Long> HISTORY_SIZE = Option.size("history-size").defaultValue("1024").range(1, 1 << 20)
            .description("How many lines log-history keeps.");
    public static final Option<Boolean> LOG_FILE = Option.bool("log-file").defaultValue("yes")
            .description("Log each line through slf4j (logger rxlator.xlator.<volume>, level INFO).").reconfigurable();
    public static final Option<Boolean> LOG_HISTORY = Option.bool("log-history").defaultValue("no")
            .description("Keep the last history-size lines in memory and show them in statedumps.").reconfigurable();

    public static final TranslatorDescriptor DESCRIPTOR = TranslatorDescriptor.builder(TYPE)
            .arity(Arity.ONE)
            .options(INCLUDE, EXCLUDE, HISTORY_SIZE, LOG_FILE, LOG_HISTORY)
            .description("Logs every fop and its reply (or the selected ones) through slf4j.")
            .factory(TraceTranslator::new)
            .build();

    private final Subvolume child;
    private final Logger log;
    private final AtomicLong numbers = new AtomicLong();
    private final int historySize;
    private final ArrayDeque<String> history = new ArrayDeque<>();
    private volatile boolean[] selected;
    private volatile boolean logFile;
    private volatile boolean logHistory;

    TraceTranslator(TranslatorContext ctx) {
        this.child = ctx.firstChild();
        this.log = ctx.logger();
        this.historySize = (int) (long) ctx.options().get(HISTORY_SIZE);
        reconfigure(ctx.options());
    }

    @Override
    public void reconfigure(Options options) {
        Set<FopType> include = options.get(INCLUDE) == null ? Set.of() : options.get(INCLUDE);
        Set<FopType> exclude = options.get(EXCLUDE) == null ? Set.of() : options.get(EXCLUDE);
        if (!include.isEmpty() && !exclude.isEmpty()) {
            throw new IllegalArgumentException("options 'include-ops' and 'exclude-ops' cannot both be set: give one list");
        }
        boolean[] sel = Chance.selection(include);
        for (FopType t : exclude) {
            sel[t.ordinal()] = false;
        }
        selected = sel;
        logFile = options.get(LOG_FILE);
        logHistory = options.get(LOG_HISTORY);
    }

    @Override
    public Mono<? extends FopReply> handle(FopRequest<?> request) {
        // A log that would drop the lines costs nothing: nothing is described for it.
        boolean toLog = logFile && log.isInfoEnabled();
        if (!selected[request.type().ordinal()] || !(toLog || logHistory)) {
            return child.call(request);
        }
        // handle runs when the call is subscribed (the runtime's FopMono), so numbering here is in
        // wind order without a defer.
        long n = numbers.incrementAndGet();
        String name = request.type().glusterName();
        emit(toLog, n + ": " + name + " " + describe(request));
        return child.call(request).doOnEach(s -> {
            if (s.isOnNext()) {
                emit(toLog, n + ": " + name + " reply op_ret=0 " + describe(s.get()));
            } else if (s.isOnError()) {
                Throwable e = s.getThrowable();
                if (e instanceof FopException f) {
                    emit(toLog, n + ": " + name + " reply op_ret=-1 op_errno=" + f.errno().code() + " (" + f.errno().name()
                            + ") " + (f.getMessage() == null ? "" : f.getMessage()));
                } else {
                    emit(toLog, n + ": " + name + " reply failed: " + e);
                }
            }
        }).doOnCancel(() -> emit(toLog, n + ": " + name + " cancelled"));
    }

    private void emit(boolean toLog, String line) {
        if (toLog) {
            log.info("{}", line);
        }
        if (logHistory) {
            synchronized (history) {
                if (history.size() >= historySize) {
                    history.removeFirst();
                }
                history.addLast(Instant.now() + " " + line);
            }
        }
    }

    /** The lines kept by log-history, oldest first. */
    List<String> history() {
        synchronized (history) {
            return new ArrayList<>(history);
        }
    }

    static String describe(FopRequest<?> r) {
        StringBuilder sb = new StringBuilder();
        CallContext c = r.caller();
        sb.append("uid=").append(c.uid()).append(" gid=").append(c.gid()).append(" pid=").append(c.pid());
        if (r instanceof LocFop l) {
            loc(sb, "", l.loc());
        }
        if (r instanceof FdFop f) {
            fd(sb, f.fd());
        }
        if (r instanceof Rename x) {
            loc(sb, "old", x.oldloc());
            loc(sb, "new", x.newloc());
        } else if (r instanceof Link x) {
            loc(sb, "old", x.oldloc());
            loc(sb, "new", x.newloc());
        } else if (r instanceof Readv x) {
            sb.append(" size=").append(x.size()).append(" offset=").append(x.offset()).append(" flags=0").append(oct(x.flags()));
        } else if (r instanceof Writev x) {
            sb.append(" write_size=").append(x.vector().length()).append(" offset=").append(x.offset())
                    .append(" flags=0").append(oct(x.flags()));
        } else if (r instanceof Create x) {
            sb.append(" flags=0").append(oct(x.flags())).append(" mode=0").append(oct(x.mode())).append(" umask=0").append(oct(x.umask()));
        } else if (r instanceof Open x) {
            sb.append(" flags=0").append(oct(x.flags()));
        } else if (r instanceof Mkdir x) {
            sb.append(" mode=0").append(oct(x.mode()));
        } else if (r instanceof Mknod x) {
            sb.append(" mode=0").append(oct(x.mode())).append(" rdev=").append(x.rdev());
        } else if (r instanceof Symlink x) {
            sb.append(" linkname=").append(x.linkname());
        } else if (r instanceof Truncate x) {
            sb.append(" offset=").append(x.offset());
        } else if (r instanceof Ftruncate x) {
            sb.append(" offset=").append(x.offset());
        } else if (r instanceof Getxattr x) {
            sb.append(" name=").append(x.name());
        } else if (r instanceof Setxattr x) {
            sb.append(" names=").append(x.dict().names());
        } else if (r instanceof Removexattr x) {
            sb.append(" name=").append(x.name());
        } else if (r instanceof Readdir x) {
            sb.append(" size=").append(x.size()).append(" offset=").append(x.offset());
        } else if (r instanceof Readdirp x) {
            sb.append(" size=").append(x.size()).append(" offset=").append(x.offset());
        }
        return sb.toString();
    }

    private static void loc(StringBuilder sb, String prefix, Loc loc) {
        sb.append(' ').append(prefix).append("path=").append(loc.path());
        sb.append(' ').append(prefix).append("gfid=").append(loc.effectiveGfid());
    }

    private static void fd(StringBuilder sb, Fd fd) {
        sb.append(" fd=").append(Integer.toHexString(System.identityHashCode(fd))).append(" gfid=").append(fd.inode().gfid());
    }

    static String describe(FopReply r) {
        if (r instanceof LookupReply x) {
            return iatt(x.buf());
        } else if (r instanceof StatReply x) {
            return iatt(x.buf());
        } else if (r instanceof FstatReply x) {
            return iatt(x.buf());
        } else if (r instanceof ReadvReply x) {
            return "read=" + x.vector().length() + " " + iatt(x.stbuf());
        } else if (r instanceof WritevReply x) {
            return "written=" + x.written() + " postbuf={" + iatt(x.postbuf()) + "}";
        } else if (r instanceof CreateReply x) {
            return iatt(x.buf());
        } else if (r instanceof MkdirReply x) {
            return iatt(x.buf());
        } else if (r instanceof ReadlinkReply x) {
            return "path=" + x.path();
        } else if (r instanceof ReaddirReply x) {
            return "entries=" + x.entries().size();
        } else if (r instanceof ReaddirpReply x) {
            return "entries=" + x.entries().size();
        } else if (r instanceof GetxattrReply x) {
            return "names=" + x.dict().names();
        }
        return r.getClass().getSimpleName();
    }

    private static String oct(int v) {
        return Integer.toOctalString(v);
    }

    static String iatt(Iatt a) {
        return "gfid=" + a.gfid() + " type=" + a.type() + " prot=0" + oct(a.prot()) + " nlink=" + a.nlink() + " uid=" + a.uid()
                + " gid=" + a.gid() + " size=" + a.size() + " mtime=" + a.mtimeSec() + "." + a.mtimeNsec();
    }

    @Override
    public void dump(DumpWriter out) {
        out.put("traced", numbers.get());
        int i = 0;
        for (String line : history()) {
            out.put("history." + i++, line);
        }
    }
}
