package io.rxlator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rxlator serve}: a brick server in a process of its own, used by a client graph. */
class ServeCliTest {

    @TempDir
    Path tmp;

    @Test
    void aBrickServedByTheCommandIsUsedByAClientAndStopsOnSigterm() throws Exception {
        Path export = Files.createDirectory(tmp.resolve("export"));
        Path vol = Files.writeString(tmp.resolve("brick.vol"), """
                volume brick
                    type storage/posix
                    option directory %s
                end-volume

                volume server
                    type protocol/server
                    option transport.socket.listen-port 0
                    option transport.socket.bind-address 127.0.0.1
                    option auth.addr.brick.allow 127.0.0.1
                    subvolumes brick
                end-volume
                """.formatted(export));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.rxlator.cli.Main", "serve", "-f", vol.toString(),
                "-l", tmp.resolve("serve.log").toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("first line of rxlator serve").isNotNull().startsWith("serving " + vol + " on port ");
            Matcher m = Pattern.compile("on port (\\d+);").matcher(line);
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));
            Graph client = Graph.build(Volfile.builder().volume("c", "protocol/client", v -> v.option("remote-host", "127.0.0.1")
                    .option("remote-port", String.valueOf(port)).option("remote-subvolume", "brick")).build(),
                    TranslatorRegistry.load(), new InodeTable());
            try {
                client.start();
                client.childUp().block(Duration.ofSeconds(30));
                FileSystem fs = new FileSystem(client.top(), client.inodeTable());
                fs.mkdir(CallContext.ROOT, "/made-remotely", 0755).block(Duration.ofSeconds(30));
                assertThat(export.resolve("made-remotely")).isDirectory();
            } finally {
                client.close();
            }
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            assertThat(Files.readString(tmp.resolve("serve.log"))).contains("signal received");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aVolfileThatDoesNotEndInAServerIsRefused() throws Exception {
        Path vol = Files.writeString(tmp.resolve("plain.vol"), """
                volume m
                    type storage/memory
                end-volume
                """);
        CliTest.Result r = CliTest.run("serve", "-f", vol.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("the last volume, 'm', is storage/memory; a brick volfile ends with a protocol/server volume");
    }
}
