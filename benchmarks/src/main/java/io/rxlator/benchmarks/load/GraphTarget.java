package io.rxlator.benchmarks.load;

import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.Errno;
import io.rxlator.runtime.fop.FopException;
import io.rxlator.runtime.fop.Iatt;
import io.rxlator.runtime.fop.Iovec;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.xlators.debug.iostats.IoStatsTranslator;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/** Fops straight into a graph's top, as root, through the graph's own inode table. */
final class GraphTarget implements Target {

    private static final CallContext ROOT = CallContext.ROOT;
    private static final int O_WRONLY = 01;
    private static final int O_RDWR = 02;
    private static final int O_TRUNC = 01000;
    /** Bytes asked for per readdirp. */
    private static final int LIST_BATCH = 128 * 1024;

    private final Graph graph;
    private final FileSystem fs;
    private final String description;

    private record FileHandle(FileSystem.Handle h) implements Handle {
    }

    GraphTarget(Graph graph, String description) {
        this.graph = graph;
        this.fs = new FileSystem(graph.top(), graph.inodeTable());
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Mono<Void> mkdir(String path) {
        return fs.mkdir(ROOT, path, 0755).then().onErrorResume(e -> FopException.is(e, Errno.EEXIST), e -> Mono.empty());
    }

    @Override
    public Mono<Handle> openOrCreate(String path) {
        return fs.open(ROOT, path, O_RDWR)
                .onErrorResume(e -> FopException.is(e, Errno.ENOENT), e -> fs.create(ROOT, path, O_RDWR, 0644)
                        .onErrorResume(e2 -> FopException.is(e2, Errno.EEXIST), e2 -> fs.open(ROOT, path, O_RDWR)))
                .map(FileHandle::new);
    }

    @Override
    public Mono<Long> size(Handle h) {
        return fs.fstat(ROOT, ((FileHandle) h).h()).map(Iatt::size);
    }

    @Override
    public Mono<Integer> read(Handle h, long offset, int len) {
        return fs.read(ROOT, ((FileHandle) h).h(), offset, len).map(Iovec::length);
    }

    @Override
    public Mono<Integer> write(Handle h, long offset, byte[] data) {
        return fs.write(ROOT, ((FileHandle) h).h(), offset, Iovec.wrap(data));
    }

    @Override
    public Mono<Void> close(Handle h) {
        return fs.close(ROOT, ((FileHandle) h).h());
    }

    @Override
    public Mono<Void> createWrite(String path, byte[] data) {
        return Mono.usingWhen(fs.create(ROOT, path, O_WRONLY | O_TRUNC, 0644),
                h -> data.length == 0 ? Mono.empty() : fs.write(ROOT, h, 0, Iovec.wrap(data)).then(),
                h -> fs.close(ROOT, h));
    }

    @Override
    public Mono<Void> stat(String path) {
        return fs.stat(ROOT, path).then();
    }

    @Override
    public Mono<Void> lookup(String path) {
        return fs.resolve(ROOT, path, true).then();
    }

    @Override
    public Mono<Void> unlink(String path) {
        return fs.unlink(ROOT, path);
    }

    @Override
    public Mono<Void> rmdir(String path) {
        return fs.rmdir(ROOT, path);
    }

    @Override
    public Mono<Integer> list(String path) {
        return Mono.usingWhen(fs.opendir(ROOT, path),
                h -> fs.list(ROOT, h, LIST_BATCH, true).count().map(Long::intValue),
                h -> fs.close(ROOT, h));
    }

    @Override
    public List<IoStatsTranslator.Summary> rollIoStats() {
        return rollIoStats(graph);
    }

    /** What every debug/io-stats of {@code graph} saw since the last roll, top first. */
    static List<IoStatsTranslator.Summary> rollIoStats(Graph graph) {
        List<IoStatsTranslator.Summary> out = new ArrayList<>();
        List<String> names = new ArrayList<>(graph.names());
        java.util.Collections.reverse(names);
        for (String name : names) {
            if (graph.translator(name) instanceof IoStatsTranslator ios) {
                out.add(ios.rollSummary());
            }
        }
        return out;
    }

    @Override
    public void close() {
        graph.close();
    }
}
