package io.rxlator.fuse;

import io.rxlator.runtime.internal.Suggest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * How a graph is mounted: the {@code -o} options of {@code rxlator mount}, with GlusterFS's
 * names and defaults for what its FUSE bridge has (attribute-timeout 1, entry-timeout 1,
 * negative-timeout 0, use-readdirp yes, …) and libfuse's and the kernel's own options
 * (allow_other, ro, noatime, max_write, …). Unknown options and bad values are refused
 * with a message naming the option, the value and what was expected.
 *
 * <p>Instances are immutable; {@link #parse} and the {@code with…} methods make new ones.
 */
public final class MountOptions {

    /** How opened files use the kernel's page cache. */
    public enum DirectIo {
        /** GlusterFS's default: cached, since big writes are available. */
        AUTO,
        /** Every open bypasses the page cache. */
        ENABLE,
        /** Never bypass it. */
        DISABLE
    }

    /** Whether POSIX and BSD locks go to the graph or stay in the kernel. */
    public enum Locks {
        /** To the graph when it handles {@code lk} (features/locks or a protocol client is in it). */
        AUTO,
        /** Always to the graph. */
        ON,
        /** Always kept by the kernel, local to this mount. */
        OFF
    }

    /** The largest write libfuse 2 can take in one request. */
    public static final int MAX_WRITE = 131072;

    double attributeTimeout = 1;
    double entryTimeout = 1;
    double negativeTimeout = 0;
    DirectIo directIo = DirectIo.AUTO;
    boolean fopenKeepCache;
    boolean useReaddirp = true;
    int threads = defaultThreads();
    long readerStallMicros = 50;
    long readerSpinMicros = 50;
    boolean selinux;
    boolean capability;
    long gidTimeoutSeconds = 300;
    int backgroundQlen = 64;
    int congestionThreshold = 48;
    int lruLimit = 65536;
    boolean readOnly;
    boolean acl;
    boolean allowOther;
    boolean allowRoot;
    boolean defaultPermissions = true;
    boolean nonempty;
    String fsname = "rxlator";
    String subtype = "rxlator";
    int maxWrite = MAX_WRITE;
    int maxReadahead = 131072;
    boolean asyncRead = true;
    boolean atomicOTrunc;
    Locks locks = Locks.AUTO;
    boolean debugFuse;
    final Set<String> kernelFlags = new LinkedHashSet<>();

    private static int defaultThreads() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    /** The defaults. */
    public MountOptions() {
    }

    private MountOptions copy() {
        MountOptions m = new MountOptions();
        m.attributeTimeout = attributeTimeout;
        m.entryTimeout = entryTimeout;
        m.negativeTimeout = negativeTimeout;
        m.directIo = directIo;
        m.fopenKeepCache = fopenKeepCache;
        m.useReaddirp = useReaddirp;
        m.threads = threads;
        m.readerStallMicros = readerStallMicros;
        m.readerSpinMicros = readerSpinMicros;
        m.selinux = selinux;
        m.capability = capability;
        m.gidTimeoutSeconds = gidTimeoutSeconds;
        m.backgroundQlen = backgroundQlen;
        m.congestionThreshold = congestionThreshold;
        m.lruLimit = lruLimit;
        m.readOnly = readOnly;
        m.acl = acl;
        m.allowOther = allowOther;
        m.allowRoot = allowRoot;
        m.defaultPermissions = defaultPermissions;
        m.nonempty = nonempty;
        m.fsname = fsname;
        m.subtype = subtype;
        m.maxWrite = maxWrite;
        m.maxReadahead = maxReadahead;
        m.asyncRead = asyncRead;
        m.atomicOTrunc = atomicOTrunc;
        m.locks = locks;
        m.debugFuse = debugFuse;
        m.kernelFlags.addAll(kernelFlags);
        return m;
    }

    // ---- the option table ----

    private record Spec(String name, String expected, String description, BiConsumer<MountOptions, String> apply) {
    }

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();
    /** Kernel mount flags passed through as they are. */
    private static final List<String> KERNEL_FLAGS = List.of("noatime", "atime", "nodiratime", "relatime", "strictatime",
            "nosuid", "suid", "nodev", "dev", "noexec", "exec", "sync", "async", "dirsync");

    private static void spec(String name, String expected, String description, BiConsumer<MountOptions, String> apply) {
        SPECS.put(name, new Spec(name, expected, description, apply));
    }

    static {
        spec("attribute-timeout", "seconds >= 0", "How long the kernel may cache attributes (default 1).",
                (m, v) -> m.attributeTimeout = seconds("attribute-timeout", v));
        spec("entry-timeout", "seconds >= 0", "How long the kernel may cache names (default 1).",
                (m, v) -> m.entryTimeout = seconds("entry-timeout", v));
        spec("negative-timeout", "seconds >= 0",
                "How long the kernel may remember that a name does not exist (default 0: never, as GlusterFS).",
                (m, v) -> m.negativeTimeout = seconds("negative-timeout", v));
        spec("direct-io-mode", "auto, enable or disable (or a boolean)",
                "Bypass the page cache on every open (default auto: cached).", (m, v) -> m.directIo = directIo(v));
        spec("fopen-keep-cache", "a boolean", "Keep cached file data across opens (default off).",
                (m, v) -> m.fopenKeepCache = bool("fopen-keep-cache", v));
        spec("use-readdirp", "a boolean (yes/no)",
                "List directories with readdirp, so entries carry the same inode numbers stat gives (default yes).",
                (m, v) -> m.useReaddirp = bool("use-readdirp", v));
        spec("reader-thread-count", "an integer 1..256",
                "Threads reading requests from the kernel and running them through the graph (default twice the "
                        + "CPUs, at least 4). One reads while requests are quick; more read while requests are slow "
                        + "(see reader-stall-usec).",
                (m, v) -> m.threads = (int) integer("reader-thread-count", v, 1, 256));
        spec("reader-stall-usec", "an integer 0..10000000",
                "A request running this many microseconds (default 50), plus 0.5 per KiB of data it carries, is "
                        + "slow: while at least half of recent "
                        + "requests are slow, more reader threads read. 0: every reader thread reads all the time, "
                        + "and each request wakes one.",
                (m, v) -> m.readerStallMicros = integer("reader-stall-usec", v, 0, 10_000_000));
        spec("reader-spin-usec", "an integer 0..1000",
                "How long a reader alone looks for the next request before it sleeps, in microseconds (default "
                        + "50), so that a request that follows soon after the last does not pay for waking it. It "
                        + "stops looking after 16 looks in a row find nothing, until requests come that close "
                        + "again, and reads 32 requests at a time without looking while it finds them already "
                        + "queued. 0: never looks.",
                (m, v) -> m.readerSpinMicros = integer("reader-spin-usec", v, 0, 1000));
        spec("threads", "an integer 1..256", "Another name for reader-thread-count.",
                (m, v) -> m.threads = (int) integer("threads", v, 1, 256));
        spec("selinux", "a flag", "Pass security.selinux to the graph (default: it reads as absent and cannot be set, "
                + "as GlusterFS).", (m, v) -> m.selinux = flagOrBool("selinux", v));
        spec("capability", "a flag", "Pass security.capability to the graph (default: it reads as absent and cannot "
                + "be set, as GlusterFS; the kernel asks for it before every write).",
                (m, v) -> m.capability = flagOrBool("capability", v));
        spec("gid-timeout", "seconds >= 0", "How long a process's supplementary groups are cached (default 300).",
                (m, v) -> m.gidTimeoutSeconds = integer("gid-timeout", v, 0, Integer.MAX_VALUE));
        spec("resolve-gids", "a flag", "Accepted for GlusterFS: groups are always read in full.", (m, v) -> {
        });
        spec("background-qlen", "an integer 1..65535", "The kernel's background request queue length (default 64).",
                (m, v) -> m.backgroundQlen = (int) integer("background-qlen", v, 1, 65535));
        spec("congestion-threshold", "an integer 1..65535",
                "Background requests at which the kernel reports congestion (default 48).",
                (m, v) -> m.congestionThreshold = (int) integer("congestion-threshold", v, 1, 65535));
        spec("lru-limit", "an integer >= 0", "Inodes the kernel no longer holds that stay cached (default 65536).",
                (m, v) -> m.lruLimit = (int) integer("lru-limit", v, 0, Integer.MAX_VALUE));
        spec("locks", "auto, on or off",
                "Send POSIX and BSD locks to the graph (auto: when the graph handles them, as with features/locks).",
                (m, v) -> m.locks = locks(v));
        spec("read-only", "a flag", "Mount read-only.", (m, v) -> m.readOnly = flagOrBool("read-only", v));
        spec("ro", "a flag", "Mount read-only.", (m, v) -> m.readOnly = flagOrBool("ro", v));
        spec("rw", "a flag", "Mount read-write (the default).", (m, v) -> m.readOnly = !flagOrBool("rw", v));
        spec("acl", "a flag", "POSIX ACLs: the graph checks permissions (default_permissions is not set).",
                (m, v) -> {
                    m.acl = flagOrBool("acl", v);
                    m.defaultPermissions = !m.acl;
                });
        spec("default_permissions", "a flag", "The kernel checks permissions from mode bits (the default).",
                (m, v) -> m.defaultPermissions = flagOrBool("default_permissions", v));
        spec("allow_other", "a flag", "Let users other than the one who mounted use the mount.",
                (m, v) -> m.allowOther = flagOrBool("allow_other", v));
        spec("allow_root", "a flag", "Let root use the mount too.", (m, v) -> m.allowRoot = flagOrBool("allow_root", v));
        spec("nonempty", "a flag", "Mount over a directory that is not empty.",
                (m, v) -> m.nonempty = flagOrBool("nonempty", v));
        spec("fsname", "a name", "The source shown in /proc/mounts (default rxlator).",
                (m, v) -> m.fsname = name("fsname", v));
        spec("subtype", "a name", "The type shown in /proc/mounts after fuse. (default rxlator).",
                (m, v) -> m.subtype = name("subtype", v));
        spec("big_writes", "a flag", "Always on: writes of up to max_write bytes.", (m, v) -> {
            if (!flagOrBool("big_writes", v)) {
                throw bad("big_writes", v, "on: writes of one page at a time are not supported");
            }
        });
        spec("max_write", "an integer 4096.." + MAX_WRITE, "The largest write request (default " + MAX_WRITE + ").",
                (m, v) -> m.maxWrite = (int) integer("max_write", v, 4096, MAX_WRITE));
        spec("max_readahead", "an integer 0.." + (1 << 20), "The kernel's readahead in bytes (default 131072).",
                (m, v) -> m.maxReadahead = (int) integer("max_readahead", v, 0, 1 << 20));
        spec("async_read", "a flag", "Let the kernel send several reads of a file at once (the default).",
                (m, v) -> m.asyncRead = flagOrBool("async_read", v));
        spec("sync_read", "a flag", "One read of a file at a time.", (m, v) -> m.asyncRead = !flagOrBool("sync_read", v));
        spec("atomic_o_trunc", "a flag", "Send O_TRUNC with the open instead of a truncate before it.",
                (m, v) -> m.atomicOTrunc = flagOrBool("atomic_o_trunc", v));
        spec("debug", "a flag", "libfuse prints every request it decodes (to stderr).",
                (m, v) -> m.debugFuse = flagOrBool("debug", v));
        for (String f : KERNEL_FLAGS) {
            spec(f, "a flag", "Passed to the kernel's mount.", (m, v) -> {
                flagOrBool(f, v);
                m.kernelFlags.add(f);
            });
        }
    }

    /**
     * Options from {@code -o} strings: comma-separated {@code key} or {@code key=value}
     * items, later ones overriding earlier ones.
     *
     * @throws IllegalArgumentException naming the first unknown option or bad value
     */
    public static MountOptions parse(List<String> optionStrings) {
        MountOptions m = new MountOptions();
        for (String s : optionStrings) {
            m.apply(s);
        }
        return m;
    }

    private void apply(String optionString) {
        for (String item : optionString.split(",")) {
            String it = item.trim();
            if (it.isEmpty()) {
                continue;
            }
            int eq = it.indexOf('=');
            String key = eq < 0 ? it : it.substring(0, eq);
            String value = eq < 0 ? null : it.substring(eq + 1);
            Spec spec = SPECS.get(key);
            if (spec == null) {
                String close = Suggest.closest(key, SPECS.keySet());
                throw new IllegalArgumentException("unknown mount option '" + key + "'"
                        + (close != null ? " (did you mean '" + close + "'?)" : "")
                        + "; `rxlator mount --help` lists them");
            }
            spec.apply().accept(this, value);
        }
    }

    /** Options from one {@code -o} string. */
    public static MountOptions parse(String optionString) {
        return parse(List.of(optionString));
    }

    /** Every option with what it takes and what it does, for help text. */
    public static List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Spec s : SPECS.values()) {
            if (KERNEL_FLAGS.contains(s.name())) {
                continue;
            }
            out.add(String.format(Locale.ROOT, "  %-22s %s (%s)", s.name(), s.description(), s.expected()));
        }
        out.add(String.format(Locale.ROOT, "  %-22s %s", String.join(",", KERNEL_FLAGS.subList(0, 4)) + ",…",
                "Kernel mount flags: " + String.join(", ", KERNEL_FLAGS) + "."));
        return out;
    }

    // ---- value parsing ----

    private static IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException("mount option " + key + (value == null ? "" : "=" + value)
                + ": expected " + expected);
    }

    private static double seconds(String key, String v) {
        if (v == null) {
            throw bad(key, null, "a value in seconds, e.g. " + key + "=1");
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 1e9 && !Double.isNaN(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw bad(key, v, "a number of seconds >= 0");
    }

    private static long integer(String key, String v, long min, long max) {
        if (v == null) {
            throw bad(key, null, "an integer " + min + ".." + max + ", e.g. " + key + "=" + min);
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw bad(key, v, "an integer " + min + ".." + max);
    }

    private static boolean bool(String key, String v) {
        if (v == null) {
            return true;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "on", "true", "enable", "1":
                return true;
            case "no", "off", "false", "disable", "0":
                return false;
            default:
                throw bad(key, v, "a boolean (yes/no, on/off, true/false, enable/disable, 1/0)");
        }
    }

    private static boolean flagOrBool(String key, String v) {
        return bool(key, v);
    }

    private static DirectIo directIo(String v) {
        if (v == null) {
            return DirectIo.ENABLE;
        }
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            return DirectIo.AUTO;
        }
        try {
            return bool("direct-io-mode", s) ? DirectIo.ENABLE : DirectIo.DISABLE;
        } catch (IllegalArgumentException e) {
            throw bad("direct-io-mode", v, "auto, enable or disable");
        }
    }

    private static Locks locks(String v) {
        if (v == null) {
            return Locks.ON;
        }
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            return Locks.AUTO;
        }
        try {
            return bool("locks", s) ? Locks.ON : Locks.OFF;
        } catch (IllegalArgumentException e) {
            throw bad("locks", v, "auto, on or off");
        }
    }

    private static String name(String key, String v) {
        if (v == null || v.isEmpty() || v.length() > 255) {
            throw bad(key, v, "a name of 1..255 characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c == ',' || c == '\\' || c == '"' || c == '\'' || c > '~') {
                throw bad(key, v, "printable ASCII without spaces, commas, quotes or backslashes");
            }
        }
        return v;
    }

    // ---- programmatic use ----

    /** These options with {@code key[=value],…} applied, as in {@code -o}. */
    public MountOptions with(String optionString) {
        MountOptions m = copy();
        m.apply(optionString);
        return m;
    }

    public double attributeTimeout() {
        return attributeTimeout;
    }

    public double entryTimeout() {
        return entryTimeout;
    }

    public double negativeTimeout() {
        return negativeTimeout;
    }

    public DirectIo directIo() {
        return directIo;
    }

    public boolean fopenKeepCache() {
        return fopenKeepCache;
    }

    public boolean useReaddirp() {
        return useReaddirp;
    }

    public int threads() {
        return threads;
    }

    /** Microseconds a request runs before it counts as slow (0: every reader reads all the time). */
    public long readerStallMicros() {
        return readerStallMicros;
    }

    /** Microseconds a reader alone looks for the next request before it sleeps (0: never). */
    public long readerSpinMicros() {
        return readerSpinMicros;
    }

    /** Whether security.selinux goes to the graph. */
    public boolean selinux() {
        return selinux;
    }

    /** Whether security.capability goes to the graph (it does with selinux too). */
    public boolean capability() {
        return capability || selinux;
    }

    public long gidTimeoutSeconds() {
        return gidTimeoutSeconds;
    }

    public int lruLimit() {
        return lruLimit;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public boolean acl() {
        return acl;
    }

    public boolean nonempty() {
        return nonempty;
    }

    public String fsname() {
        return fsname;
    }

    public Locks locks() {
        return locks;
    }

    public int maxWrite() {
        return maxWrite;
    }

    public int maxReadahead() {
        return maxReadahead;
    }

    public int backgroundQlen() {
        return backgroundQlen;
    }

    public int congestionThreshold() {
        return congestionThreshold;
    }

    public boolean asyncRead() {
        return asyncRead;
    }

    /** The kernel mount flags given (noatime, nosuid, …). */
    public Set<String> kernelFlags() {
        return Collections.unmodifiableSet(kernelFlags);
    }

    /**
     * The options for libfuse's {@code fuse_mount} and {@code fuse_lowlevel_new}, as one
     * {@code -o} string.
     */
    public String libfuseOptions() {
        List<String> o = new ArrayList<>();
        o.add("big_writes");
        o.add("max_write=" + maxWrite);
        o.add("max_readahead=" + maxReadahead);
        o.add("fsname=" + fsname);
        o.add("subtype=" + subtype);
        if (defaultPermissions) {
            o.add("default_permissions");
        }
        if (allowOther) {
            o.add("allow_other");
        } else if (allowRoot) {
            o.add("allow_root");
        }
        if (readOnly) {
            o.add("ro");
        }
        if (nonempty) {
            o.add("nonempty");
        }
        o.add(asyncRead ? "async_read" : "sync_read");
        if (atomicOTrunc) {
            o.add("atomic_o_trunc");
        }
        if (locks == Locks.OFF) {
            o.add("no_remote_lock");
        }
        o.add("max_background=" + backgroundQlen);
        o.add("congestion_threshold=" + Math.min(congestionThreshold, backgroundQlen));
        o.addAll(kernelFlags);
        return String.join(",", o);
    }

    @Override
    public String toString() {
        return "attribute-timeout=" + attributeTimeout + ",entry-timeout=" + entryTimeout + ",negative-timeout="
                + negativeTimeout + ",direct-io-mode=" + directIo.name().toLowerCase(Locale.ROOT)
                + ",fopen-keep-cache=" + fopenKeepCache + ",use-readdirp=" + useReaddirp + ",reader-thread-count="
                + threads + ",reader-stall-usec=" + readerStallMicros + ",reader-spin-usec=" + readerSpinMicros
                + (selinux ? ",selinux" : "")
                + (capability ? ",capability" : "") + ",locks=" + locks.name().toLowerCase(Locale.ROOT) + "," + libfuseOptions();
    }
}
