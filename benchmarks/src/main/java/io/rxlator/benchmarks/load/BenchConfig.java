package io.rxlator.benchmarks.load;

import io.rxlator.runtime.internal.Suggest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code rxlator bench} run does: the workload and its sizes, the load shape, the
 * phases, the seed, and where the results go. Built from the command line by {@link #parse},
 * which names the option and value of anything it refuses.
 *
 * @param target a volfile or a directory (null: the embedded storage/memory stack)
 * @param targetB in comparison mode, the second target
 * @param mountOptions with {@code mount}: options as {@code rxlator mount -o} takes them ("" for the defaults)
 * @param rate operations per second for an open loop; 0 for a closed loop of {@code inflight} calls
 * @param inflight calls in flight (closed loop), or the most allowed in flight (open loop)
 */
public record BenchConfig(
        @Nullable String target,
        @Nullable String targetB,
        boolean mount,
        String mountOptions,
        Workload workload,
        int blockSize,
        long fileSize,
        int files,
        Map<Kind, Integer> mix,
        boolean positive,
        int dirs,
        int names,
        int entries,
        int inflight,
        double rate,
        Duration warmup,
        Duration duration,
        int repeat,
        long seed,
        @Nullable String json,
        @Nullable String html,
        boolean quiet,
        boolean keep) {

    /** The workloads. */
    public enum Workload {
        SEQ_READ("seq-read", Kind.READ, "sequential reads of --bs through --files files of --file-size"),
        SEQ_WRITE("seq-write", Kind.WRITE, "sequential writes of --bs through --files files of --file-size"),
        RAND_READ("rand-read", Kind.READ, "random --bs reads in --files files of --file-size"),
        RAND_WRITE("rand-write", Kind.WRITE, "random --bs writes in --files files of --file-size"),
        SMALL_FILES("small-files", Kind.SMALL_FILE, "create, write --bs, stat and unlink a new file (one operation)"),
        LOOKUP_STORM("lookup-storm", Kind.LOOKUP, "look up --names names in each of --dirs directories, again and again"),
        READDIR("readdir", Kind.READDIR, "list a directory of --entries files, attributes included (readdirp)"),
        MIX("mix", null, "a mix of operation kinds given by --mix, in percent");

        public final String label;
        /** The one kind of operation it issues; null for the mix. */
        public final @Nullable Kind kind;
        public final String help;

        Workload(String label, @Nullable Kind kind, String help) {
            this.label = label;
            this.kind = kind;
            this.help = help;
        }

        static Workload of(String text) {
            for (Workload w : values()) {
                if (w.label.equals(text)) {
                    return w;
                }
            }
            throw new IllegalArgumentException(unknown("--workload", text, labels(values())));
        }
    }

    /** The kinds of operation the driver counts and times separately. */
    public enum Kind {
        READ("read"), WRITE("write"), STAT("stat"), CREATE("create"), UNLINK("unlink"), LOOKUP("lookup"),
        READDIR("readdir"), SMALL_FILE("small-file");

        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** The kinds a --mix may name. */
    static final List<Kind> MIXABLE = List.of(Kind.READ, Kind.WRITE, Kind.STAT, Kind.CREATE, Kind.UNLINK, Kind.LOOKUP,
            Kind.READDIR);

    public static final String OPTIONS_HELP = """
              -f VOLFILE            the graph to drive, in this process (default: storage/memory under debug/io-stats)
              --dir DIR             drive a directory instead (a mount: rxlator, GlusterFS, anything)
              --mount               with -f: mount the graph through FUSE and drive the mount
              -o, --mount-options OPTS  with --mount: mount options, as rxlator mount -o takes them
              -w, --workload NAME   one of the workloads below (default rand-read)
              --bs SIZE             block size: 4k, 128k, 1m, ... (default 4k)
              --file-size SIZE      size of each data file (default 64m)
              --files N             data files (default 4)
              --mix KIND=PCT,...    for mix: read, write, stat, create, unlink, lookup, readdir; adding up to 100
                                    (default read=50,write=20,stat=20,create=4,unlink=4,lookup=2)
              --lookup KIND         lookup-storm: negative (names that do not exist) or positive (default negative)
              --dirs N, --names N   lookup-storm: directories, and names in each (default 20, 50)
              --entries N           readdir: files in the directory (default 10000)
              --inflight N          closed loop: calls in flight (default 16); with --rate: most in flight (default 1024)
              --rate OPS            open loop: OPS calls a second, latency counted from when each call was due
              --warmup TIME         before measuring: 500ms, 2s, 1m (default 2s)
              --duration TIME       each measured run (default 10s)
              --repeat N            measured runs (default 1; in compare: rounds, default 3)
              --seed N              seed of every random choice (default 1)
              --json FILE           write the results as JSON
              --html FILE           write the results as a self-contained HTML page with plots
              --quiet               no live progress line
              --keep                leave the files the workload made

            workloads:
            %s""".formatted(workloadHelp());

    private static String workloadHelp() {
        StringBuilder b = new StringBuilder();
        for (Workload w : Workload.values()) {
            b.append(String.format(Locale.ROOT, "  %-21s %s%n", w.label, w.help));
        }
        return b.toString();
    }

    /** Options without a value, and options with one: what parse knows and what a typo is matched against. */
    private static final List<String> FLAGS = List.of("--mount", "--quiet", "-q", "--keep");
    private static final List<String> VALUED = List.of("-f", "--volfile", "--dir", "-o", "--mount-options", "-w",
            "--workload", "--bs", "--file-size", "--files", "--mix", "--lookup", "--dirs", "--names", "--entries",
            "--inflight", "--rate", "--warmup", "--duration", "--repeat", "--seed", "--json", "--html");

    static final Map<Kind, Integer> DEFAULT_MIX;

    static {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        m.put(Kind.READ, 50);
        m.put(Kind.WRITE, 20);
        m.put(Kind.STAT, 20);
        m.put(Kind.CREATE, 4);
        m.put(Kind.UNLINK, 4);
        m.put(Kind.LOOKUP, 2);
        DEFAULT_MIX = Collections.unmodifiableMap(m);
    }

    /** True for a closed loop (a fixed number of calls in flight). */
    public boolean closedLoop() {
        return rate == 0;
    }

    /** The kinds this run's workload issues. */
    public List<Kind> kinds() {
        return workload.kind != null ? List.of(workload.kind) : new ArrayList<>(mix.keySet());
    }

    /** Whether the workload reads or writes the data files. */
    boolean usesDataFiles() {
        List<Kind> k = kinds();
        return k.contains(Kind.READ) || k.contains(Kind.WRITE) || k.contains(Kind.STAT);
    }

    boolean sequential() {
        return workload == Workload.SEQ_READ || workload == Workload.SEQ_WRITE;
    }

    /**
     * Parses the options of {@code rxlator bench} ({@code compare} gives the two targets as
     * {@code a} and {@code b} positionally).
     *
     * @throws IllegalArgumentException naming the option and value refused, and what was expected
     */
    public static BenchConfig parse(List<String> args, boolean compare) {
        String target = null;
        List<String> positional = new ArrayList<>();
        boolean dirGiven = false;
        boolean mount = false;
        String mountOptions = "";
        Workload workload = Workload.RAND_READ;
        int bs = 4096;
        long fileSize = 64L << 20;
        int files = 4;
        Map<Kind, Integer> mix = DEFAULT_MIX;
        boolean mixGiven = false;
        boolean positive = false;
        int dirs = 20;
        int names = 50;
        int entries = 10_000;
        Integer inflight = null;
        double rate = 0;
        Duration warmup = Duration.ofSeconds(2);
        Duration duration = Duration.ofSeconds(10);
        int repeat = compare ? 3 : 1;
        long seed = 1;
        String json = null;
        String html = null;
        boolean quiet = false;
        boolean keep = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String key = a;
            String inline = null;
            if (a.startsWith("--") && a.contains("=")) {
                key = a.substring(0, a.indexOf('='));
                inline = a.substring(a.indexOf('=') + 1);
            }
            if (FLAGS.contains(key) && inline == null) {
                switch (key) {
                    case "--mount" -> mount = true;
                    case "--quiet", "-q" -> quiet = true;
                    case "--keep" -> keep = true;
                    default -> throw new AssertionError(key);
                }
                continue;
            }
            if (!VALUED.contains(key)) {
                if (a.startsWith("-") && a.length() > 1) {
                    List<String> known = new ArrayList<>(VALUED);
                    known.addAll(FLAGS);
                    throw new IllegalArgumentException(unknown("option", a, known));
                }
                positional.add(a);
                continue;
            }
            String v;
            if (inline != null) {
                v = inline;
            } else {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option '" + key + "' needs a value");
                }
                v = args.get(++i);
            }
            switch (key) {
                case "-f", "--volfile" -> {
                    target = v;
                    dirGiven = false;
                }
                case "--dir" -> {
                    target = v;
                    dirGiven = true;
                }
                case "-o", "--mount-options" -> mountOptions = v;
                case "-w", "--workload" -> workload = Workload.of(v);
                case "--bs" -> bs = (int) size(key, v, 1, 64L << 20);
                case "--file-size" -> fileSize = size(key, v, 1, 1L << 50);
                case "--files" -> files = (int) count(key, v, 1, 1 << 20);
                case "--mix" -> {
                    mix = mix(v);
                    mixGiven = true;
                }
                case "--lookup" -> positive = switch (v) {
                    case "positive" -> true;
                    case "negative" -> false;
                    default -> throw new IllegalArgumentException(unknown(key, v, List.of("negative", "positive")));
                };
                case "--dirs" -> dirs = (int) count(key, v, 1, 1 << 20);
                case "--names" -> names = (int) count(key, v, 1, 1 << 24);
                case "--entries" -> entries = (int) count(key, v, 0, 1 << 26);
                case "--inflight" -> inflight = (int) count(key, v, 1, 1 << 20);
                case "--rate" -> rate = rate(key, v);
                case "--warmup" -> warmup = time(key, v, true);
                case "--duration" -> duration = time(key, v, false);
                case "--repeat" -> repeat = (int) count(key, v, 1, 10_000);
                case "--seed" -> seed = count(key, v, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--json" -> json = v;
                case "--html" -> html = v;
                default -> throw new AssertionError(key);
            }
        }
        String targetB = null;
        if (compare) {
            if (positional.size() != 2 || target != null) {
                throw new IllegalArgumentException("compare takes two targets, A and B (each a volfile or a directory), "
                        + "and no -f or --dir; got " + (target != null ? "-f/--dir " + target + " and " : "")
                        + positional.size() + " positional argument(s)");
            }
            target = positional.get(0);
            targetB = positional.get(1);
        } else if (!positional.isEmpty()) {
            throw new IllegalArgumentException("unexpected argument '" + positional.get(0)
                    + "' (the target is given with -f VOLFILE or --dir DIR)");
        }
        if (mixGiven && workload != Workload.MIX) {
            throw new IllegalArgumentException("--mix is for --workload mix, not " + workload.label);
        }
        if (mount && (target == null || dirGiven)) {
            throw new IllegalArgumentException("--mount mounts the graph of a volfile: give it with -f VOLFILE");
        }
        if (!mountOptions.isEmpty()) {
            if (!mount) {
                throw new IllegalArgumentException("-o/--mount-options '" + mountOptions + "' is for --mount");
            }
            try {
                io.rxlator.fuse.MountOptions.parse(mountOptions);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-o '" + mountOptions + "': " + e.getMessage());
            }
        }
        if (dirGiven && target != null && target.isEmpty()) {
            throw new IllegalArgumentException("--dir needs a directory");
        }
        int fly = inflight != null ? inflight : rate > 0 ? 1024 : 16;
        BenchConfig cfg = new BenchConfig(target, targetB, mount, mountOptions, workload, bs, fileSize, files, mix, positive, dirs, names,
                entries, fly, rate, warmup, duration, repeat, seed, json, html, quiet, keep);
        if (cfg.usesDataFiles() && fileSize < bs) {
            throw new IllegalArgumentException("--file-size " + fileSize + " is smaller than --bs " + bs
                    + "; expected a file of at least one block");
        }
        return cfg;
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kKmMgGtT]?)(i?[bB])?");
    private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    /** A size as fio writes it: 4096, 4k, 4K, 4KiB, 4KB, 1m, 2g (all powers of 1024). */
    static long size(String key, String v, long min, long max) {
        Matcher m = SIZE.matcher(v.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " '" + v + "': expected a size such as 4096, 4k, 128KiB, 1m or 2g");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "" -> 0;
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 40;
        };
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            n = Long.MAX_VALUE;
        }
        if (n > (max >> shift) || (n << shift) < min) {
            throw new IllegalArgumentException(key + " '" + v + "': expected a size from " + min + " to " + max + " bytes");
        }
        return n << shift;
    }

    static long count(String key, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + v + "': expected a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " '" + v + "': expected a whole number from " + min + " to " + max);
        }
        return n;
    }

    static double rate(String key, String v) {
        double r;
        try {
            r = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            r = Double.NaN;
        }
        if (!(r > 0) || r > 1e9 || Double.isInfinite(r)) {
            throw new IllegalArgumentException(key + " '" + v + "': expected operations per second, more than 0 and "
                    + "at most 1e9");
        }
        return r;
    }

    /** A time: 500ms, 2s, 1.5s, 2m, 1h; a bare number is seconds. */
    static Duration time(String key, String v, boolean zeroAllowed) {
        Matcher m = TIME.matcher(v.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " '" + v + "': expected a time such as 500ms, 10s, 2m or 1h");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanos = n * switch (unit) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m", "min" -> 60e9;
            default -> 3600e9;
        };
        if (nanos > 7 * 24 * 3600e9 || (!zeroAllowed && nanos < 1e6)) {
            throw new IllegalArgumentException(key + " '" + v + "': expected a time from " + (zeroAllowed ? "0" : "1ms")
                    + " to a week");
        }
        return Duration.ofNanos((long) nanos);
    }

    static Map<Kind, Integer> mix(String v) {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        int total = 0;
        for (String part : v.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--mix '" + v + "': '" + p + "' is not KIND=PERCENT");
            }
            String name = p.substring(0, eq).trim();
            Kind kind = null;
            for (Kind k : MIXABLE) {
                if (k.label.equals(name)) {
                    kind = k;
                }
            }
            if (kind == null) {
                throw new IllegalArgumentException("--mix '" + v + "': " + unknown("kind", name,
                        MIXABLE.stream().map(k -> k.label).toList()));
            }
            if (m.containsKey(kind)) {
                throw new IllegalArgumentException("--mix '" + v + "': '" + name + "' is given twice");
            }
            int pct = (int) count("--mix " + name, p.substring(eq + 1), 0, 100);
            if (pct > 0) {
                m.put(kind, pct);
            }
            total += pct;
        }
        if (total != 100) {
            throw new IllegalArgumentException("--mix '" + v + "': the percentages add up to " + total + ", expected 100");
        }
        return Collections.unmodifiableMap(m);
    }

    private static List<String> labels(Workload[] ws) {
        List<String> out = new ArrayList<>();
        for (Workload w : ws) {
            out.add(w.label);
        }
        return out;
    }

    /** "unknown WHAT 'text'; did you mean 'x'? (expected one of: ...)" */
    static String unknown(String what, String text, List<String> known) {
        return "unknown " + what + " '" + text + "'" + Suggest.didYouMean(text, known) + " (expected one of: "
                + String.join(", ", known) + ")";
    }
}
