package io.rxlator.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rxlator.benchmarks.load.BenchConfig.Kind;
import io.rxlator.benchmarks.load.Results.KindResult;
import io.rxlator.benchmarks.load.Results.Run;
import io.rxlator.benchmarks.load.Results.Spread;
import io.rxlator.benchmarks.load.Results.TargetResult;
import io.rxlator.xlators.debug.iostats.IoStatsTranslator;
import java.util.List;
import java.util.Map;

/**
 * The results as one JSON document, described by {@code bench-result.schema.json} next to
 * this class: {@code format}, {@code kind} ("run" or "compare"), when and where, the
 * configuration, each target with its runs and summary, and for a comparison the B/A ratios.
 */
final class Json {

    static final String FORMAT = "rxlator-bench/1";
    static final String SCHEMA_RESOURCE = "bench-result.schema.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static String document(BenchConfig cfg, String started, List<TargetResult> targets) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", targets.size() == 2 ? "compare" : "run");
        root.put("started", started);
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        config(root.putObject("config"), cfg);
        ArrayNode ts = root.putArray("targets");
        for (TargetResult t : targets) {
            ObjectNode tn = ts.addObject();
            tn.put("label", t.label());
            tn.put("target", t.target());
            ArrayNode runs = tn.putArray("runs");
            for (Run r : t.runs()) {
                run(runs.addObject(), r);
            }
            ObjectNode summary = tn.putObject("summary");
            Results.METRICS.forEach((name, metric) -> spread(summary.putObject(name), Results.spread(t.runs(), metric)));
        }
        if (targets.size() == 2) {
            ObjectNode ratios = root.putObject("ratios");
            Results.ratios(targets.get(0), targets.get(1)).forEach((name, s) -> spread(ratios.putObject(name), s));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void config(ObjectNode c, BenchConfig cfg) {
        c.put("workload", cfg.workload().label);
        c.put("block_size", cfg.blockSize());
        c.put("file_size", cfg.fileSize());
        c.put("files", cfg.files());
        if (cfg.workload() == BenchConfig.Workload.MIX) {
            ObjectNode mix = c.putObject("mix");
            for (Map.Entry<Kind, Integer> e : cfg.mix().entrySet()) {
                mix.put(e.getKey().label, e.getValue());
            }
        }
        if (cfg.workload() == BenchConfig.Workload.LOOKUP_STORM) {
            c.put("lookup", cfg.positive() ? "positive" : "negative");
            c.put("dirs", cfg.dirs());
            c.put("names", cfg.names());
        }
        if (cfg.kinds().contains(Kind.READDIR)) {
            c.put("entries", cfg.entries());
        }
        c.put("loop", cfg.closedLoop() ? "closed" : "open");
        c.put("inflight", cfg.inflight());
        if (!cfg.closedLoop()) {
            c.put("rate", cfg.rate());
        }
        c.put("warmup_s", cfg.warmup().toNanos() / 1e9);
        c.put("duration_s", cfg.duration().toNanos() / 1e9);
        c.put("repeat", cfg.repeat());
        c.put("seed", cfg.seed());
        c.put("through_mount", cfg.mount());
        if (cfg.mount() && !cfg.mountOptions().isEmpty()) {
            c.put("mount_options", cfg.mountOptions());
        }
    }

    private static void spread(ObjectNode n, Spread s) {
        n.put("median", s.median());
        n.put("min", s.min());
        n.put("max", s.max());
    }

    private static void run(ObjectNode n, Run r) {
        n.put("repetition", r.repetition());
        n.put("seconds", r.seconds());
        n.put("ops", r.ops());
        n.put("errors", r.errors());
        n.put("ops_per_sec", r.opsPerSec());
        n.put("mib_per_sec", r.mibPerSec());
        n.put("max_in_flight", r.maxInFlight());
        ObjectNode l = n.putObject("latency_us");
        l.put("mean", r.latency().mean());
        l.put("min", r.latency().min());
        l.put("p50", r.latency().p50());
        l.put("p90", r.latency().p90());
        l.put("p99", r.latency().p99());
        l.put("p99_9", r.latency().p999());
        l.put("p99_99", r.latency().p9999());
        l.put("max", r.latency().max());
        ArrayNode curve = n.putArray("percentiles");
        for (Results.Point p : r.percentiles()) {
            ObjectNode pn = curve.addObject();
            pn.put("percentile", p.percentile());
            pn.put("latency_us", p.latencyUs());
        }
        ArrayNode timeline = n.putArray("timeline");
        for (Results.Second s : r.timeline()) {
            ObjectNode sn = timeline.addObject();
            sn.put("second", s.second());
            sn.put("ops_per_sec", s.opsPerSec());
            sn.put("mib_per_sec", s.mibPerSec());
            sn.put("p99_us", s.p99Us());
        }
        ObjectNode errors = n.putObject("errors_by_errno");
        r.errorsByErrno().forEach(errors::put);
        ObjectNode kinds = n.putObject("kinds");
        for (Map.Entry<String, KindResult> e : r.kinds().entrySet()) {
            ObjectNode k = kinds.putObject(e.getKey());
            k.put("ops", e.getValue().ops());
            k.put("errors", e.getValue().errors());
            k.put("ops_per_sec", e.getValue().opsPerSec());
            k.put("mib_per_sec", e.getValue().mibPerSec());
            k.put("p50_us", e.getValue().p50Us());
            k.put("p99_us", e.getValue().p99Us());
        }
        ArrayNode ios = n.putArray("io_stats");
        for (IoStatsTranslator.Summary s : r.ioStats()) {
            ObjectNode sn = ios.addObject();
            sn.put("translator", s.name());
            sn.put("seconds", s.seconds());
            sn.put("bytes_read", s.bytesRead());
            sn.put("bytes_written", s.bytesWritten());
            ObjectNode fops = sn.putObject("fops");
            for (IoStatsTranslator.FopSummary f : s.fops()) {
                ObjectNode fn = fops.putObject(f.fop().name());
                fn.put("calls", f.calls());
                fn.put("errors", f.errors());
                fn.put("mean_us", f.meanNanos() / 1000);
                fn.put("p50_us", f.p50Nanos() / 1000.0);
                fn.put("p99_us", f.p99Nanos() / 1000.0);
                fn.put("max_us", f.maxNanos() / 1000.0);
            }
        }
    }
}
