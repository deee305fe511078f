package io.rxlator.xlators.storage.posix;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.Iovec;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** o-direct: O_DIRECT reaches the backend while it is on, and such an fd stays readable when it is turned off. */
class PosixDirectIoTest {

    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Volfile posix(String oDirect) {
        return Volfile.builder().volume("posix", PosixTranslator.TYPE,
                v -> v.option("directory", dir.toString()).option("o-direct", oDirect)).build();
    }

    @Test
    void anODirectFdReadsAndWritesBeforeAndAfterODirectIsTurnedOff() throws Exception {
        byte[] content = new byte[256 << 10];
        new Random(20261207L).nextBytes(content);
        CallContext root = CallContext.ROOT;
        try (Graph graph = Graph.build(posix("on"), TranslatorRegistry.load(), new InodeTable())) {
            graph.start();
            FileSystem fs = new FileSystem(graph.top(), graph.inodeTable());
            FileSystem.Handle h = fs.create(root, "/direct", Sys.O_RDWR | Sys.O_DIRECT, 0644).block(T);
            try {
                assertThat(fs.write(root, h, 0, Iovec.wrap(content)).block(T)).isEqualTo(content.length);
                assertThat(fs.read(root, h, 0, content.length).block(T).toByteArray()).as("o-direct on")
                        .isEqualTo(content);
                Graph.Reconfiguration r = graph.reconfigure(posix("off"), TranslatorRegistry.load());
                assertThat(r.applied()).as(r.reason()).isTrue();
                // In the page cache now, so only the fd's own O_DIRECT keeps the read from a Java array.
                assertThat(Files.readAllBytes(dir.resolve("direct"))).isEqualTo(content);
                assertThat(fs.read(root, h, 128 << 10, 128 << 10).block(T).toByteArray()).as("o-direct off, same fd")
                        .isEqualTo(java.util.Arrays.copyOfRange(content, 128 << 10, 256 << 10));
            } finally {
                fs.close(root, h).block(T);
            }
        }
    }
}
