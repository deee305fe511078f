package io.rxlator.xlators.storage.posix;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.EventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storage/posix's health check: what it writes, what it catches, and what a failure does. */
class PosixHealthCheckTest {

    @TempDir
    Path tmp;

    Path brickDir() throws Exception {
        return Files.createDirectories(tmp.resolve("brick"));
    }

    static Volfile posix(Path dir, String interval) {
        return Volfile.builder().volume("posix", PosixTranslator.TYPE, v -> v.option("directory", dir.toString())
                .option("health-check-interval", interval).option("health-check-timeout", "5")).build();
    }

    /** A graph whose CHILD_DOWN reaching the top completes the returned future. */
    static CompletableFuture<Void> downOf(Graph graph) {
        CompletableFuture<Void> down = new CompletableFuture<>();
        graph.addListener(e -> {
            if (e.type() == EventType.CHILD_DOWN) {
                down.complete(null);
            }
        });
        return down;
    }

    @Test
    void aHealthyBrickPassesAndLeavesTheTimeInTheCheckFile() throws Exception {
        Path dir = brickDir();
        try (Brick brick = Brick.open(dir.toString(), null, -1, -1, true)) {
            assertThat(HealthCheck.checkOnce(brick)).isEmpty();
        }
        assertThat(Files.readString(dir.resolve(".glusterfs/health_check"), StandardCharsets.US_ASCII))
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void aCheckFileThatCannotBeWrittenFailsTheCheckNamingTheStep() throws Exception {
        Path dir = brickDir();
        Files.createDirectories(dir.resolve(".glusterfs/health_check"));
        try (Brick brick = Brick.open(dir.toString(), null, -1, -1, true)) {
            assertThat(HealthCheck.checkOnce(brick)).isEqualTo("open for write of " + dir
                    + "/.glusterfs/health_check failed: EISDIR (Is a directory)");
        }
    }

    @Test
    void aDirectoryReplacedUnderTheRunningBrickIsCaught() throws Exception {
        Path dir = brickDir();
        try (Brick brick = Brick.open(dir.toString(), null, -1, -1, true)) {
            Files.move(dir, tmp.resolve("moved"));
            Files.createDirectory(dir);
            assertThat(HealthCheck.checkOnce(brick)).isEqualTo("the brick directory " + dir
                    + " is no longer the directory the brick opened (was the file system under it unmounted?)");
            Files.delete(dir);
            assertThat(HealthCheck.checkOnce(brick)).startsWith("stat of the brick directory " + dir + " failed: ENOENT");
        }
    }

    @Test
    void aFailedCheckTakesTheBrickDownAndEveryFopAnswersEnotconn() throws Exception {
        Path dir = brickDir();
        Files.createDirectories(dir.resolve(".glusterfs/health_check"));
        try (Graph graph = Graph.build(posix(dir, "1"), TranslatorRegistry.load(), new InodeTable())) {
            CompletableFuture<Void> down = downOf(graph);
            graph.start();
            down.get(30, TimeUnit.SECONDS);
            FileSystem fs = new FileSystem(graph.top(), graph.inodeTable());
            try {
                fs.lstat(CallContext.ROOT, "/").block(Duration.ofSeconds(10));
                throw new AssertionError("a down brick answered");
            } catch (FopException e) {
                assertThat(e.errno()).isEqualTo(Errno.ENOTCONN);
                assertThat(e.getMessage()).contains("brick " + dir + " is down: health check failed: open for write of "
                        + dir + "/.glusterfs/health_check failed: EISDIR");
            }
            assertThat(graph.statedump().toString()).contains("health=brick " + dir + " is down");
        }
    }

    @Test
    void aReconfiguredIntervalStartsTheCheck() throws Exception {
        Path dir = brickDir();
        Files.createDirectories(dir.resolve(".glusterfs/health_check"));
        try (Graph graph = Graph.build(posix(dir, "0"), TranslatorRegistry.load(), new InodeTable())) {
            CompletableFuture<Void> down = downOf(graph);
            graph.start();
            assertThat(graph.isChildUp()).isTrue();
            assertThat(graph.statedump().toString()).contains("health=up");
            Graph.Reconfiguration r = graph.reconfigure(posix(dir, "1"), TranslatorRegistry.load());
            assertThat(r.applied()).as(r.reason()).isTrue();
            down.get(30, TimeUnit.SECONDS);
            assertThat(graph.isChildUp()).isFalse();
        }
    }

    @Test
    void aCheckThatHangsPastTheTimeoutIsAFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> failure = new CompletableFuture<>();
        HealthCheck check = new HealthCheck(() -> {
            release.await();
            return "";
        }, Duration.ofMillis(10), Duration.ofSeconds(1), failure::complete);
        try {
            assertThat(failure.get(30, TimeUnit.SECONDS)).isEqualTo("the check did not finish within 1 s");
        } finally {
            release.countDown();
            check.stop();
        }
    }

    @Test
    void checksThatPassKeepTheBrickUpAndStopEndsThem() throws Exception {
        CountDownLatch passes = new CountDownLatch(3);
        CompletableFuture<String> failure = new CompletableFuture<>();
        HealthCheck check = new HealthCheck(() -> {
            passes.countDown();
            return "";
        }, Duration.ofMillis(10), Duration.ofSeconds(1), failure::complete);
        try {
            assertThat(passes.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(failure).isNotDone();
        } finally {
            check.stop();
        }
    }
}
