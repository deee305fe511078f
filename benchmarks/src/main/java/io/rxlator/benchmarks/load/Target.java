package io.rxlator.benchmarks.load;

import io.rxlator.xlators.debug.iostats.IoStatsTranslator;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What a workload drives: a graph in this process (fops through its top) or a directory (a
 * mount of any file system). Paths are relative to the target's root and start with '/'.
 * Every operation is a cold {@code Mono}; a failure carries an errno that {@link Errors#name}
 * can name.
 */
interface Target extends AutoCloseable {

    /** A file held open for the length of a run. */
    interface Handle {
    }

    /** What the target is, for reports: "graph my.vol", "directory /mnt/x". */
    String description();

    /** mkdir; an existing directory is fine. */
    Mono<Void> mkdir(String path);

    /** Opens a file for reading and writing, making it when it is missing. */
    Mono<Handle> openOrCreate(String path);

    Mono<Long> size(Handle h);

    /** Reads up to {@code len} bytes at {@code offset}; answers how many came back. */
    Mono<Integer> read(Handle h, long offset, int len);

    /** Writes all of {@code data} at {@code offset}. */
    Mono<Integer> write(Handle h, long offset, byte[] data);

    Mono<Void> close(Handle h);

    /** Creates (or truncates) a file, writes {@code data} into it, and closes it. */
    Mono<Void> createWrite(String path, byte[] data);

    /** stat of a name the target may already know (as a kernel holding the inode would). */
    Mono<Void> stat(String path);

    /** A fresh lookup of the name, whatever is cached. */
    Mono<Void> lookup(String path);

    Mono<Void> unlink(String path);

    Mono<Void> rmdir(String path);

    /** Lists a directory completely; answers the number of entries. */
    Mono<Integer> list(String path);

    /**
     * What each debug/io-stats of the graph saw since the last call (and starts a new interval);
     * empty when the target is not a graph or has none.
     */
    default List<IoStatsTranslator.Summary> rollIoStats() {
        return List.of();
    }

    @Override
    void close();
}
