package io.rxlator.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code rxlator statedump MOUNTPOINT}: the state of a running mount, from its control socket. */
final class StatedumpCommand {

    private StatedumpCommand() {
    }

    static int run(List<String> args, PrintStream out) throws Main.UsageException, Main.Failure {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            throw new Main.UsageException("expected: rxlator statedump MOUNTPOINT");
        }
        Path mnt = Path.of(args.get(0)).toAbsolutePath().normalize();
        try {
            String reply = ControlSocket.ask(mnt, "statedump");
            if (reply.startsWith("error: ")) {
                throw new Main.Failure(reply.substring(7).trim());
            }
            out.print(reply);
            return 0;
        } catch (IOException e) {
            throw new Main.Failure("no rxlator mount answers for " + mnt + " (" + ControlSocket.pathFor(mnt) + ": "
                    + e.getMessage() + ")");
        }
    }
}
