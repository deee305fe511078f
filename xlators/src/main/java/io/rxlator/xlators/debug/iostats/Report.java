package io.rxlator.xlators.debug.iostats;

import io.rxlator.runtime.fop.FopType;
import java.util.Locale;

/** io-stats reports: one JSON object (GlusterFS's key names) or GlusterFS-style text. */
final class Report {

    private Report() {
    }

    /** GlusterFS's names of block-size buckets: 1b … 512b, 1kb … 512kb, 1mb … */
    static String sizeName(int bucket) {
        long size = 1L << bucket;
        if (size < 1024) {
            return size + "b";
        }
        if (size < 1024 * 1024) {
            return (size / 1024) + "kb";
        }
        return (size / (1024 * 1024)) + "mb";
    }

    static String json(String name, Stats aggr, Stats inter, boolean fdStats) {
        StringBuilder sb = new StringBuilder(4096).append('{');
        String p = "gluster." + name.replace('/', '_');
        long now = System.nanoTime();
        Json j = new Json(sb);
        block(j, p + ".aggr.", aggr, now, false, fdStats);
        block(j, p + ".inter.", inter, now, true, fdStats);
        return sb.append("}\n").toString();
    }

    private static void block(Json j, String p, Stats s, long now, boolean interval, boolean fdStats) {
        double secs = Math.max(1e-9, (now - s.startNanos) / 1e9);
        if (interval) {
            j.num(p + "sample_interval_sec", secs);
            j.num(p + "bytes_read_per_sec", s.bytesRead.sum() / secs);
            j.num(p + "bytes_written_per_sec", s.bytesWritten.sum() / secs);
        } else {
            j.num(p + "uptime", Math.floor(secs));
            j.num(p + "bytes_read", s.bytesRead.sum());
            j.num(p + "bytes_written", s.bytesWritten.sum());
            if (fdStats) {
                j.num(p + "fds.open_count", s.openFds.get());
                j.num(p + "fds.max_open_count", s.maxOpenFds.get());
            }
        }
        for (int i = 0; i < Stats.SIZE_BUCKETS; i++) {
            long r = s.readSizes.get(i);
            long w = s.writeSizes.get(i);
            j.num(p + "read_" + sizeName(i) + (interval ? "_per_sec" : ""), interval ? r / secs : r);
            j.num(p + "write_" + sizeName(i) + (interval ? "_per_sec" : ""), interval ? w / secs : w);
        }
        double weighted = 0;
        long weightedCount = 0;
        for (FopType t : FopType.values()) {
            Stats.FopStats f = s.peek(t);
            if (f == null) {
                continue;
            }
            String k = p + "fop." + t.glusterName().toLowerCase(Locale.ROOT) + ".";
            long calls = f.calls.sum();
            if (interval) {
                j.num(k + "per_sec", calls / secs);
            } else {
                j.num(k + "count", calls);
            }
            j.num(k + "errors", f.errors.sum());
            LatencyHistogram h = f.latency;
            j.num(k + "latency_ave_usec", h.mean() / 1000);
            j.num(k + "latency_min_usec", h.min() / 1000.0);
            j.num(k + "latency_max_usec", h.max() / 1000.0);
            long[] pct = h.percentiles(0.50, 0.90, 0.99);
            j.num(k + "latency_p50_usec", pct[0] / 1000.0);
            j.num(k + "latency_p90_usec", pct[1] / 1000.0);
            j.num(k + "latency_p99_usec", pct[2] / 1000.0);
            weighted += h.sum() / 1000.0;
            weightedCount += h.count();
        }
        j.num(p + "fop.weighted_latency_ave_usec", weightedCount == 0 ? 0 : weighted / weightedCount);
        j.num(p + "fop.weighted_fop_count", weightedCount);
    }

    /** A JSON writer for flat objects of numbers. */
    private static final class Json {
        private final StringBuilder sb;
        private boolean first = true;

        Json(StringBuilder sb) {
            this.sb = sb;
        }

        void num(String key, double v) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append("\n  \"").append(key).append("\": ");
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                sb.append((long) v);
            } else {
                sb.append(String.format(Locale.ROOT, "%.3f", v));
            }
        }
    }

    static String text(String name, Stats aggr, Stats inter, boolean fdStats, Samples samples) {
        StringBuilder sb = new StringBuilder(4096);
        long now = System.nanoTime();
        sb.append("io-stats of ").append(name).append('\n');
        textBlock(sb, "=== Cumulative stats ===", aggr, now, fdStats);
        textBlock(sb, "=== Interval " + inter.number + " stats ===", inter, now, false);
        if (samples.size() > 0) {
            sb.append("\n=== Samples (seconds.micros,fop,latency-ns,uid,gid,pid) ===\n").append(samples.text());
        }
        return sb.toString();
    }

    private static void textBlock(StringBuilder sb, String title, Stats s, long now, boolean fdStats) {
        sb.append('\n').append(title).append('\n');
        sb.append(String.format(Locale.ROOT, "      Duration : %d secs%n", (now - s.startNanos) / 1_000_000_000L));
        sb.append(String.format(Locale.ROOT, "     BytesRead : %d%n", s.bytesRead.sum()));
        sb.append(String.format(Locale.ROOT, "  BytesWritten : %d%n", s.bytesWritten.sum()));
        if (fdStats) {
            sb.append(String.format(Locale.ROOT, "Current open fd's: %d Max open fd's: %d%n", s.openFds.get(), s.maxOpenFds.get()));
        }
        // Block sizes with any reads or writes, three to a row.
        StringBuilder sizes = new StringBuilder();
        StringBuilder reads = new StringBuilder();
        StringBuilder writes = new StringBuilder();
        int inRow = 0;
        for (int i = 0; i < Stats.SIZE_BUCKETS; i++) {
            long r = s.readSizes.get(i);
            long w = s.writeSizes.get(i);
            if (r == 0 && w == 0) {
                continue;
            }
            sizes.append(String.format(Locale.ROOT, "%16s", (1L << i) + "B+"));
            reads.append(String.format(Locale.ROOT, "%16d", r));
            writes.append(String.format(Locale.ROOT, "%16d", w));
            if (++inRow == 3) {
                flushRow(sb, sizes, reads, writes);
                inRow = 0;
            }
        }
        if (inRow > 0) {
            flushRow(sb, sizes, reads, writes);
        }
        sb.append(String.format(Locale.ROOT, "%n%-16s %12s %8s %14s %14s %14s %14s %14s %14s%n", "Fop", "Call Count", "Errors",
                "Avg-Latency", "Min-Latency", "Max-Latency", "P50-Latency", "P90-Latency", "P99-Latency"));
        sb.append(String.format(Locale.ROOT, "%-16s %12s %8s %14s %14s %14s %14s %14s %14s%n", "---", "----------", "------",
                "-----------", "-----------", "-----------", "-----------", "-----------", "-----------"));
        for (FopType t : FopType.values()) {
            Stats.FopStats f = s.peek(t);
            if (f == null) {
                continue;
            }
            LatencyHistogram h = f.latency;
            long[] pct = h.percentiles(0.5, 0.9, 0.99);
            sb.append(String.format(Locale.ROOT, "%-16s %12d %8d %12.2fus %12.2fus %12.2fus %12.2fus %12.2fus %12.2fus%n",
                    t.glusterName(), f.calls.sum(), f.errors.sum(), h.mean() / 1000, h.min() / 1000.0, h.max() / 1000.0,
                    pct[0] / 1000.0, pct[1] / 1000.0, pct[2] / 1000.0));
        }
    }

    private static void flushRow(StringBuilder sb, StringBuilder sizes, StringBuilder reads, StringBuilder writes) {
        sb.append("    Block Size :").append(sizes).append('\n');
        sb.append("    Read Count :").append(reads).append('\n');
        sb.append("   Write Count :").append(writes).append('\n');
        sizes.setLength(0);
        reads.setLength(0);
        writes.setLength(0);
    }
}
