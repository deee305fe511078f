package io.rxlator.benchmarks.load;

import io.rxlator.benchmarks.load.Results.Run;
import io.rxlator.benchmarks.load.Results.Spread;
import io.rxlator.benchmarks.load.Results.TargetResult;
import io.rxlator.fuse.FuseMount;
import io.rxlator.fuse.MountException;
import io.rxlator.fuse.MountOptions;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.graph.VolfileException;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.xlators.debug.iostats.LatencyHistogram;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code rxlator bench}: drives a workload into a graph (fops straight into its top, no FUSE in
 * the way), into a directory (any mount), or into a graph mounted for the run; prints live
 * progress and a report, and writes JSON and HTML. {@code rxlator bench compare A B} runs A B A
 * B ... and prints B/A per metric with its spread.
 */
public final class BenchCommand {

    public static final String USAGE = """
            usage: rxlator bench [-f VOLFILE | --dir DIR] [--mount] [OPTIONS]
                   rxlator bench compare A B [OPTIONS]     (A and B: each a volfile or a directory)

            """ + BenchConfig.OPTIONS_HELP;

    /** The stack driven when no target is given. */
    static final String EMBEDDED = """
            volume bench-store
                type storage/memory
            end-volume

            volume bench-stats
                type debug/io-stats
                option latency-measurement on
                option count-fop-hits on
                subvolumes bench-store
            end-volume
            """;

    private static final Duration CHILD_UP_WAIT = Duration.ofSeconds(30);

    private final PrintStream out;
    private final PrintStream err;
    private final Scheduler clock;

    BenchCommand(PrintStream out, PrintStream err, Scheduler clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Runs {@code rxlator bench ARGS}; answers the exit status (0 done, 1 failed, 2 bad command line). */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
            out.print(USAGE);
            return 0;
        }
        boolean compare = !args.isEmpty() && args.get(0).equals("compare");
        BenchConfig cfg;
        try {
            cfg = BenchConfig.parse(compare ? args.subList(1, args.size()) : args, compare);
        } catch (IllegalArgumentException e) {
            err.println("rxlator bench: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            new BenchCommand(out, err, Schedulers.parallel()).bench(cfg, compare);
            return 0;
        } catch (Failure e) {
            err.println("rxlator bench: " + e.getMessage());
            return 1;
        }
    }

    /** A run that could not be done; the message says why. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message, Throwable cause) {
            super(message, cause);
        }

        Failure(String message) {
            super(message);
        }
    }

    List<TargetResult> bench(BenchConfig cfg, boolean compare) throws Failure {
        try (var latency = holdCpuLatency(cfg)) {
            return benchHeld(cfg, compare);
        }
    }

    /**
     * Asks the kernel to keep idle cores out of deep sleep for the run (0 written to, and held
     * open on, {@code /dev/cpu_dma_latency}): every operation through FUSE waits for a core to
     * wake, twice, and deep sleep states make that slow and noisy. Without the permission it
     * says so and goes on.
     */
    private AutoCloseable0 holdCpuLatency(BenchConfig cfg) {
        Path dev = Path.of("/dev/cpu_dma_latency");
        if (!Files.exists(dev)) {
            return () -> { };
        }
        try {
            java.io.FileOutputStream f = new java.io.FileOutputStream(dev.toFile());
            f.write(new byte[4]);
            f.flush();
            return () -> {
                try {
                    f.close();
                } catch (IOException e) {
                    // released when the process ends anyway
                }
            };
        } catch (IOException e) {
            progressNote(cfg, "cannot hold /dev/cpu_dma_latency at 0 (" + e.getMessage() + "); numbers may be noisier");
            return () -> { };
        }
    }

    /** An AutoCloseable whose close throws nothing. */
    private interface AutoCloseable0 extends AutoCloseable {
        @Override
        void close();
    }

    private List<TargetResult> benchHeld(BenchConfig cfg, boolean compare) throws Failure {
        String started = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        List<TargetResult> results = new ArrayList<>();
        if (compare) {
            List<Run> a = new ArrayList<>();
            List<Run> b = new ArrayList<>();
            String aName = null;
            String bName = null;
            for (int round = 1; round <= cfg.repeat(); round++) {
                aName = measure("A", cfg.target(), cfg, round, a);
                bName = measure("B", cfg.targetB(), cfg, round, b);
            }
            results.add(new TargetResult("A", aName, a));
            results.add(new TargetResult("B", bName, b));
        } else {
            List<Run> runs = new ArrayList<>();
            String name = measure("", cfg.target(), cfg, 0, runs);
            results.add(new TargetResult("", name, runs));
        }
        report(cfg, results);
        write(cfg.json(), () -> Json.document(cfg, started, results), "JSON");
        write(cfg.html(), () -> Html.page(cfg, started, results), "HTML");
        return results;
    }

    private void write(String file, java.util.function.Supplier<String> body, String what) throws Failure {
        if (file == null) {
            return;
        }
        try {
            Path p = Path.of(file).toAbsolutePath();
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, body.get(), StandardCharsets.UTF_8);
            out.println(what + " written to " + p);
        } catch (IOException | RuntimeException e) {
            throw new Failure("cannot write the " + what + " to '" + file + "': " + e.getMessage(), e);
        }
    }

    /**
     * Opens the target, prepares, warms up and measures; adds the runs (one per round when
     * {@code round > 0}, else --repeat) to {@code runs} and answers the target's description.
     */
    String measure(String label, String spec, BenchConfig cfg, int round, List<Run> runs) throws Failure {
        try (Target target = open(spec, cfg)) {
            Plan plan = new Plan(cfg, target);
            String who = label.isEmpty() ? "" : "[" + label + "] ";
            progressNote(cfg, who + "preparing " + target.description());
            try {
                plan.prepare().block();
            } catch (RuntimeException e) {
                throw new Failure("preparing the workload on " + target.description() + " failed: " + Errors.name(e)
                        + " (" + e.getMessage() + ")", e);
            }
            try {
                Driver driver = new Driver(clock, Schedulers.parallel());
                if (!cfg.warmup().isZero()) {
                    phase(driver, plan, cfg, cfg.warmup(), label + "w" + Math.max(round, 1), who + "warm-up");
                }
                int first = round > 0 ? round : 1;
                int last = round > 0 ? round : cfg.repeat();
                for (int rep = first; rep <= last; rep++) {
                    target.rollIoStats();
                    String name = who + (round > 0 ? "round " + rep + "/" + cfg.repeat() : "run " + rep + "/" + last);
                    Recorder rec = phase(driver, plan, cfg, cfg.duration(), label + "r" + rep, name);
                    Run r = Results.run(rep, rec, target.rollIoStats());
                    runs.add(r);
                    out.println(String.format(Locale.ROOT, "%s: %,.0f ops/s, %.1f MiB/s, p50 %s µs, p99 %s µs, "
                            + "%d errors", name, r.opsPerSec(), r.mibPerSec(), Html.num(r.latency().p50()),
                            Html.num(r.latency().p99()), r.errors()));
                }
            } finally {
                try {
                    plan.cleanup().block();
                } catch (RuntimeException e) {
                    err.println("rxlator bench: cleaning up on " + target.description() + ": " + e.getMessage());
                }
            }
            return target.description();
        }
    }

    private Recorder phase(Driver driver, Plan plan, BenchConfig cfg, Duration length, String tag, String name) {
        AtomicReference<Recorder> current = new AtomicReference<>();
        Disposable progress = cfg.quiet() ? () -> { } : progress(current, name, driver);
        try {
            return driver.phase(plan, cfg, length, tag, current::set).block();
        } finally {
            progress.dispose();
            if (!cfg.quiet() && System.console() != null) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }

    private void progressNote(BenchConfig cfg, String note) {
        if (!cfg.quiet()) {
            err.println(note);
        }
    }

    /** A line a second on stderr: ops/s and MiB/s in the last second, p99 so far, errors, time left. */
    private Disposable progress(AtomicReference<Recorder> current, String name, Driver driver) {
        boolean tty = System.console() != null;
        AtomicLong lastOps = new AtomicLong();
        AtomicLong lastBytes = new AtomicLong();
        return Flux.interval(Duration.ofSeconds(1), Duration.ofSeconds(1), clock).subscribe(tick -> {
            Recorder rec = current.get();
            if (rec == null) {
                return;
            }
            LatencyHistogram latency = rec.latency();
            long ops = latency.count();
            long bytes = rec.bytes();
            long left = Math.max(0, rec.startNanos + rec.plannedNanos - driver.now());
            String line = String.format(Locale.ROOT, "%s: %,10.0f ops/s %9.1f MiB/s  p99 so far %s µs  errors %d  %s left",
                    name, (double) (ops - lastOps.getAndSet(ops)), (bytes - lastBytes.getAndSet(bytes)) / Results.MIB,
                    Html.num(latency.percentile(0.99) / 1000.0), rec.failures(),
                    left > 0 ? (left + 999_999_999L) / 1_000_000_000L + " s" : "finishing; 0 s");
            if (tty) {
                err.print("\r\033[K" + line);
            } else {
                err.println(line);
            }
            err.flush();
        });
    }

    // ---- targets ----

    Target open(String spec, BenchConfig cfg) throws Failure {
        if (spec == null) {
            return graphTarget(EMBEDDED, "embedded", "graph storage/memory under debug/io-stats (embedded)", cfg);
        }
        Path p = Path.of(spec).toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            if (cfg.mount()) {
                throw new Failure("--mount mounts a volfile, and '" + spec + "' is a directory");
            }
            return new DirTarget(p, "directory " + p, cfg.inflight(), List::of, () -> { });
        }
        if (!Files.isRegularFile(p)) {
            throw new Failure("'" + spec + "' is neither a volfile nor a directory");
        }
        String text;
        try {
            text = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Failure("cannot read the volfile '" + spec + "': " + e.getMessage(), e);
        }
        return graphTarget(text, p.toString(), (cfg.mount() ? "mount of " : "graph ") + p, cfg);
    }

    private Target graphTarget(String text, String source, String description, BenchConfig cfg) throws Failure {
        Graph graph;
        try {
            graph = Graph.build(Volfile.parse(text, source), TranslatorRegistry.load(), new InodeTable());
        } catch (VolfileException e) {
            throw new Failure(e.getMessage(), e);
        }
        try {
            graph.start();
            graph.childUp().block(CHILD_UP_WAIT); // a timeout is an IllegalStateException
        } catch (IllegalStateException e) {
            graph.close();
            throw new Failure("the graph of " + source + " did not come up (no CHILD_UP) within "
                    + CHILD_UP_WAIT.toSeconds() + " s", e);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
        if (!cfg.mount()) {
            return new GraphTarget(graph, description);
        }
        try {
            Path mnt = Files.createTempDirectory("rxbench-mnt-");
            FuseMount mount;
            try {
                mount = FuseMount.mount(graph.top(), graph.inodeTable(), mnt, MountOptions.parse(cfg.mountOptions()));
            } catch (MountException | RuntimeException e) {
                Files.deleteIfExists(mnt);
                throw new Failure("mounting " + source + " on " + mnt + " failed: " + e.getMessage(), e);
            }
            AutoCloseable undo = () -> {
                try {
                    mount.close();
                } finally {
                    graph.close();
                    Files.deleteIfExists(mnt);
                }
            };
            // Ctrl-C or SIGTERM in the middle of a run leaves nothing mounted either.
            Thread hook = new Thread(() -> {
                try {
                    undo.close();
                } catch (Exception e) {
                    err.println("rxlator bench: unmounting " + mnt + " failed: " + e);
                }
            }, "rxbench-unmount");
            Runtime.getRuntime().addShutdownHook(hook);
            return new DirTarget(mnt, description + " (on " + mnt + ")", cfg.inflight(),
                    () -> GraphTarget.rollIoStats(graph), () -> {
                        try {
                            Runtime.getRuntime().removeShutdownHook(hook);
                        } catch (IllegalStateException shuttingDown) {
                            return; // the hook does it
                        }
                        undo.close();
                    });
        } catch (IOException e) {
            graph.close();
            throw new Failure("cannot make a mount point for " + source + ": " + e.getMessage(), e);
        } catch (Failure e) {
            graph.close();
            throw e;
        }
    }

    // ---- the report ----

    private void report(BenchConfig cfg, List<TargetResult> results) {
        out.println();
        out.println(Html.describe(cfg));
        for (TargetResult t : results) {
            out.println();
            out.println((t.label().isEmpty() ? "" : t.label() + ": ") + t.target());
            out.println(String.format(Locale.ROOT, "  %-9s %10s %10s %8s %10s %10s %10s %10s %10s %8s", "run", "ops/s", "MiB/s",
                    "errors", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs", "inflight"));
            for (Run r : t.runs()) {
                out.println(String.format(Locale.ROOT, "  %-9s %10.0f %10.1f %8d %10s %10s %10s %10s %10s %8d",
                        (cfg.targetB() != null ? "round " : "run ") + r.repetition(), r.opsPerSec(), r.mibPerSec(),
                        r.errors(), Html.num(r.latency().p50()), Html.num(r.latency().p90()), Html.num(r.latency().p99()),
                        Html.num(r.latency().p999()), Html.num(r.latency().max()), r.maxInFlight()));
            }
            Run last = t.runs().get(t.runs().size() - 1);
            if (last.kinds().size() > 1) {
                out.println("  by kind (last run):");
                last.kinds().forEach((k, v) -> out.println(String.format(Locale.ROOT,
                        "    %-10s %10d ops %10.0f ops/s  p50 %s µs  p99 %s µs  %d errors", k, v.ops(), v.opsPerSec(),
                        Html.num(v.p50Us()), Html.num(v.p99Us()), v.errors())));
            }
            if (!last.errorsByErrno().isEmpty()) {
                out.println("  errors (last run): " + last.errorsByErrno());
            }
            for (var s : last.ioStats()) {
                out.println("  debug/io-stats " + s.name() + " (last run):" + (s.fops().isEmpty() ? " no fops" : ""));
                for (var f : s.fops()) {
                    out.println(String.format(Locale.ROOT, "    %-12s %10d calls %6d errors  mean %s µs  p99 %s µs",
                            f.fop().name(), f.calls(), f.errors(), Html.num(f.meanNanos() / 1000),
                            Html.num(f.p99Nanos() / 1000.0)));
                }
            }
        }
        if (results.size() == 2) {
            out.println();
            out.println(String.format(Locale.ROOT, "%-12s %12s %12s %10s %18s", "metric", "A (median)", "B (median)", "B/A",
                    "B/A min-max"));
            Map<String, Spread> ratios = Results.ratios(results.get(0), results.get(1));
            for (var m : Results.METRICS.entrySet()) {
                Spread a = Results.spread(results.get(0).runs(), m.getValue());
                Spread b = Results.spread(results.get(1).runs(), m.getValue());
                Spread r = ratios.get(m.getKey());
                out.println(r == null
                        ? String.format(Locale.ROOT, "%-12s %12s %12s %10s", m.getKey(), Html.num(a.median()),
                                Html.num(b.median()), "-")
                        : String.format(Locale.ROOT, "%-12s %12s %12s %10.3f %8.3f-%-9.3f", m.getKey(),
                                Html.num(a.median()), Html.num(b.median()), r.median(), r.min(), r.max()));
            }
        }
    }
}
