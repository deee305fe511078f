package io.rxlator.benchmarks.load;

import io.rxlator.benchmarks.load.Results.KindResult;
import io.rxlator.benchmarks.load.Results.Run;
import io.rxlator.benchmarks.load.Results.Spread;
import io.rxlator.benchmarks.load.Results.TargetResult;
import io.rxlator.xlators.debug.iostats.IoStatsTranslator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as one self-contained HTML page (no script, no fetches): tables and SVG plots of
 * throughput and p99 over time and of latency by percentile, one line per run, a colour per
 * target.
 */
final class Html {

    /** Line colours: target A (or the only one), target B. */
    static final String[] COLOURS = {"#1f77b4", "#d62728"};
    private static final int W = 760;
    private static final int H = 320;
    private static final int LEFT = 78;
    private static final int RIGHT = 44;
    private static final int TOP = 34;
    private static final int BOTTOM = 48;

    private Html() {
    }

    /** A line: its label, colour, dash pattern ("" for solid) and points. */
    record Series(String label, String colour, String dash, double[] xs, double[] ys) {
    }

    /** Dash patterns that tell the runs of one target apart. */
    private static final String[] DASHES = {"", "6 3", "2 3", "10 3 2 3", "1 2"};

    record Tick(double at, String label) {
    }

    static String page(BenchConfig cfg, String started, List<TargetResult> targets) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        String title = "rxlator bench: " + cfg.workload().label + (targets.size() == 2 ? " (comparison)" : "");
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;background:#fff}")
                .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
                .append("svg{display:block;margin:8px 0 24px;background:#fff}.axis{stroke:#444}.grid{stroke:#e5e5e5}")
                .append("text{font-size:12px;fill:#333}.title{font-size:14px;font-weight:600}code{background:#f3f3f3}")
                .append("\n</style></head><body>\n");
        sb.append("<h1>").append(esc(title)).append("</h1>\n<p>Started ").append(esc(started)).append(". ")
                .append(esc(describe(cfg))).append("</p>\n");
        for (int t = 0; t < targets.size(); t++) {
            TargetResult tr = targets.get(t);
            sb.append("<p><span style=\"color:").append(COLOURS[t]).append("\">&#9632;</span> ")
                    .append(tr.label().isEmpty() ? "" : "<b>" + esc(tr.label()) + "</b>: ")
                    .append("<code>").append(esc(tr.target())).append("</code></p>\n");
        }
        summaryTable(sb, targets);
        if (targets.size() == 2) {
            sb.append("<h2>B / A</h2>\n<table><tr><th>metric</th><th>median</th><th>min</th><th>max</th></tr>\n");
            for (Map.Entry<String, Spread> e : Results.ratios(targets.get(0), targets.get(1)).entrySet()) {
                sb.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(num(e.getValue().median()))
                        .append("</td><td>").append(num(e.getValue().min())).append("</td><td>")
                        .append(num(e.getValue().max())).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        List<Series> throughput = new ArrayList<>();
        List<Series> p99 = new ArrayList<>();
        List<Series> curve = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            TargetResult tr = targets.get(t);
            for (Run r : tr.runs()) {
                String label = (tr.label().isEmpty() ? "run " : tr.label() + " run ") + r.repetition();
                String dash = DASHES[(r.repetition() - 1) % DASHES.length];
                int n = r.timeline().size();
                double[] xs = new double[n];
                double[] ops = new double[n];
                double[] lat = new double[n];
                for (int i = 0; i < n; i++) {
                    xs[i] = r.timeline().get(i).second();
                    ops[i] = r.timeline().get(i).opsPerSec();
                    lat[i] = r.timeline().get(i).p99Us();
                }
                throughput.add(new Series(label, COLOURS[t], dash, xs, ops));
                p99.add(new Series(label, COLOURS[t], dash, xs, lat));
                List<double[]> pts = new ArrayList<>();
                for (Results.Point p : r.percentiles()) {
                    if (p.percentile() < 100) {
                        pts.add(new double[] {nines(p.percentile()), p.latencyUs()});
                    }
                }
                curve.add(new Series(label, COLOURS[t], dash, pts.stream().mapToDouble(p -> p[0]).toArray(),
                        pts.stream().mapToDouble(p -> p[1]).toArray()));
            }
        }
        sb.append("<h2>Throughput over time</h2>\n");
        sb.append(chart("throughput", "operations per second, each second of the run", "second", "ops/s", throughput,
                null, false));
        sb.append("<h2>Latency by percentile</h2>\n");
        List<Tick> nineTicks = List.of(new Tick(0, "0%"), new Tick(1, "90%"), new Tick(2, "99%"), new Tick(3, "99.9%"),
                new Tick(4, "99.99%"), new Tick(5, "99.999%"));
        sb.append(chart("percentiles", "latency at each percentile (log scale)", "percentile", "latency (µs)", curve,
                nineTicks, true));
        sb.append("<h2>p99 latency over time</h2>\n");
        sb.append(chart("p99", "99th percentile of the calls finishing in each second (log scale)", "second",
                "p99 (µs)", p99, null, true));
        for (TargetResult tr : targets) {
            details(sb, tr);
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    /** The x position of a percentile on the nines scale: 90% is 1, 99% is 2, 99.9% is 3. */
    static double nines(double percentile) {
        return Math.min(5, -Math.log10(Math.max(1e-5, 1 - percentile / 100)));
    }

    static String describe(BenchConfig cfg) {
        String load = cfg.closedLoop() ? cfg.inflight() + " calls in flight"
                : String.format(Locale.ROOT, "%.0f calls/s (open loop, at most %d in flight)", cfg.rate(), cfg.inflight());
        return String.format(Locale.ROOT, "Workload %s, block %d B, %s; warm-up %.1f s, %d × %.1f s, seed %d.",
                cfg.workload().label, cfg.blockSize(), load, cfg.warmup().toNanos() / 1e9, cfg.repeat(),
                cfg.duration().toNanos() / 1e9, cfg.seed());
    }

    private static void summaryTable(StringBuilder sb, List<TargetResult> targets) {
        sb.append("<h2>Runs</h2>\n<table><tr><th>run</th><th>ops</th><th>errors</th><th>ops/s</th><th>MiB/s</th>")
                .append("<th>p50 µs</th><th>p90 µs</th><th>p99 µs</th><th>p99.9 µs</th><th>max µs</th>")
                .append("<th>max in flight</th></tr>\n");
        for (TargetResult tr : targets) {
            for (Run r : tr.runs()) {
                sb.append("<tr><td>").append(esc((tr.label().isEmpty() ? "" : tr.label() + " ") + "run " + r.repetition()))
                        .append("</td><td>").append(r.ops()).append("</td><td>").append(r.errors()).append("</td><td>")
                        .append(num(r.opsPerSec())).append("</td><td>").append(num(r.mibPerSec())).append("</td><td>")
                        .append(num(r.latency().p50())).append("</td><td>").append(num(r.latency().p90()))
                        .append("</td><td>").append(num(r.latency().p99())).append("</td><td>")
                        .append(num(r.latency().p999())).append("</td><td>").append(num(r.latency().max()))
                        .append("</td><td>").append(r.maxInFlight()).append("</td></tr>\n");
            }
        }
        sb.append("</table>\n");
    }

    private static void details(StringBuilder sb, TargetResult tr) {
        Run last = tr.runs().get(tr.runs().size() - 1);
        String who = (tr.label().isEmpty() ? "" : tr.label() + ", ") + "run " + last.repetition();
        sb.append("<h2>Kinds of operation (").append(esc(who)).append(")</h2>\n<table><tr><th>kind</th><th>ops</th>")
                .append("<th>errors</th><th>ops/s</th><th>MiB/s</th><th>p50 µs</th><th>p99 µs</th></tr>\n");
        for (Map.Entry<String, KindResult> e : last.kinds().entrySet()) {
            KindResult k = e.getValue();
            sb.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(k.ops()).append("</td><td>")
                    .append(k.errors()).append("</td><td>").append(num(k.opsPerSec())).append("</td><td>")
                    .append(num(k.mibPerSec())).append("</td><td>").append(num(k.p50Us())).append("</td><td>")
                    .append(num(k.p99Us())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
        if (!last.errorsByErrno().isEmpty()) {
            sb.append("<h3>Errors</h3>\n<table><tr><th>errno</th><th>count</th></tr>\n");
            last.errorsByErrno().forEach((k, v) -> sb.append("<tr><td>").append(esc(k)).append("</td><td>").append(v)
                    .append("</td></tr>\n"));
            sb.append("</table>\n");
        }
        for (IoStatsTranslator.Summary s : last.ioStats()) {
            sb.append("<h3>debug/io-stats <code>").append(esc(s.name())).append("</code> (").append(esc(who))
                    .append(")</h3>\n<table><tr><th>fop</th><th>calls</th><th>errors</th><th>mean µs</th>")
                    .append("<th>p50 µs</th><th>p99 µs</th><th>max µs</th></tr>\n");
            for (IoStatsTranslator.FopSummary f : s.fops()) {
                sb.append("<tr><td>").append(f.fop().name()).append("</td><td>").append(f.calls()).append("</td><td>")
                        .append(f.errors()).append("</td><td>").append(num(f.meanNanos() / 1000)).append("</td><td>")
                        .append(num(f.p50Nanos() / 1000.0)).append("</td><td>").append(num(f.p99Nanos() / 1000.0))
                        .append("</td><td>").append(num(f.maxNanos() / 1000.0)).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
    }

    /** An SVG line chart; a log y axis drops values at or below 0. */
    static String chart(String id, String title, String xLabel, String yLabel, List<Series> series, List<Tick> xTicks,
            boolean logY) {
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                double y = s.ys()[i];
                if (logY && y <= 0) {
                    continue;
                }
                xMin = Math.min(xMin, s.xs()[i]);
                xMax = Math.max(xMax, s.xs()[i]);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        if (xMin > xMax) {
            xMin = 0;
            xMax = 1;
            yMin = logY ? 1 : 0;
            yMax = logY ? 10 : 1;
        }
        if (xTicks != null) {
            xMin = Math.min(xMin, xTicks.get(0).at());
            xMax = Math.max(xMax, xTicks.get(xTicks.size() - 1).at());
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        double lo;
        double hi;
        if (logY) {
            lo = Math.floor(Math.log10(yMin));
            hi = Math.ceil(Math.log10(yMax));
            if (hi == lo) {
                hi = lo + 1;
            }
        } else {
            lo = 0;
            hi = niceCeil(yMax);
        }
        double fx0 = xMin;
        double fx1 = xMax;
        double fy0 = lo;
        double fy1 = hi;
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator px = x -> LEFT + (x - fx0) / (fx1 - fx0) * pw;
        java.util.function.DoubleUnaryOperator py = y -> TOP + ph - ((logY ? Math.log10(y) : y) - fy0) / (fy1 - fy0) * ph;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg id=\"").append(id).append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W)
                .append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">\n");
        sb.append("<text class=\"title\" x=\"").append(LEFT).append("\" y=\"20\">").append(esc(title)).append("</text>\n");
        // y grid and labels
        int yTicks = logY ? (int) (hi - lo) : 5;
        for (int i = 0; i <= yTicks; i++) {
            double v = logY ? Math.pow(10, lo + i) : lo + (hi - lo) * i / yTicks;
            double y = py.applyAsDouble(v);
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
                    LEFT, W - RIGHT, y, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6,
                    y + 4, esc(shortNum(v))));
        }
        // x ticks
        List<Tick> ticks = xTicks;
        if (ticks == null) {
            ticks = new ArrayList<>();
            double step = niceCeil((xMax - xMin) / 8);
            for (double v = Math.ceil(xMin / step) * step; v <= xMax + 1e-9; v += step) {
                ticks.add(new Tick(v, shortNum(v)));
            }
        }
        for (Tick t : ticks) {
            double x = px.applyAsDouble(t.at());
            sb.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>", x, x,
                    TOP, TOP + ph));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    TOP + ph + 16, esc(t.label())));
        }
        sb.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", LEFT,
                W - RIGHT, TOP + ph, TOP + ph));
        sb.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>%n", LEFT, LEFT,
                TOP, TOP + ph));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + pw / 2,
                H - 8, esc(xLabel)));
        sb.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>%n", TOP + ph / 2,
                TOP + ph / 2, esc(yLabel)));
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            int n = 0;
            for (int i = 0; i < s.xs().length; i++) {
                if (logY && s.ys()[i] <= 0) {
                    continue;
                }
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px.applyAsDouble(s.xs()[i]),
                        py.applyAsDouble(s.ys()[i])));
                n++;
            }
            if (n == 1) {
                // A single point still shows: a short flat segment.
                String p = pts.toString().trim();
                String[] xy = p.split(",");
                double x = Double.parseDouble(xy[0]);
                pts.append(String.format(Locale.ROOT, "%.1f,%s", x + 6, xy[1]));
                n++;
            }
            sb.append("<polyline class=\"series\" data-label=\"").append(esc(s.label())).append("\" data-points=\"")
                    .append(n).append("\" fill=\"none\" stroke=\"").append(s.colour())
                    .append(s.dash().isEmpty() ? "" : "\" stroke-dasharray=\"" + s.dash())
                    .append("\" stroke-width=\"2\" stroke-opacity=\"0.85\" points=\"").append(pts.toString().trim())
                    .append("\"><title>").append(esc(s.label())).append("</title></polyline>\n");
        }
        // The legend, top right.
        int ly = 14;
        for (Series s : series) {
            int lx = W - RIGHT - 150;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"%s/><text x=\"%d\" y=\"%d\">%s</text>%n", lx, lx + 28, ly, ly, s.colour(),
                    s.dash().isEmpty() ? "" : " stroke-dasharray=\"" + s.dash() + "\"", lx + 34, ly + 4, esc(s.label())));
            ly += 15;
            if (ly > TOP + 60) {
                break;
            }
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static double niceCeil(double v) {
        if (v <= 0) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= v) {
                return m * mag;
            }
        }
        return 10 * mag;
    }

    static String shortNum(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return trim(v / 1e9) + "G";
        }
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String num(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
