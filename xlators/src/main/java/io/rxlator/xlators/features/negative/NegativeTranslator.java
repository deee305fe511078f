package io.rxlator.xlators.features.negative;

import io.rxlator.runtime.fop.*;
import io.rxlator.runtime.inode.Fd;
import io.rxlator.runtime.inode.Inode;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.option.CommonOptions;
import io.rxlator.runtime.option.Option;
import io.rxlator.runtime.option.Options;
import io.rxlator.runtime.statedump.DumpWriter;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.Event;
import io.rxlator.runtime.xlator.EventType;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.Notifier;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code features/negative}, also answering to GlusterFS's {@code performance/nl-cache}: caches
 * lookups that found nothing, so a long include path stops costing a round trip per miss.
 *
 * <p>A lookup of a name cached as missing fails with ENOENT without reaching the child. Every
 * fop that can make a name exist (create, mkdir, mknod, symlink, link, rename, put, namelink,
 * and the gfid-access xattrs that create entries) drops the name before it winds and again when
 * it is answered, whatever the answer; a successful unlink or rmdir records the name as missing.
 * The fop methods run when a call is subscribed (the runtime calls {@code handle} then, once
 * per subscription), so the cache is touched once per wind without deferring anything.
 * Unlike GlusterFS's nl-cache, which keeps a stale negative entry after a create when positive
 * entries are off and relies on its inode table to hide it, nothing stale is kept here. Entries
 * expire after {@code nl-cache-timeout} (another client may create the name), expired ones are
 * pruned every {@code prune-interval}, and the cache is bounded by entries and by estimated bytes,
 * least recently used first, not by the life of directory inodes (a client without a kernel
 * forgets inodes at once). CHILD_UP, CHILD_DOWN and PARENT_DOWN empty it; an invalidation of a
 * directory (an upcall) drops what is known of it. A name that shows up in a directory listing
 * is no longer held as missing, so {@code ls} makes another client's file visible at once.
 *
 * <p>With {@code nl-cache-positive-entry} on, a directory created through this translator is known
 * to be complete: names never created in it are missing without asking, and
 * {@code glusterfs.get_real_filename:NAME} is answered from the names created.
 */
public final class NegativeTranslator extends ForwardingTranslator {

    public static final String TYPE = "features/negative";
    public static final String GLUSTER_TYPE = "performance/nl-cache";

    /** The getxattr key prefix Samba uses to find a name's case on a case-sensitive volume. */
    public static final String GET_REAL_FILENAME = "glusterfs.get_real_filename:";

    public static final Option<Duration> TIMEOUT = Option.time("nl-cache-timeout").defaultValue("60")
            .range(0, 31_536_000)
            .description("How long a name found missing is believed missing; another client may create it meanwhile. 0 caches nothing.")
            .reconfigurable();
    public static final Option<Long> LIMIT = Option.size("nl-cache-limit").defaultValue("131072")
            .range(0, 1L << 40)
            .description("Most estimated heap bytes the cache holds (names, entries, directory records); least recently used entries go first.")
            .reconfigurable();
    public static final Option<Boolean> POSITIVE = Option.bool("nl-cache-positive-entry").defaultValue("false")
            .description("Also remember the names created in directories created through this translator, "
                    + "so any other name in them is missing without asking the child, and answer get_real_filename.")
            .reconfigurable();
    public static final Option<Long> ENTRY_LIMIT = Option.integer("entry-limit").defaultValue("65536")
            .range(0, 1 << 30)
            .description("Most names the cache holds as missing; least recently used go first.")
            .reconfigurable();
    public static final Option<Duration> PRUNE_INTERVAL = Option.time("prune-interval").defaultValue("10")
            .range(0, 86_400)
            .description("How often expired entries that nobody looks up again are removed. 0: only when looked up or evicted.")
            .reconfigurable();

    public static final TranslatorDescriptor DESCRIPTOR = TranslatorDescriptor.builder(TYPE)
            .alias(GLUSTER_TYPE)
            .arity(Arity.ONE)
            .options(TIMEOUT, LIMIT, POSITIVE, ENTRY_LIMIT, PRUNE_INTERVAL, CommonOptions.PASS_THROUGH)
            .description("Caches lookups that returned ENOENT (the negative-lookup cache; GlusterFS's nl-cache).")
            .factory(NegativeTranslator::new)
            .build();

    private static final FopException CACHED_MISSING = FopException.of(Errno.ENOENT, "missing (negative-lookup cache)");

    private final Scheduler timer;
    private final NegativeCache cache;
    private final InodeTable table;
    private volatile boolean positive;
    private volatile @Nullable Disposable pruning;
    private volatile long pruneMillis = -1;
    private final LongAdder hitsRealName = new LongAdder();
    private final LongAdder missesRealName = new LongAdder();

    NegativeTranslator(TranslatorContext ctx) {
        super(ctx);
        this.timer = Schedulers.parallel();
        this.table = ctx.inodeTable();
        this.cache = new NegativeCache(() -> timer.now(TimeUnit.NANOSECONDS), 0, 0, 0);
        reconfigure(ctx.options());
    }

    @Override
    public synchronized void reconfigure(Options options) {
        cache.limits(options.get(TIMEOUT).toNanos(), options.get(ENTRY_LIMIT), options.get(LIMIT));
        boolean wasPositive = positive;
        positive = options.get(POSITIVE);
        if (wasPositive && !positive) {
            cache.dropCompleteListings(); // they would go on answering ENOENT until they expire
        }
        long prune = options.get(PRUNE_INTERVAL).toMillis();
        if (prune != pruneMillis) {
            Disposable old = pruning;
            if (old != null) {
                old.dispose();
            }
            pruning = prune > 0 ? timer.schedulePeriodically(cache::prune, prune, prune, TimeUnit.MILLISECONDS) : null;
            pruneMillis = prune;
        }
    }

    @Override
    public synchronized void close() {
        Disposable p = pruning;
        if (p != null) {
            p.dispose();
        }
        pruning = null;
    }

    // ---- lookups ----

    @Override
    protected Mono<LookupReply> lookup(Lookup req) {
        Loc loc = req.loc();
        String name = loc.name();
        Gfid dir = loc.effectiveParentGfid();
        if (name == null || dir.isNull()) {
            return child().lookup(req);
        }
        Inode parent = loc.parent();
        // A name the graph holds existed a moment ago: ask (as GlusterFS does).
        boolean known = parent != null && table.grep(parent, name) != null;
        if (!known && cache.check(dir, name) != NegativeCache.Verdict.UNKNOWN) {
            return Mono.error(CACHED_MISSING);
        }
        long since = cache.stamp();
        // A lookup that names a gfid and gets ENOENT learned that the inode is gone, not that the
        // name is free: the name may be another file's by now. Only lookups by name record misses.
        boolean byName = loc.effectiveGfid().isNull();
        return child().lookup(req)
                .doOnEach(s -> {
                    if (byName && s.isOnError() && FopException.is(s.getThrowable(), Errno.ENOENT)) {
                        cache.recordMissing(dir, name, since);
                    } else if (s.isOnNext() && positive) {
                        // Someone else made it: a complete listing without it is wrong.
                        cache.found(dir, name);
                    }
                });
    }

    @Override
    protected Mono<GetxattrReply> getxattr(Getxattr req) {
        String key = req.name();
        if (positive && key != null && key.startsWith(GET_REAL_FILENAME)) {
            Gfid dir = req.loc().effectiveGfid();
            String real = dir.isNull() ? null : cache.realName(dir, key.substring(GET_REAL_FILENAME.length()));
            if (real != null) {
                hitsRealName.increment();
                if (real.isEmpty()) {
                    return Mono.error(FopException.of(Errno.ENOENT, "no name like that (negative-lookup cache)"));
                }
                return Mono.just(new GetxattrReply(Xattrs.of(key, Bytes.utf8(real)), Xdata.EMPTY));
            }
            missesRealName.increment();
        }
        return child().getxattr(req);
    }

    // ---- listings: a name another client made shows up in them before its timeout ----

    @Override
    protected Mono<ReaddirReply> readdir(Readdir req) {
        Gfid dir = req.fd().inode().gfid();
        return child().readdir(req).doOnNext(r -> listed(dir, r.entries()));
    }

    @Override
    protected Mono<ReaddirpReply> readdirp(Readdirp req) {
        Gfid dir = req.fd().inode().gfid();
        return child().readdirp(req).doOnNext(r -> listed(dir, r.entries()));
    }

    private void listed(Gfid dir, List<Dirent> entries) {
        if (dir.isNull() || entries.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(entries.size());
        for (Dirent e : entries) {
            names.add(e.name());
        }
        cache.listed(dir, names);
    }

    // ---- fops that change names ----

    @Override
    protected Mono<CreateReply> create(Create req) {
        return adding(req.loc(), child().create(req));
    }

    @Override
    protected Mono<MknodReply> mknod(Mknod req) {
        return adding(req.loc(), child().mknod(req));
    }

    @Override
    protected Mono<SymlinkReply> symlink(Symlink req) {
        return adding(req.loc(), child().symlink(req));
    }

    @Override
    protected Mono<LinkReply> link(Link req) {
        return adding(req.newloc(), child().link(req));
    }

    @Override
    protected Mono<PutReply> put(Put req) {
        return adding(req.loc(), child().put(req));
    }

    @Override
    protected Mono<NamelinkReply> namelink(Namelink req) {
        return adding(req.loc(), child().namelink(req));
    }

    @Override
    protected Mono<MkdirReply> mkdir(Mkdir req) {
        return adding(req.loc(), child().mkdir(req), (r, since) -> {
            if (positive) {
                Gfid made = r.inode() != null && !r.inode().gfid().isNull() ? r.inode().gfid() : r.buf().gfid();
                cache.recordEmptyDirectory(made, since);
            }
        });
    }

    @Override
    protected Mono<UnlinkReply> unlink(Unlink req) {
        return removing(req.loc(), null, child().unlink(req));
    }

    @Override
    protected Mono<RmdirReply> rmdir(Rmdir req) {
        return removing(req.loc(), req.loc().effectiveGfid(), child().rmdir(req));
    }

    @Override
    protected Mono<RenameReply> rename(Rename req) {
        Loc from = req.oldloc();
        Loc to = req.newloc();
        Gfid fromDir = from.effectiveParentGfid();
        Gfid toDir = to.effectiveParentGfid();
        if (fromDir.isNull() || toDir.isNull() || from.name() == null || to.name() == null) {
            cache.invalidateAll();
            return child().rename(req).doOnEach(s -> after(s, cache::invalidateAll));
        }
        cache.changing(toDir, to.name());
        cache.changing(fromDir, from.name());
        long since = cache.stamp();
        return child().rename(req).doOnEach(s -> {
            if (s.isOnNext()) {
                cache.removed(fromDir, from.name(), since);
                cache.added(toDir, to.name());
            } else if (s.isOnError()) {
                cache.invalidate(toDir, to.name());
                cache.invalidate(fromDir, from.name());
            }
        });
    }

    @Override
    protected Mono<SetxattrReply> setxattr(Setxattr req) {
        if (!createsEntries(req.dict())) {
            return child().setxattr(req);
        }
        Gfid dir = req.loc().effectiveGfid();
        return aroundDirectory(dir, child().setxattr(req));
    }

    @Override
    protected Mono<FsetxattrReply> fsetxattr(Fsetxattr req) {
        if (!createsEntries(req.dict())) {
            return child().fsetxattr(req);
        }
        Fd fd = req.fd();
        return aroundDirectory(fd.inode().gfid(), child().fsetxattr(req));
    }

    /**
     * Whether the xattrs ask the translators below to make an entry: GlusterFS's gfid-access
     * {@code glusterfs.gfid.newfile} and the like, and DHT's link files.
     */
    static boolean createsEntries(Xattrs dict) {
        for (String k : dict.names()) {
            if (k.startsWith("glusterfs.gfid.") || k.startsWith("trusted.glusterfs.dht.linkto")) {
                return true;
            }
        }
        return false;
    }

    private <R> Mono<R> aroundDirectory(Gfid dir, Mono<R> wind) {
        if (dir.isNull()) {
            cache.invalidateAll();
            return wind.doOnEach(s -> after(s, cache::invalidateAll));
        }
        cache.invalidateDir(dir);
        return wind.doOnEach(s -> after(s, () -> cache.invalidateDir(dir)));
    }

    private <R> Mono<R> adding(Loc loc, Mono<R> wind) {
        return adding(loc, wind, null);
    }

    /**
     * A fop that makes {@code loc}'s name exist: the name is dropped before it winds and when it
     * is answered; {@code made} also sees a success, with the stamp taken before the wind.
     */
    private <R> Mono<R> adding(Loc loc, Mono<R> wind, java.util.function.@Nullable ObjLongConsumer<R> made) {
        Gfid dir = loc.effectiveParentGfid();
        String name = loc.name();
        if (dir.isNull() || name == null) {
            return aroundDirectory(Gfid.NULL, wind);
        }
        cache.changing(dir, name);
        long since = cache.stamp();
        return wind.doOnEach(s -> {
            if (s.isOnNext()) {
                cache.added(dir, name);
                R r = s.get();
                if (made != null && r != null) {
                    made.accept(r, since);
                }
            } else if (s.isOnError()) {
                cache.invalidate(dir, name);
            }
        });
    }

    private <R> Mono<R> removing(Loc loc, @Nullable Gfid removedDir, Mono<R> wind) {
        Gfid dir = loc.effectiveParentGfid();
        String name = loc.name();
        if (dir.isNull() || name == null) {
            return aroundDirectory(Gfid.NULL, wind);
        }
        long since = cache.stamp();
        return wind.doOnEach(s -> {
            if (s.isOnNext()) {
                cache.removed(dir, name, since);
                if (removedDir != null && !removedDir.isNull()) {
                    cache.invalidateDir(removedDir);
                }
            } else if (s.isOnError()) {
                cache.invalidate(dir, name);
            }
        });
    }

    /** Runs {@code action} once the wind is answered, before the answer goes up. */
    private static void after(Signal<?> s, Runnable action) {
        if (s.isOnNext() || s.isOnError()) {
            action.run();
        }
    }

    // ---- lifecycle ----

    @Override
    public void notify(Event event, Notifier notifier) {
        EventType t = event.type();
        if (t == EventType.CHILD_UP || t == EventType.CHILD_DOWN || t == EventType.PARENT_DOWN) {
            cache.invalidateAll();
        }
        super.notify(event, notifier);
    }

    @Override
    public void invalidate(Inode inode) {
        cache.invalidateDir(inode.gfid());
    }

    @Override
    public void dump(DumpWriter out) {
        out.put("negative_lookup_hit_count", cache.hits.sum() + cache.positiveHits.sum())
                .put("negative_lookup_miss_count", cache.misses.sum())
                .put("get_real_filename_hit_count", hitsRealName.sum())
                .put("get_real_filename_miss_count", missesRealName.sum())
                .put("consumed_cache_size", cache.bytes())
                .put("nl_cache_limit", cache.limitBytes())
                .put("entries", cache.entries())
                .put("entry_limit", cache.limitEntries())
                .put("directories", cache.directories())
                .put("complete_directories", cache.completeDirectories())
                .put("hits_negative", cache.hits.sum())
                .put("hits_positive", cache.positiveHits.sum())
                .put("recorded", cache.recorded.sum())
                .put("invalidations", cache.invalidations.sum())
                .put("evictions", cache.evictions.sum())
                .put("expirations", cache.expirations.sum())
                .put("skipped_races", cache.skippedRaces.sum());
    }

    /** The cache, for tests. */
    NegativeCache cache() {
        return cache;
    }
}
