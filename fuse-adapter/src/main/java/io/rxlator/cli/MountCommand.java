package io.rxlator.cli;

import io.rxlator.fuse.FuseMount;
import io.rxlator.fuse.MountException;
import io.rxlator.fuse.MountOptions;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.Problem;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.graph.VolfileException;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.statedump.DumpWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rxlator mount}: builds the graph, mounts it and serves it until it is unmounted
 * (by {@code rxlator umount}, Ctrl-C or SIGTERM). In the background (the default) a second
 * process serves the mount and this one returns once the mount is up.
 */
final class MountCommand {

    private static final Logger LOG = LoggerFactory.getLogger("rxlator.mount");
    static final String DAEMON_ENV = "RXLATOR_DAEMON";
    /** Environment variables whose flags the JVM reports among its input arguments. */
    static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    /**
     * The daemon's allocation buffers take arrays up to half their size (the JVM's default is a
     * 64th): so the 128 KiB arrays of large reads and writes are placed there without being zeroed
     * (see ByteArrays), instead of being zeroed on the slow path. Kept when the user gives one.
     */
    static final String TLAB_FLAG = "-XX:TLABRefillWasteFraction";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final PrintStream out;
    private final PrintStream err;

    // the command line
    @Nullable Path volfile;
    final List<String> mountOptions = new ArrayList<>();
    boolean debug;
    boolean foreground;
    @Nullable Path logFile;
    @Nullable String logLevel;
    @Nullable Path export;
    @Nullable Path mountpoint;

    MountCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static String help() {
        StringBuilder sb = new StringBuilder("""
                usage: rxlator mount [-f VOLFILE] [--debug] [-o OPTIONS] MOUNTPOINT

                  -f, --volfile FILE    the stack to mount (default: storage/posix over --export)
                  --export DIR          the export directory of the default stack
                                        (default /var/lib/rxlator/exports/NAME, created)
                  -o OPTIONS            mount options, comma-separated; may be repeated
                  --debug               stay in the foreground and log every fop
                  -N, --foreground      stay in the foreground
                  -l, --log-file FILE   log there (default for background mounts:
                                        /var/log/rxlator/NAME.log)
                  -L, --log-level LEVEL ERROR, WARN, INFO (default), DEBUG or TRACE

                mount options:
                """);
        MountOptions.describe().forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    int run(List<String> args) throws Main.UsageException, Main.Failure {
        if (!parse(args)) {
            out.print(help());
            return 0;
        }
        MountOptions opts;
        try {
            opts = MountOptions.parse(mountOptions);
        } catch (IllegalArgumentException e) {
            throw new Main.Failure(e.getMessage());
        }
        Path mnt = mountpoint.toAbsolutePath().normalize();
        if (volfile == null) {
            export = (export != null ? export : defaultExport(mnt)).toAbsolutePath().normalize();
        }
        String text = volfileText();
        if (!debug && !foreground) {
            return background(args, mnt, text, opts);
        }
        return serve(mnt, text, opts);
    }

    /** Reads the command line; false when help was asked for. */
    private boolean parse(List<String> args) throws Main.UsageException {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-h", "--help" -> {
                    return false;
                }
                case "--debug" -> debug = true;
                case "-N", "--foreground", "--no-daemon" -> foreground = true;
                case "-f", "--volfile" -> volfile = Path.of(value(args, ++i, a));
                case "-o" -> mountOptions.add(value(args, ++i, a));
                case "-l", "--log-file" -> logFile = Path.of(value(args, ++i, a));
                case "-L", "--log-level" -> logLevel = value(args, ++i, a);
                case "--export" -> export = Path.of(value(args, ++i, a));
                default -> {
                    if (a.startsWith("-o") && a.length() > 2) {
                        mountOptions.add(a.substring(2));
                    } else if (a.startsWith("--volfile=")) {
                        volfile = Path.of(a.substring("--volfile=".length()));
                    } else if (a.startsWith("--log-file=")) {
                        logFile = Path.of(a.substring("--log-file=".length()));
                    } else if (a.startsWith("--log-level=")) {
                        logLevel = a.substring("--log-level=".length());
                    } else if (a.startsWith("--export=")) {
                        export = Path.of(a.substring("--export=".length()));
                    } else if (a.startsWith("-") && a.length() > 1) {
                        throw new Main.UsageException("mount: unknown option '" + a + "' (rxlator mount --help lists them)");
                    } else if (mountpoint != null) {
                        throw new Main.UsageException("mount: one mount point only, got '" + mountpoint + "' and '" + a + "'");
                    } else {
                        mountpoint = Path.of(a);
                    }
                }
            }
        }
        if (mountpoint == null) {
            throw new Main.UsageException("mount: no MOUNTPOINT given");
        }
        if (volfile != null && export != null) {
            throw new Main.UsageException("mount: --export is for the default stack; the volfile names its own directories");
        }
        if (logLevel != null) {
            Logs.level("mount", logLevel);
        }
        return true;
    }

    private static String value(List<String> args, int i, String option) throws Main.UsageException {
        if (i >= args.size()) {
            throw new Main.UsageException("mount: " + option + " needs a value");
        }
        return args.get(i);
    }

    /** NAME for a mount point: its path with slashes as dashes, as GlusterFS names its logs. */
    static String nameOf(Path mnt) {
        String s = mnt.toString().replaceAll("^/+", "").replace('/', '-');
        return s.isEmpty() ? "root" : s;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static Path defaultExport(Path mnt) {
        Path base = isRoot() ? Path.of("/var/lib/rxlator/exports")
                : Path.of(System.getProperty("user.home"), ".local/share/rxlator/exports");
        return base.resolve(nameOf(mnt));
    }

    static Path defaultLog(Path mnt) {
        Path base = isRoot() ? Path.of("/var/log/rxlator") : Path.of(System.getProperty("user.home"), ".cache/rxlator");
        return base.resolve(nameOf(mnt) + ".log");
    }

    /** The volfile to mount: the given one, or the embedded default over the export directory. */
    private String volfileText() throws Main.Failure {
        if (volfile != null) {
            return InfoCommands.readVolfile(volfile);
        }
        try (InputStream in = MountCommand.class.getResourceAsStream("default.vol")) {
            String t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return t.replace("${export}", export.toString());
        } catch (IOException e) {
            throw new Main.Failure("the embedded default volfile cannot be read: " + e.getMessage());
        }
    }

    private String source() {
        return volfile != null ? volfile.toString() : "default.vol";
    }

    private void prepareExport() throws Main.Failure {
        if (volfile != null) {
            return;
        }
        try {
            if (!Files.isDirectory(export)) {
                Files.createDirectories(export);
                LOG.info("created the export directory {}", export);
            }
        } catch (IOException e) {
            throw new Main.Failure("cannot create the export directory " + export + ": " + e.getMessage());
        }
    }

    // ---- background ----

    private int background(List<String> args, Path mnt, String text, MountOptions opts) throws Main.Failure {
        List<Problem> problems = Graph.check(text, source(), InfoCommands.registry());
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new Main.Failure("the volfile has errors:\n" + lines(problems));
        }
        try {
            FuseMount.checkMountpoint(mnt, opts);
        } catch (MountException e) {
            throw new Main.Failure(e.getMessage());
        }
        Path log = (logFile != null ? logFile : defaultLog(mnt)).toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new Main.Failure("cannot create the log directory " + log.getParent() + ": " + e.getMessage());
        }
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid"); // its own session: the terminal's hangup does not reach it
        }
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        cmd.addAll(jvm);
        // What the jar's manifest gives a `java -jar` run, given explicitly to a `-cp` one.
        if (jvm.stream().noneMatch(a -> a.contains("jdk.internal.misc"))) {
            cmd.add("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
        }
        if (Runtime.version().feature() >= 22 && jvm.stream().noneMatch(a -> a.startsWith("--enable-native-access"))) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        if (jvm.stream().noneMatch(a -> a.startsWith(TLAB_FLAG))) {
            cmd.add(TLAB_FLAG + "=2");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.add("mount");
        cmd.addAll(args);
        cmd.add("--foreground");
        cmd.add("--log-file");
        cmd.add(log.toString());
        if (export != null && args.stream().noneMatch(a -> a.startsWith("--export"))) {
            cmd.add("--export");
            cmd.add(export.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put(DAEMON_ENV, "1");
        // The JVM flags above already hold what these variables gave this JVM, in the order it read them;
        // left in the environment they would reach the daemon twice (a second -agentpath fails its start).
        pb.environment().keySet().removeAll(JVM_OPTION_VARIABLES);
        Process p;
        long logStart = log.toFile().length();
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new Main.Failure("cannot start the mount process: " + e.getMessage());
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!p.isAlive()) {
                int code = p.exitValue();
                throw new Main.Failure("mounting " + mnt + " failed (exit " + code + "); from " + log + ":\n"
                        + tail(log, logStart));
            }
            if (isServing(mnt)) {
                out.println("mounted " + mnt + (export != null ? " (export " + export + ")" : "") + ", pid " + p.pid()
                        + ", log " + log);
                return 0;
            }
            if (System.nanoTime() > deadline) {
                p.destroy();
                throw new Main.Failure("mounting " + mnt + " did not finish within " + READY_TIMEOUT.toSeconds()
                        + " s; from " + log + ":\n" + tail(log, logStart));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Main.Failure("interrupted while waiting for the mount");
            }
        }
    }

    /** True once {@code mnt} is an rxlator mount that answers. */
    static boolean isServing(Path mnt) {
        String m = FuseMount.fuseMountAt(mnt);
        if (m == null || !m.endsWith("fuse.rxlator")) {
            return false;
        }
        return Files.isDirectory(mnt);
    }

    private static String tail(Path log, long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            String s = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                    StandardCharsets.UTF_8);
            List<String> lines = s.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(the log cannot be read: " + e.getMessage() + ")";
        }
    }

    private static String lines(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            sb.append("  ").append(p).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    // ---- foreground ----

    private void configureLogging() throws Main.UsageException {
        Logs.configure("mount", logLevel, System.getenv(DAEMON_ENV) == null ? logFile : null, debug);
    }

    private int serve(Path mnt, String text, MountOptions opts) throws Main.UsageException, Main.Failure {
        configureLogging();
        prepareExport();
        TranslatorRegistry registry = InfoCommands.registry();
        Graph graph;
        try {
            graph = Graph.build(Volfile.parse(text, source()), registry, new InodeTable(opts.lruLimit()));
        } catch (VolfileException e) {
            throw new Main.Failure("the volfile has errors:\n" + lines(e.problems()));
        }
        graph.warnings().forEach(w -> LOG.warn("{}", w));
        graph.start();
        try {
            graph.childUp().block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.warn("the graph is not up after 30 s (no CHILD_UP from '{}'); mounting anyway", graph.top().name());
        }
        // The hook is in place before the mount exists, and waits for a mount under way, so a
        // signal at any moment leaves nothing mounted.
        Object mounting = new Object();
        java.util.concurrent.atomic.AtomicReference<FuseMount> ref = new java.util.concurrent.atomic.AtomicReference<>();
        ControlSocket control = ControlSocket.start(mnt, () -> {
            DumpWriter d = graph.statedump();
            FuseMount m;
            // The mount answers before FuseMount.mount returns: wait for it, so the dump has it.
            synchronized (mounting) {
                m = ref.get();
            }
            if (m != null) {
                m.dump(d);
            }
            return d.toString();
        });
        Thread hook = new Thread(() -> {
            synchronized (mounting) {
                FuseMount m = ref.get();
                if (m != null) {
                    LOG.info("signal received: unmounting {}", mnt);
                    m.close();
                }
            }
            control.close();
            graph.close();
        }, "rxlator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        FuseMount mount;
        synchronized (mounting) {
            try {
                mount = FuseMount.mount(graph.top(), graph.inodeTable(), mnt, opts);
            } catch (MountException e) {
                Runtime.getRuntime().removeShutdownHook(hook);
                control.close();
                graph.close();
                throw new Main.Failure(e.getMessage());
            }
            ref.set(mount);
        }
        if (System.getenv(DAEMON_ENV) == null) {
            out.println("mounted " + mnt + (export != null ? " (export " + export + ")" : "")
                    + "; Ctrl-C or `rxlator umount " + mnt + "` unmounts");
            out.flush();
        }
        try {
            mount.awaitUnmount();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            return 0; // shutting down: the hook finishes the job
        }
        control.close();
        graph.close();
        Throwable failure = mount.failure();
        if (failure != null) {
            throw new Main.Failure("the mount of " + mnt + " ended after a failure: " + failure, failure);
        }
        return 0;
    }
}
