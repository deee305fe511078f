package io.rxlator.cli;

import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.Problem;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.graph.VolfileException;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.Translator;
import io.rxlator.xlators.protocol.server.ServerTranslator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rxlator serve -f BRICK.vol}: builds a brick graph whose top is {@code protocol/server}
 * and serves it in the foreground until Ctrl-C or SIGTERM, like {@code glusterfsd -N -f}.
 */
final class ServeCommand {

    private static final Logger LOG = LoggerFactory.getLogger("rxlator.serve");

    static final String HELP = """
            usage: rxlator serve -f VOLFILE [--debug] [-L LEVEL] [-l LOGFILE]

            Serves a brick: the volfile's last volume must be protocol/server, with its
            subvolumes exported to protocol/client translators (remote-host, remote-port,
            remote-subvolume) and let in by auth.addr.SUBVOL.allow / auth.login options.
            Runs in the foreground until Ctrl-C or SIGTERM.
            """;

    private ServeCommand() {
    }

    static int run(List<String> args, PrintStream out) throws Main.UsageException, Main.Failure {
        Path volfile = null;
        String level = null;
        Path logFile = null;
        boolean debug = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-h", "--help" -> {
                    out.print(HELP);
                    return 0;
                }
                case "-f", "--volfile" -> volfile = Path.of(value(args, ++i, a));
                case "-L", "--log-level" -> level = value(args, ++i, a);
                case "-l", "--log-file" -> logFile = Path.of(value(args, ++i, a));
                case "--debug" -> debug = true;
                default -> throw new Main.UsageException("serve: unknown argument '" + a + "' (rxlator serve --help)");
            }
        }
        if (volfile == null) {
            throw new Main.UsageException("serve: no -f VOLFILE given");
        }
        Logs.configure("serve", level, logFile, debug);
        String text = InfoCommands.readVolfile(volfile);
        Graph graph;
        try {
            graph = Graph.build(Volfile.parse(text, volfile.toString()), InfoCommands.registry(), new InodeTable());
        } catch (VolfileException e) {
            StringBuilder sb = new StringBuilder("the volfile has errors:");
            for (Problem p : e.problems()) {
                sb.append("\n  ").append(p);
            }
            throw new Main.Failure(sb.toString());
        } catch (RuntimeException e) {
            throw new Main.Failure("cannot serve " + volfile + ": " + e.getMessage(), e);
        }
        Translator top = graph.translator(graph.top().name());
        if (!(top instanceof ServerTranslator server)) {
            graph.close();
            throw new Main.Failure(volfile + ": the last volume, '" + graph.top().name() + "', is "
                    + graph.volfile().top().type() + "; a brick volfile ends with a protocol/server volume");
        }
        graph.warnings().forEach(w -> LOG.warn("{}", w));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.info("signal received: stopping the brick server");
            graph.close();
            stopped.countDown();
        }, "rxlator-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        graph.start();
        out.println("serving " + volfile + " on port " + server.port() + "; Ctrl-C stops");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String value(List<String> args, int i, String option) throws Main.UsageException {
        if (i >= args.size()) {
            throw new Main.UsageException("serve: " + option + " needs a value");
        }
        return args.get(i);
    }

}
