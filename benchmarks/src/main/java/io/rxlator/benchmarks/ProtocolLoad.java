package io.rxlator.benchmarks;

import io.rxlator.runtime.client.FileSystem;
import io.rxlator.runtime.fop.CallContext;
import io.rxlator.runtime.fop.Iovec;
import io.rxlator.runtime.fop.Loc;
import io.rxlator.runtime.fop.Stat;
import io.rxlator.runtime.fop.Xdata;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.xlators.debug.iostats.LatencyHistogram;
import io.rxlator.xlators.protocol.server.ServerTranslator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Load through protocol/client and protocol/server on 127.0.0.1: small fops (stat of a file)
 * and 128 KiB writes and reads, each with a fixed number of calls in flight (bounded
 * {@code flatMap}), reporting operations per second, MB/s and latency percentiles.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.rxlator.benchmarks.ProtocolLoad [--seconds S] [--warmup S]
 *     [--inflight 1,16,128] [--storage memory|posix:/dir]</pre>
 */
public final class ProtocolLoad {

    private static final CallContext ROOT = CallContext.ROOT;

    private ProtocolLoad() {
    }

    record Result(String workload, int inflight, double opsPerSec, double mbPerSec, LatencyHistogram latency) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 5;
        int warmup = 3;
        List<Integer> inflights = List.of(1, 16, 128);
        String storage = "memory";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--inflight" -> {
                    List<Integer> l = new ArrayList<>();
                    for (String s : args[++i].split(",")) {
                        l.add(Integer.parseInt(s.trim()));
                    }
                    inflights = l;
                }
                case "--storage" -> storage = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String store = storage.equals("memory")
                ? "volume store\n    type storage/memory\n    option size 2GB\nend-volume\n"
                : "volume store\n    type storage/posix\n    option directory " + storage.substring("posix:".length())
                        + "\nend-volume\n";
        Graph server = Graph.build(Volfile.parse(store + """
                volume server
                    type protocol/server
                    option transport.socket.listen-port 0
                    option transport.socket.bind-address 127.0.0.1
                    option auth.addr.store.allow 127.0.0.1
                    option rpc.outstanding-rpc-limit 256
                    subvolumes store
                end-volume
                """, "server.vol"), TranslatorRegistry.load(), new InodeTable());
        server.start();
        int port = ((ServerTranslator) server.translator("server")).port();
        InodeTable table = new InodeTable();
        Graph client = Graph.build(Volfile.parse("""
                volume client
                    type protocol/client
                    option remote-host 127.0.0.1
                    option remote-port %d
                    option remote-subvolume store
                end-volume
                """.formatted(port), "client.vol"), TranslatorRegistry.load(), table);
        client.start();
        client.childUp().block(Duration.ofSeconds(30));
        FileSystem fs = new FileSystem(client.top(), table);
        try {
            FileSystem.Handle h = fs.create(ROOT, "/data", 02, 0644).block();
            int block = 128 * 1024;
            long fileSize = 256L << 20;
            byte[] chunk = new byte[block];
            new java.util.Random(1).nextBytes(chunk);
            Flux.range(0, (int) (fileSize / block)).concatMap(i -> fs.write(ROOT, h, (long) i * block, Iovec.wrap(chunk))).blockLast();
            Loc loc = fs.resolve(ROOT, "/data").block();
            Stat stat = new Stat(ROOT, loc, Xdata.EMPTY);
            long blocks = fileSize / block;
            List<Result> results = new ArrayList<>();
            for (int n : inflights) {
                results.add(run("stat", n, 0, warmup, seconds, i -> client.top().stat(stat).then()));
                results.add(run("write 128KiB", n, block, warmup, seconds,
                        i -> fs.write(ROOT, h, (i % blocks) * block, Iovec.wrap(chunk)).then()));
                results.add(run("read 128KiB", n, block, warmup, seconds,
                        i -> fs.read(ROOT, h, (i % blocks) * block, block).then()));
            }
            System.out.printf(Locale.ROOT, "%n%-14s %8s %12s %10s %10s %10s %10s%n", "workload", "inflight", "ops/s", "MB/s",
                    "p50 us", "p90 us", "p99 us");
            for (Result r : results) {
                System.out.printf(Locale.ROOT, "%-14s %8d %12.0f %10.1f %10.1f %10.1f %10.1f%n", r.workload, r.inflight,
                        r.opsPerSec, r.mbPerSec, r.latency.percentile(0.5) / 1e3, r.latency.percentile(0.9) / 1e3,
                        r.latency.percentile(0.99) / 1e3);
            }
        } finally {
            client.close();
            server.close();
        }
    }

    private static Result run(String workload, int inflight, int bytes, int warmup, int seconds, LongFunction<Mono<Void>> op) {
        drive(inflight, warmup, op, new LatencyHistogram());
        LatencyHistogram h = new LatencyHistogram();
        long start = System.nanoTime();
        long ops = drive(inflight, seconds, op, h);
        double secs = (System.nanoTime() - start) / 1e9;
        Result r = new Result(workload, inflight, ops / secs, ops * (double) bytes / secs / 1e6, h);
        System.err.printf(Locale.ROOT, "%-14s inflight %4d: %10.0f ops/s %8.1f MB/s p99 %.1f us%n", workload, inflight,
                r.opsPerSec, r.mbPerSec, h.percentile(0.99) / 1e3);
        return r;
    }

    /** Keeps {@code inflight} operations going for {@code seconds}; answers how many completed. */
    private static long drive(int inflight, int seconds, LongFunction<Mono<Void>> op, LatencyHistogram h) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        Flux.range(0, inflight).flatMap(w -> Mono.defer(() -> {
            long t0 = System.nanoTime();
            return op.apply(next.getAndIncrement()).doOnSuccess(x -> {
                h.record(System.nanoTime() - t0);
                done.incrementAndGet();
            });
        }).repeat(() -> System.nanoTime() < deadline).then(), inflight).blockLast();
        return done.get();
    }
}
