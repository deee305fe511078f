package io.rxlator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rxlator bench} through the command line's entry point, with the load driver on the class path. */
class MainBenchTest {

    @Test
    void benchIsFoundAndRuns() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("bench", "-w", "stat-storm"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("rxlator bench: unknown --workload 'stat-storm'");

        out.reset();
        status = Main.run(List.of("bench", "--file-size", "256k", "--duration", "200ms", "--warmup", "0", "--quiet"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("graph storage/memory under debug/io-stats (embedded)")
                .contains("READV");
    }
}
