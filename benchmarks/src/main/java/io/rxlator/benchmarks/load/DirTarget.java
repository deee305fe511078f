package io.rxlator.benchmarks.load;

import io.rxlator.xlators.debug.iostats.IoStatsTranslator;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A directory driven through the JVM's file API: a mount of rxlator, of GlusterFS, of
 * anything. System calls block, so each runs on a thread of a pool as large as the most calls
 * the driver keeps in flight (at most 512); the driver's bound is the only queue.
 */
final class DirTarget implements Target {

    private static final int MAX_THREADS = 512;

    private final Path root;
    private final String description;
    private final Scheduler io;
    private final Supplier<List<IoStatsTranslator.Summary>> ioStats;
    private final AutoCloseable onClose;
    private final ThreadLocal<ByteBuffer> buffers = new ThreadLocal<>();

    private record ChannelHandle(FileChannel ch) implements Handle {
    }

    /**
     * @param ioStats what the graph behind the directory saw, when it is ours (a mount made for
     *     the run); otherwise an empty list
     * @param onClose what closing the target also closes (the mount and its graph), or a no-op
     */
    DirTarget(Path root, String description, int inflight, Supplier<List<IoStatsTranslator.Summary>> ioStats,
            AutoCloseable onClose) {
        this.root = root;
        this.description = description;
        int threads = Math.max(1, Math.min(MAX_THREADS, inflight));
        this.io = Schedulers.newBoundedElastic(threads, Integer.MAX_VALUE, "rxbench-io", 60, true);
        this.ioStats = ioStats;
        this.onClose = onClose;
    }

    private Path at(String path) {
        return root.resolve(path.substring(1));
    }

    private <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(io);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Mono<Void> mkdir(String path) {
        return blocking(() -> {
            try {
                Files.createDirectory(at(path));
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(at(path))) {
                    throw e;
                }
            }
            return true;
        }).then();
    }

    @Override
    public Mono<Handle> openOrCreate(String path) {
        return blocking(() -> new ChannelHandle(FileChannel.open(at(path), StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.CREATE)));
    }

    @Override
    public Mono<Long> size(Handle h) {
        return blocking(() -> ((ChannelHandle) h).ch().size());
    }

    private ByteBuffer buffer(int len) {
        ByteBuffer b = buffers.get();
        if (b == null || b.capacity() < len) {
            b = ByteBuffer.allocateDirect(Math.max(len, 64 * 1024));
            buffers.set(b);
        }
        b.clear().limit(len);
        return b;
    }

    @Override
    public Mono<Integer> read(Handle h, long offset, int len) {
        return blocking(() -> {
            FileChannel ch = ((ChannelHandle) h).ch();
            ByteBuffer b = buffer(len);
            int total = 0;
            while (b.hasRemaining()) {
                int n = ch.read(b, offset + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        });
    }

    @Override
    public Mono<Integer> write(Handle h, long offset, byte[] data) {
        return blocking(() -> {
            FileChannel ch = ((ChannelHandle) h).ch();
            ByteBuffer b = buffer(data.length);
            b.put(data).flip();
            int total = 0;
            while (b.hasRemaining()) {
                total += ch.write(b, offset + total);
            }
            return total;
        });
    }

    @Override
    public Mono<Void> close(Handle h) {
        return blocking(() -> {
            ((ChannelHandle) h).ch().close();
            return true;
        }).then();
    }

    @Override
    public Mono<Void> createWrite(String path, byte[] data) {
        return blocking(() -> {
            try (FileChannel ch = FileChannel.open(at(path), StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            return true;
        }).then();
    }

    @Override
    public Mono<Void> stat(String path) {
        return blocking(() -> Files.readAttributes(at(path), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)).then();
    }

    @Override
    public Mono<Void> lookup(String path) {
        return stat(path);
    }

    @Override
    public Mono<Void> unlink(String path) {
        return blocking(() -> {
            Files.delete(at(path));
            return true;
        }).then();
    }

    @Override
    public Mono<Void> rmdir(String path) {
        return unlink(path);
    }

    @Override
    public Mono<Integer> list(String path) {
        return blocking(() -> {
            int n = 0;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(at(path))) {
                for (Path p : entries) {
                    // Attributes too (ls -l), as a graph's readdirp brings them.
                    Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    n++;
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return n;
        });
    }

    @Override
    public List<IoStatsTranslator.Summary> rollIoStats() {
        return ioStats.get();
    }

    @Override
    public void close() {
        io.dispose();
        try {
            onClose.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing " + description + ": " + e.getMessage(), e);
        }
    }
}
