package io.rxlator.xlators.debug.iostats;

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
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code debug/io-stats}: counts what passes through it. Per fop: calls, failures and latency
 * (average, minimum, maximum and percentiles from a histogram); bytes read and written with a
 * histogram of block sizes; open fds. Two blocks are kept, cumulative (since the start) and an
 * interval (since the last dump, which starts the next interval).
 *
 * <p>A dump is asked for by a setxattr of {@code trusted.io-stats-dump} (any key matching
 * {@code *io*stat*dump}) on the mount, whose value names the file: it is written to
 * {@code ios-dump-dir}/VALUE.VOLUME, as JSON when the key ends in {@code json_dump} and as text
 * otherwise; the setxattr then goes on down so every io-stats in the graph dumps (storage drops
 * the key). Also: every {@code ios-dump-interval} seconds to {@code ios-dump-dir/VOLUME.dump} in
 * {@code ios-dump-format}, in statedumps ({@code rxlator statedump}), and over JMX
 * ({@code io.rxlator:type=io-stats,name=VOLUME}).
 *
 * <p>Differences from GlusterFS 10, on purpose: latencies labelled microseconds are
 * microseconds (GlusterFS 10 prints nanoseconds under those labels); either of
 * {@code count-fop-hits} and {@code latency-measurement} counts calls and failures, and latencies
 * need {@code latency-measurement} (GlusterFS needs both for either); the JSON dump is one valid
 * object (GlusterFS writes two objects one after the other).
 */
public final class IoStatsTranslator implements Translator {

    public static final String TYPE = "debug/io-stats";
    static final Pattern DUMP_KEY = Pattern.compile(".*io.*stat.*dump");

    public static final Option<Boolean> LATENCY = Option.bool("latency-measurement").defaultValue("off")
            .description("Measure the latency of each fop (from wind to answer), and count the calls.").reconfigurable();
    public static final Option<Boolean> COUNT_FOPS = Option.bool("count-fop-hits").defaultValue("off")
            .description("Count the calls and failures of each fop.").reconfigurable();
    public static final Option<Boolean> DUMP_FD_STATS = Option.bool("dump-fd-stats").defaultValue("off")
            .description("Include open-fd counts in dumps.").reconfigurable();
    public static final Option<Long> DUMP_INTERVAL = Option.integer("ios-dump-interval").defaultValue("0").range(0, 3600)
            .description("Write a dump to ios-dump-dir/VOLUME.dump every this many seconds (starting a new interval each time); 0: never.")
            .reconfigurable();
    public static final Option<Long> SAMPLE_INTERVAL = Option.integer("ios-sample-interval").defaultValue("0").range(0, 65535)
            .description("Keep every Nth fop as a sample (time, fop, latency, caller) in dumps; 0: none.").reconfigurable();
    public static final Option<String> DUMP_FORMAT = Option.oneOf("ios-dump-format", "json", "text", "dict", "samples")
            .defaultValue("json")
            .description("Format of the periodic dump: json or text (dict is written as json, samples as the sample lines).")
            .reconfigurable();
    public static final Option<Long> SAMPLE_BUF_SIZE = Option.integer("ios-sample-buf-size").defaultValue("65535")
            .range(1024, 1048576).description("How many samples are kept.").reconfigurable();
    public static final Option<String> DUMP_DIR = Option.path("ios-dump-dir").defaultValue("/run/rxlator/io-stats")
            .description("Where dumps are written (GlusterFS uses /var/run/gluster and /var/lib/glusterd/stats).")
            .reconfigurable();

    /** GlusterFS's io-stats also carries the process's logging and threading options; accepted, logging is logback's. */
    private static final List<Option<?>> COMPAT = compat();

    public static final TranslatorDescriptor DESCRIPTOR = TranslatorDescriptor.builder(TYPE)
            .arity(Arity.ONE)
            .options(options())
            .description("Per-fop call counts and latency percentiles, bytes and block sizes; dumps as text or JSON, in statedumps and over JMX.")
            .factory(IoStatsTranslator::new)
            .build();

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String name;
    private final Subvolume child;
    private final Logger log;
    private final Scheduler timer = Schedulers.parallel();
    private final Stats cumulative;
    private final AtomicReference<Stats> interval = new AtomicReference<>();
    private final AtomicInteger intervals = new AtomicInteger();
    private final Samples samples = new Samples();
    private final io.rxlator.runtime.inode.ContextKey<Boolean> countedFd;
    private volatile boolean latency;
    private volatile boolean countFops;
    private volatile boolean fdStats;
    private volatile int sampleEvery;
    private volatile String format = "json";
    private volatile Path dumpDir;
    private volatile @Nullable Disposable periodic;
    private volatile long periodicSeconds = -1;
    private final @Nullable ObjectName mbean;

    IoStatsTranslator(TranslatorContext ctx) {
        this.name = ctx.name();
        this.child = ctx.firstChild();
        this.log = ctx.logger();
        this.countedFd = ctx.newContextKey(Boolean.class);
        long nanos = System.nanoTime();
        long millis = System.currentTimeMillis();
        this.cumulative = new Stats(-1, nanos, millis);
        this.interval.set(new Stats(0, nanos, millis));
        reconfigure(ctx.options());
        this.mbean = registerMBean();
    }

    private static List<Option<?>> options() {
        List<Option<?>> all = new ArrayList<>(List.of(LATENCY, COUNT_FOPS, DUMP_FD_STATS, DUMP_INTERVAL, SAMPLE_INTERVAL,
                DUMP_FORMAT, SAMPLE_BUF_SIZE, DUMP_DIR));
        all.addAll(COMPAT);
        return all;
    }

    private static List<Option<?>> compat() {
        List<Option<?>> out = new ArrayList<>();
        String why = " Accepted so GlusterFS volfiles load; rxlator's logging is configured through logback.";
        out.add(Option.integer("ios-dnscache-ttl-sec").defaultValue("86400").range(1, 259200)
                .description("How long client host names are cached." + why).reconfigurable());
        for (String p : List.of("client-", "brick-")) {
            out.add(Option.oneOf(p + "log-level", "DEBUG", "WARNING", "ERROR", "INFO", "CRITICAL", "NONE", "TRACE")
                    .defaultValue("INFO").description("Process log level." + why).reconfigurable());
        }
        out.add(Option.oneOf("sys-log-level", "WARNING", "ERROR", "INFO", "CRITICAL").defaultValue("CRITICAL")
                .description("Syslog level." + why).reconfigurable());
        for (String p : List.of("", "client-", "brick-")) {
            Option<String> logger = Option.oneOf(p + "logger", "gluster-log", "syslog")
                    .description("Where the process logs." + why).reconfigurable();
            Option<String> fmt = Option.oneOf(p + "log-format", "no-msg-id", "with-msg-id")
                    .description("Log line format." + why).reconfigurable();
            if (!p.isEmpty()) {
                logger = logger.defaultValue("gluster-log");
                fmt = fmt.defaultValue("with-msg-id");
            }
            out.add(logger);
            out.add(fmt);
            out.add(Option.integer(p + "log-buf-size").defaultValue("5").range(0, 20)
                    .description("Log messages buffered." + why).reconfigurable());
            out.add(Option.time(p + "log-flush-timeout").defaultValue("120").range(30, 300)
                    .description("Log buffer flush timeout." + why).reconfigurable());
        }
        out.add(Option.string("unique-id").defaultValue("/no/such/path")
                .description("Name used in dumps instead of the volume name (bricks set their path)."));
        out.add(Option.string("volume-id").description("The volume's id." + why));
        out.add(Option.bool("global-threading").defaultValue("off").description("GlusterFS's global thread pool." + why));
        out.add(Option.integer("threads").range(0, 1024).description("GlusterFS's global thread pool size." + why));
        out.add(Option.integer("brick-threads").defaultValue("16").range(1, 128).description("Brick thread pool size." + why));
        out.add(Option.integer("client-threads").defaultValue("16").range(1, 128).description("Client thread pool size." + why));
        return out;
    }

    @Override
    public synchronized void reconfigure(Options options) {
        latency = options.get(LATENCY);
        countFops = options.get(COUNT_FOPS);
        fdStats = options.get(DUMP_FD_STATS);
        sampleEvery = (int) (long) options.get(SAMPLE_INTERVAL);
        samples.resize((int) (long) options.get(SAMPLE_BUF_SIZE));
        format = options.get(DUMP_FORMAT);
        dumpDir = Path.of(options.get(DUMP_DIR));
        long every = options.get(DUMP_INTERVAL);
        if (every != periodicSeconds) {
            Disposable old = periodic;
            if (old != null) {
                old.dispose();
            }
            periodic = every > 0 ? timer.schedulePeriodically(this::periodicDump, every, every, TimeUnit.SECONDS) : null;
            periodicSeconds = every;
        }
    }

    // ---- counting ----

    @Override
    public Mono<? extends FopReply> handle(FopRequest<?> request) {
        if (request instanceof Setxattr s && !s.dict().isEmpty()) {
            dumpOnRequest(s.dict());
        }
        FopType type = request.type();
        if (request instanceof Writev w) {
            int n = w.vector().length();
            cumulative.wrote(n);
            interval.get().wrote(n);
        }
        boolean count = countFops;
        boolean time = latency;
        int every = sampleEvery;
        if (!count && !time && every == 0 && type != FopType.READV && type != FopType.OPEN && type != FopType.CREATE
                && type != FopType.OPENDIR) {
            return child.call(request);
        }
        // handle runs when the call is subscribed (the runtime's FopMono): the clock starts at the wind.
        long start = time || every > 0 ? System.nanoTime() : 0;
        return child.call(request).doOnEach(sig -> {
            if (!sig.isOnNext() && !sig.isOnError()) {
                return;
            }
            long took = time || every > 0 ? System.nanoTime() - start : 0;
            Stats in = interval.get();
            if (sig.isOnNext()) {
                FopReply r = sig.get();
                if (r instanceof ReadvReply rr) {
                    cumulative.read(rr.vector().length());
                    in.read(rr.vector().length());
                } else if (r instanceof OpenReply o) {
                    counted(o.fd());
                } else if (r instanceof CreateReply c) {
                    counted(c.fd());
                } else if (r instanceof OpendirReply o) {
                    counted(o.fd());
                }
            }
            if (count || time) {
                record(cumulative.fop(type), sig.isOnError(), time, took);
                record(in.fop(type), sig.isOnError(), time, took);
            }
            if (every > 0) {
                samples.offer(every, type, took, request.caller());
            }
        });
    }

    /** Counts the call (either option counts: a latency comes with its count) and times it when asked. */
    private static void record(Stats.FopStats f, boolean failed, boolean time, long took) {
        f.calls.increment();
        if (failed) {
            f.errors.increment();
        }
        if (time) {
            f.latency.record(took);
        }
    }

    /** An fd opened through this translator: counted open until it is released. */
    private void counted(Fd fd) {
        if (fd.put(countedFd, Boolean.TRUE) == null) {
            cumulative.opened();
        }
    }

    @Override
    public void release(Fd fd) {
        uncount(fd);
    }

    @Override
    public void releasedir(Fd fd) {
        uncount(fd);
    }

    /** Fds opened elsewhere (anonymous ones, another graph's) were never counted and are not uncounted. */
    private void uncount(Fd fd) {
        if (fd.remove(countedFd) != null) {
            cumulative.closed();
        }
    }

    // ---- dumps ----

    /** Starts a new interval and returns the one that ended. */
    private Stats rollInterval() {
        return interval.getAndSet(new Stats(intervals.incrementAndGet(), System.nanoTime(), System.currentTimeMillis()));
    }

    /** A full report (cumulative and the interval that ends now) as one JSON object. */
    public String json() {
        return Report.json(name, cumulative, rollInterval(), fdStats);
    }

    /** A full report (cumulative and the interval that ends now) as text. */
    public String text() {
        return Report.text(name, cumulative, rollInterval(), fdStats, samples);
    }

    /** One fop's counts and latencies (nanoseconds; 0 when latency-measurement is off) over an interval. */
    public record FopSummary(FopType fop, long calls, long errors, double meanNanos, long p50Nanos, long p99Nanos,
            long maxNanos) {
    }

    /** What this instance saw over an interval: its name, bytes, and each fop seen. */
    public record Summary(String name, double seconds, long bytesRead, long bytesWritten, List<FopSummary> fops) {
    }

    /**
     * Ends the current interval and answers what it saw, as values; a load driver calls it at
     * the start of a measurement (to drop what came before) and at its end.
     */
    public Summary rollSummary() {
        Stats s = rollInterval();
        List<FopSummary> fops = new ArrayList<>();
        for (FopType t : FopType.values()) {
            Stats.FopStats f = s.peek(t);
            if (f == null) {
                continue;
            }
            LatencyHistogram h = f.latency;
            long[] pct = h.percentiles(0.5, 0.99);
            fops.add(new FopSummary(t, f.calls.sum(), f.errors.sum(), h.mean(), pct[0], pct[1], h.max()));
        }
        return new Summary(name, (System.nanoTime() - s.startNanos) / 1e9, s.bytesRead.sum(), s.bytesWritten.sum(),
                List.copyOf(fops));
    }

    /** The report without ending the interval, for statedumps and JMX reads. */
    String jsonPeek() {
        return Report.json(name, cumulative, interval.get(), fdStats);
    }

    private void dumpOnRequest(Xattrs dict) {
        for (String key : dict.names()) {
            if (!DUMP_KEY.matcher(key).matches()) {
                continue;
            }
            String value = new String(dict.get(key).toByteArray(), StandardCharsets.UTF_8).replace("\0", "").trim();
            try {
                Path file = requestedFile(value);
                boolean asJson = key.endsWith("json_dump");
                write(file, asJson ? json() : text());
                log.info("io-stats dump written to {}", file);
            } catch (IllegalArgumentException | IOException e) {
                log.warn("io-stats dump asked by xattr '{}' with value '{}' not written: {}", key, value, e.getMessage());
            }
        }
    }

    /** Where a dump asked for with {@code value} goes: inside the dump directory, never outside. */
    Path requestedFile(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the value must name the dump file");
        }
        if (value.contains("../") || value.equals("..")) {
            throw new IllegalArgumentException("a dump file name may not contain '../'");
        }
        String clean = value.replaceAll("^/+", "").replace('/', '-');
        return dumpDir.resolve(clean + "." + name.replace('/', '-'));
    }

    private void periodicDump() {
        try {
            String body = switch (format) {
                case "text" -> text();
                case "samples" -> samples.text();
                default -> json();
            };
            write(dumpDir.resolve(name.replace('/', '-') + ".dump"), body);
        } catch (IOException | RuntimeException e) {
            log.warn("periodic io-stats dump to {} failed: {}", dumpDir, e.toString());
        }
    }

    private static void write(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, body, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void dump(DumpWriter out) {
        out.put("uptime_sec", (System.nanoTime() - cumulative.startNanos) / 1_000_000_000L)
                .put("bytes_read", cumulative.bytesRead.sum())
                .put("bytes_written", cumulative.bytesWritten.sum())
                .put("open_fds", cumulative.openFds.get())
                .put("max_open_fds", cumulative.maxOpenFds.get());
        for (FopType t : FopType.values()) {
            Stats.FopStats f = cumulative.peek(t);
            if (f == null) {
                continue;
            }
            LatencyHistogram h = f.latency;
            long[] pct = h.percentiles(0.5, 0.9, 0.99);
            out.put(name + ".latency." + t.glusterName(), String.format(Locale.ROOT,
                    "CNT:%d ERR:%d AVG:%.3f MIN:%.3f MAX:%.3f P50:%.3f P90:%.3f P99:%.3f (us)", f.calls.sum(), f.errors.sum(),
                    h.mean() / 1000, h.min() / 1000.0, h.max() / 1000.0, pct[0] / 1000.0, pct[1] / 1000.0, pct[2] / 1000.0));
        }
    }

    // ---- JMX ----

    /** What io-stats shows over JMX. */
    public interface IoStatsMXBean {
        /** The report as JSON, without ending the interval. */
        String getJson();

        /** Writes a report and ends the interval; returns the JSON. */
        String dumpAndReset();

        long getBytesRead();

        long getBytesWritten();
    }

    private @Nullable ObjectName registerMBean() {
        try {
            ObjectName on = new ObjectName("io.rxlator:type=io-stats,name=" + ObjectName.quote(name) + ",instance="
                    + INSTANCES.incrementAndGet());
            IoStatsMXBean bean = new IoStatsMXBean() {
                @Override
                public String getJson() {
                    return jsonPeek();
                }

                @Override
                public String dumpAndReset() {
                    return json();
                }

                @Override
                public long getBytesRead() {
                    return cumulative.bytesRead.sum();
                }

                @Override
                public long getBytesWritten() {
                    return cumulative.bytesWritten.sum();
                }
            };
            ManagementFactory.getPlatformMBeanServer().registerMBean(
                    new javax.management.StandardMBean(bean, IoStatsMXBean.class, true), on);
            return on;
        } catch (Exception | LinkageError e) {
            log.warn("io-stats not registered over JMX: {}", e.toString());
            return null;
        }
    }

    /** The JMX name, or null when not registered. */
    @Nullable ObjectName objectName() {
        return mbean;
    }

    @Override
    public synchronized void close() {
        Disposable p = periodic;
        if (p != null) {
            p.dispose();
        }
        if (mbean != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbean);
            } catch (Exception e) {
                log.debug("io-stats JMX unregister: {}", e.toString());
            }
        }
    }
}
