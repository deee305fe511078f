package io.rxlator.xlators.storage.posix;

import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The brick's health check, as GlusterFS's posix does it: every {@code interval} write the
 * time to {@code .glusterfs/health_check} through the brick's path, read it back and compare,
 * all within {@code timeout}. It also makes sure the path still names the directory the brick
 * opened (a file system unmounted under a running brick leaves an empty directory there, and a
 * check through the old handle would pass). The first failure is reported once and ends the
 * checking: a brick whose disk failed stays down.
 */
final class HealthCheck {

    static final String FILE = Brick.HIDDEN + "/health_check";
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Disposable running;

    /** Runs {@code check} (answering "" when all is well) every {@code interval}. */
    HealthCheck(Callable<String> check, Duration interval, Duration timeout, Consumer<String> onFailure) {
        Mono<String> once = Mono.fromCallable(check).subscribeOn(Schedulers.boundedElastic());
        if (!timeout.isZero()) {
            once = once.timeout(timeout, Mono.error(() -> new TimeoutException(
                    "the check did not finish within " + timeout.toSeconds() + " s")));
        }
        Mono<String> guarded = once;
        this.running = Flux.interval(interval, interval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> guarded.onErrorResume(e -> Mono.just(describe(e))), 1)
                .filter(failure -> !failure.isEmpty())
                .next()
                .subscribe(onFailure);
    }

    /**
     * Starts checking every {@code intervalSeconds}; none when it is 0. {@code onFailure} gets a
     * sentence naming the step that failed, the file and the error.
     */
    static @Nullable HealthCheck start(Brick brick, long intervalSeconds, long timeoutSeconds, Consumer<String> onFailure) {
        if (intervalSeconds <= 0) {
            return null;
        }
        return new HealthCheck(() -> checkOnce(brick), Duration.ofSeconds(intervalSeconds),
                Duration.ofSeconds(timeoutSeconds), onFailure);
    }

    void stop() {
        running.dispose();
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** One check; the empty string when it passed, what went wrong otherwise. */
    static String checkOnce(Brick brick) {
        String path = brick.directory + "/" + FILE;
        Sys.Stat now;
        try {
            now = Sys.statx(Sys.AT_FDCWD, brick.directory + "/.");
        } catch (FopException e) {
            return "stat of the brick directory " + brick.directory + " failed: " + e.errno().describe();
        }
        Sys.Stat opened = Sys.statx(brick.root, "");
        if (now.dev() != opened.dev() || now.ino() != opened.ino()) {
            return "the brick directory " + brick.directory + " is no longer the directory the brick opened"
                    + " (was the file system under it unmounted?)";
        }
        byte[] stamp = LocalDateTime.now().format(FORMAT).getBytes(StandardCharsets.US_ASCII);
        String step = "open for write";
        int fd = Sys.C.openat(Sys.AT_FDCWD, Sys.c(path), Sys.O_CREAT | Sys.O_WRONLY | Sys.O_TRUNC | Sys.O_CLOEXEC
                | Sys.O_NOFOLLOW, 0644);
        try {
            if (fd < 0) {
                return failed(step, path, Sys.errno());
            }
            step = "write";
            ByteBuffer buf = Sys.ioBuffer(64);
            buf.put(stamp).flip();
            long n = Sys.C.pwrite(fd, buf, stamp.length, 0);
            if (n != stamp.length) {
                return n < 0 ? failed(step, path, Sys.errno()) : step + " of " + path + " wrote " + n + " of "
                        + stamp.length + " bytes";
            }
            Sys.close(fd);
            step = "open for read";
            fd = Sys.C.openat(Sys.AT_FDCWD, Sys.c(path), Sys.O_RDONLY | Sys.O_CLOEXEC | Sys.O_NOFOLLOW, 0);
            if (fd < 0) {
                return failed(step, path, Sys.errno());
            }
            step = "read";
            buf = Sys.ioBuffer(64);
            n = Sys.C.pread(fd, buf, 64, 0);
            if (n < 0) {
                return failed(step, path, Sys.errno());
            }
            byte[] back = new byte[(int) n];
            buf.get(0, back);
            if (!java.util.Arrays.equals(back, stamp)) {
                return "read of " + path + " gave back '" + new String(back, StandardCharsets.US_ASCII)
                        + "', not the '" + new String(stamp, StandardCharsets.US_ASCII) + "' just written";
            }
            return "";
        } finally {
            if (fd >= 0) {
                Sys.close(fd);
            }
        }
    }

    private static String failed(String step, String path, int errno) {
        return step + " of " + path + " failed: " + Errno.orEio(errno).describe();
    }
}
