package io.rxlator.benchmarks.load;

import io.rxlator.benchmarks.load.BenchConfig.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A workload on a target: the files it prepares, the operation number {@code i} is, and the
 * cleaning up after. Every choice is a function of the seed and {@code i} alone, so a run is
 * the same sequence of operations whatever the concurrency or the order in which they finish.
 *
 * <p>Layout under the target's root: {@code /rxbench/data/f<N>} (data files),
 * {@code /rxbench/small/} (small files), {@code /rxbench/storm/d<D>/} (lookup storm),
 * {@code /rxbench/dir/} (the large directory).
 */
final class Plan {

    static final String ROOT = "/rxbench";
    private static final String DATA = ROOT + "/data";
    private static final String SMALL = ROOT + "/small";
    private static final String STORM = ROOT + "/storm";
    private static final String DIR = ROOT + "/dir";
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int FILL_CHUNK = 1 << 20;
    /** Preparation and cleanup keep this many calls in flight. */
    private static final int PREP_CONCURRENCY = 32;
    /** A mixed lookup asks for one of this many names that do not exist. */
    private static final int MISSING_NAMES = 1000;

    /** What one operation did: its kind (a mixed unlink with nothing to unlink creates) and bytes moved. */
    record Done(Kind kind, long bytes) {
    }

    private final BenchConfig cfg;
    private final Target target;
    private final byte[] block;
    private final long blocksPerFile;
    private final Kind[] mixTable = new Kind[100];
    /** The data files' paths, and the missing names a mixed lookup asks for: made once, not per operation. */
    private final String[] dataPaths;
    private final String[] missing = new String[MISSING_NAMES];
    private final ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
    private Target.Handle[] data = new Target.Handle[0];
    private final Done[] done;

    Plan(BenchConfig cfg, Target target) {
        this.cfg = cfg;
        this.target = target;
        this.block = new byte[cfg.blockSize()];
        new SplittableRandom(cfg.seed()).nextBytes(block);
        this.blocksPerFile = Math.max(1, cfg.fileSize() / cfg.blockSize());
        int at = 0;
        for (Map.Entry<Kind, Integer> e : cfg.mix().entrySet()) {
            for (int k = 0; k < e.getValue(); k++) {
                mixTable[at++] = e.getKey();
            }
        }
        dataPaths = new String[cfg.files()];
        for (int f = 0; f < dataPaths.length; f++) {
            dataPaths[f] = DATA + "/f" + f;
        }
        for (int m = 0; m < MISSING_NAMES; m++) {
            missing[m] = DATA + "/missing-" + m;
        }
        done = new Done[Kind.values().length];
        for (Kind k : Kind.values()) {
            done[k.ordinal()] = new Done(k, 0);
        }
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private long hash(long i, long salt) {
        return mix64(cfg.seed() * 31 + salt + i * GOLDEN);
    }

    private static int below(long h, long n) {
        return (int) Long.remainderUnsigned(h, n);
    }

    // ---- preparation ----

    /** Makes what the workload needs: directories, data files at full size, the directory to list. */
    Mono<Void> prepare() {
        List<Kind> kinds = cfg.kinds();
        Mono<Void> dirs = target.mkdir(ROOT)
                .then(cfg.usesDataFiles() || kinds.contains(Kind.LOOKUP) ? target.mkdir(DATA) : Mono.empty())
                .then(kinds.contains(Kind.SMALL_FILE) || kinds.contains(Kind.CREATE) ? target.mkdir(SMALL) : Mono.empty());
        Mono<Void> dataFiles = cfg.usesDataFiles() ? prepareData() : Mono.empty();
        Mono<Void> storm = cfg.workload() == BenchConfig.Workload.LOOKUP_STORM ? prepareStorm() : Mono.empty();
        Mono<Void> dir = kinds.contains(Kind.READDIR) ? prepareDir() : Mono.empty();
        return dirs.then(dataFiles).then(storm).then(dir);
    }

    private Mono<Void> prepareData() {
        byte[] chunk = new byte[FILL_CHUNK];
        new SplittableRandom(cfg.seed() + 1).nextBytes(chunk);
        boolean fill = cfg.kinds().contains(Kind.READ);
        data = new Target.Handle[cfg.files()];
        return Flux.range(0, cfg.files()).flatMap(f -> target.openOrCreate(dataPaths[f]).flatMap(h -> {
            data[f] = h;
            return fill ? target.size(h).flatMap(size -> fillFrom(h, size, chunk)) : Mono.empty();
        }), 4).then();
    }

    /** Writes the file from {@code size} (rounded down to a chunk) up to the file size. */
    private Mono<Void> fillFrom(Target.Handle h, long size, byte[] chunk) {
        long from = size / FILL_CHUNK * FILL_CHUNK;
        if (size >= cfg.fileSize()) {
            return Mono.empty();
        }
        long chunks = (cfg.fileSize() - from + FILL_CHUNK - 1) / FILL_CHUNK;
        return Flux.range(0, (int) chunks).concatMap(c -> {
            long off = from + (long) c * FILL_CHUNK;
            int len = (int) Math.min(FILL_CHUNK, cfg.fileSize() - off);
            return target.write(h, off, len == FILL_CHUNK ? chunk : java.util.Arrays.copyOf(chunk, len));
        }).then();
    }

    private String stormName(int d, int n) {
        return STORM + "/d" + d + (cfg.positive() ? "/n" : "/x") + n;
    }

    private Mono<Void> prepareStorm() {
        Mono<Void> dirs = target.mkdir(STORM)
                .thenMany(Flux.range(0, cfg.dirs()).flatMap(d -> target.mkdir(STORM + "/d" + d), PREP_CONCURRENCY))
                .then();
        if (!cfg.positive()) {
            return dirs;
        }
        return dirs.thenMany(Flux.range(0, cfg.dirs() * cfg.names()).flatMap(idx ->
                target.createWrite(stormName(idx / cfg.names(), idx % cfg.names()), new byte[0]), PREP_CONCURRENCY)).then();
    }

    private Mono<Void> prepareDir() {
        return target.mkdir(DIR).thenMany(Flux.range(0, cfg.entries()).flatMap(e ->
                target.createWrite(DIR + "/e" + e, new byte[0]), PREP_CONCURRENCY)).then();
    }

    // ---- operations ----

    /** The kind of operation number {@code i}. */
    Kind kindOf(long i) {
        Kind k = cfg.workload().kind;
        return k != null ? k : mixTable[below(hash(i, 7), 100)];
    }

    /** Runs operation {@code i} of kind {@code kind}; {@code tag} makes names unique across phases. */
    Mono<Done> run(Kind kind, long i, String tag) {
        switch (kind) {
            case READ: {
                long h = hash(i, 1);
                int f = file(i, h);
                return target.read(data[f], offset(i, h), cfg.blockSize()).map(n -> new Done(Kind.READ, n));
            }
            case WRITE: {
                long h = hash(i, 2);
                int f = file(i, h);
                return target.write(data[f], offset(i, h), block).map(n -> new Done(Kind.WRITE, n));
            }
            case STAT:
                return target.stat(dataPaths[below(hash(i, 3), cfg.files())]).thenReturn(done[Kind.STAT.ordinal()]);
            case LOOKUP:
                return lookup(i);
            case READDIR:
                return target.list(DIR).thenReturn(done[Kind.READDIR.ordinal()]);
            case SMALL_FILE: {
                String p = SMALL + "/" + tag + "-" + i;
                return target.createWrite(p, block).then(target.stat(p)).then(target.unlink(p))
                        .thenReturn(new Done(Kind.SMALL_FILE, block.length));
            }
            case CREATE:
                return create(i, tag);
            case UNLINK: {
                String p = created.poll();
                return p == null ? create(i, tag) : target.unlink(p).thenReturn(done[Kind.UNLINK.ordinal()]);
            }
            default:
                throw new AssertionError(kind);
        }
    }

    private Mono<Done> create(long i, String tag) {
        String p = SMALL + "/" + tag + "-" + i;
        return target.createWrite(p, block).doOnSuccess(x -> created.add(p))
                .thenReturn(new Done(Kind.CREATE, block.length));
    }

    private Mono<Done> lookup(long i) {
        if (cfg.workload() != BenchConfig.Workload.LOOKUP_STORM) {
            // In a mix: a name that does not exist, among a thousand.
            return target.lookup(missing[below(hash(i, 4), MISSING_NAMES)])
                    .thenReturn(done[Kind.LOOKUP.ordinal()])
                    .onErrorResume(Errors::isEnoent, e -> Mono.just(done[Kind.LOOKUP.ordinal()]));
        }
        int idx = (int) Long.remainderUnsigned(i, (long) cfg.dirs() * cfg.names());
        Mono<Done> m = target.lookup(stormName(idx / cfg.names(), idx % cfg.names())).thenReturn(done[Kind.LOOKUP.ordinal()]);
        return cfg.positive() ? m : m.onErrorResume(Errors::isEnoent, e -> Mono.just(done[Kind.LOOKUP.ordinal()]));
    }

    private int file(long i, long h) {
        return cfg.sequential() ? (int) Long.remainderUnsigned(i, cfg.files()) : below(h, cfg.files());
    }

    private long offset(long i, long h) {
        long b = cfg.sequential() ? Long.remainderUnsigned(Long.divideUnsigned(i, cfg.files()), blocksPerFile)
                : Long.remainderUnsigned(mix64(h), blocksPerFile);
        return b * cfg.blockSize();
    }

    // ---- cleaning up ----

    /** Closes the data files and, unless --keep, removes everything the workload made. */
    Mono<Void> cleanup() {
        return Mono.defer(this::cleanupNow); // what to close and remove is known when it runs
    }

    private Mono<Void> cleanupNow() {
        Target.Handle[] open = data;
        data = new Target.Handle[0];
        Mono<Void> close = Flux.fromArray(open).filter(java.util.Objects::nonNull)
                .concatMap(h -> target.close(h).onErrorResume(e -> Mono.empty())).then();
        if (cfg.keep()) {
            return close;
        }
        Flux<String> files = Flux.concat(
                Flux.range(0, open.length).map(f -> dataPaths[f]),
                Flux.defer(() -> Flux.fromIterable(new ArrayList<>(created))).doOnComplete(created::clear),
                cfg.workload() == BenchConfig.Workload.LOOKUP_STORM && cfg.positive()
                        ? Flux.range(0, cfg.dirs() * cfg.names()).map(idx -> stormName(idx / cfg.names(), idx % cfg.names()))
                        : Flux.empty(),
                cfg.kinds().contains(Kind.READDIR) ? Flux.range(0, cfg.entries()).map(e -> DIR + "/e" + e) : Flux.empty());
        List<String> dirs = new ArrayList<>();
        if (cfg.workload() == BenchConfig.Workload.LOOKUP_STORM) {
            for (int d = 0; d < cfg.dirs(); d++) {
                dirs.add(STORM + "/d" + d);
            }
        }
        dirs.addAll(List.of(STORM, DIR, SMALL, DATA, ROOT));
        return close
                .thenMany(files.flatMap(p -> target.unlink(p).onErrorResume(e -> Mono.empty()), PREP_CONCURRENCY))
                .thenMany(Flux.fromIterable(dirs).concatMap(d -> target.rmdir(d).onErrorResume(e -> Mono.empty())))
                .then();
    }
}
