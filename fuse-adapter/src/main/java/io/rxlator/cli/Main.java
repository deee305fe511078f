package io.rxlator.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code rxlator} command.
 *
 * <pre>
 * rxlator mount [-f VOLFILE] [--debug] [-o OPTIONS] MOUNTPOINT
 * rxlator umount [-l] MOUNTPOINT
 * rxlator volfile check FILE
 * rxlator xlators [TYPE]
 * rxlator statedump MOUNTPOINT
 * rxlator serve -f BRICK.vol
 * rxlator bench [OPTIONS]            (the load driver, in the benchmarks jar)
 * </pre>
 *
 * Exit status: 0 done, 1 failed (the message says why), 2 the command line was wrong.
 */
public final class Main {

    static final String USAGE = """
            usage: rxlator COMMAND [ARGS]

              mount [-f VOLFILE] [--debug] [-o OPTIONS] MOUNTPOINT
                    Mount a translator stack (with no VOLFILE: storage/posix over a local
                    export directory it creates and names). Runs in the background unless
                    --debug (foreground, every fop logged) or --foreground is given.
              umount [-l] MOUNTPOINT
                    Unmount (-l: detach now even if files are open on it).
              volfile check FILE
                    Check a volfile: syntax, types, options and graph, every problem reported.
              xlators [TYPE]
                    List translator types, or one type's options with defaults and ranges.
              statedump MOUNTPOINT
                    Print the state of a running mount: graph, translators, inode table, FUSE.
              serve -f VOLFILE
                    Serve a brick (a volfile ending in protocol/server) in the foreground.
              bench [-f VOLFILE | --dir DIR] [OPTIONS]
              bench compare A B [OPTIONS]
                    Drive a workload into a graph or a mount and report throughput and
                    latency (JSON, HTML); compare two targets A B A B ...

            `rxlator mount --help` lists the mount options, `rxlator bench --help` the workloads.
            """;

    private Main() {
    }

    /** Thrown for a command line that cannot be run; its message says what was wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Thrown for a command that failed for a reason given in the message (exit 1). */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** The load driver lives in the benchmarks module, which depends on this one; it is found at run time. */
    static final String BENCH_CLASS = "io.rxlator.benchmarks.load.BenchCommand";

    private static int bench(List<String> args, PrintStream out, PrintStream err) throws Failure {
        java.lang.reflect.Method run;
        try {
            run = Class.forName(BENCH_CLASS).getMethod("run", List.class, PrintStream.class, PrintStream.class);
        } catch (ReflectiveOperationException e) {
            throw new Failure("the load driver is not in this jar; run it as ./rxlator bench (which builds "
                    + "benchmarks/target/benchmarks.jar) or java -cp benchmarks/target/benchmarks.jar io.rxlator.cli.Main bench");
        }
        try {
            return (Integer) run.invoke(null, args, out, err);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new Failure("bench failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new Failure("cannot run the load driver: " + e.getMessage(), e);
        }
    }

    /** Runs a command; answers its exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help") || args.get(0).equals("help")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "mount" -> new MountCommand(out, err).run(rest);
                case "umount", "unmount" -> UmountCommand.run(rest, out);
                case "volfile" -> InfoCommands.volfile(rest, out);
                case "xlators" -> InfoCommands.xlators(rest, out);
                case "statedump" -> StatedumpCommand.run(rest, out);
                case "serve" -> ServeCommand.run(rest, out);
                case "bench" -> bench(rest, out, err);
                default -> throw new UsageException("unknown command '" + args.get(0) + "'");
            };
        } catch (UsageException e) {
            err.println("rxlator: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (Failure e) {
            err.println("rxlator: " + e.getMessage());
            return 1;
        }
    }
}
