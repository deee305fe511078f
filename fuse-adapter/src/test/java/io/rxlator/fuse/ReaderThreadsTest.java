package io.rxlator.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.fuse.support.Mounted;
import io.rxlator.fuse.support.RequiresFuse;
import io.rxlator.runtime.fop.Readv;
import io.rxlator.runtime.fop.ReadvReply;
import io.rxlator.runtime.graph.Graph;
import io.rxlator.runtime.graph.TranslatorRegistry;
import io.rxlator.runtime.graph.Volfile;
import io.rxlator.runtime.inode.InodeTable;
import io.rxlator.runtime.xlator.Arity;
import io.rxlator.runtime.xlator.ForwardingTranslator;
import io.rxlator.runtime.xlator.TranslatorContext;
import io.rxlator.runtime.xlator.TranslatorDescriptor;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The reader threads of a mount: one reads while requests are quick, and storage that holds
 * the thread it runs on (as storage/posix does) neither stops the mount nor runs one request
 * at a time.
 */
@RequiresFuse
class ReaderThreadsTest {

    static final String MEMORY = "volume memory\n type storage/memory\nend-volume\n";
    static final long HELD_FROM = 1 << 20;

    @TempDir
    Path tmp;

    /** What the storage of one test does and saw. */
    static final class Storage {
        /** Reads at {@link #HELD_FROM} and beyond wait for it. */
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch held = new CountDownLatch(1);
        /** Every read sleeps this long, as storage that blocks. */
        volatile long sleepMillis;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();
    }

    /** Holds the thread that runs a read, as blocking storage (storage/posix) does. */
    static final class Holding extends ForwardingTranslator {
        private final Storage storage;

        Holding(TranslatorContext ctx, Storage storage) {
            super(ctx);
            this.storage = storage;
        }

        @Override
        protected Mono<ReadvReply> readv(Readv req) {
            storage.mostRunning.accumulateAndGet(storage.running.incrementAndGet(), Math::max);
            try {
                if (req.offset() >= HELD_FROM) {
                    storage.held.countDown();
                    if (!storage.gate.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the gate was never opened");
                    }
                }
                if (storage.sleepMillis > 0) {
                    Thread.sleep(storage.sleepMillis);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                storage.running.decrementAndGet();
            }
            return super.readv(req);
        }
    }

    Mounted mount(MountOptions opts, Storage storage) throws Exception {
        TranslatorRegistry registry = TranslatorRegistry.load().with(TranslatorDescriptor.builder("test/holding")
                .arity(Arity.ONE).factory(ctx -> new Holding(ctx, storage)).build());
        Graph g = Graph.build(Volfile.parse(MEMORY + "volume holding\n type test/holding\n subvolumes memory\n"
                + "end-volume\n", "test.vol"), registry, new InodeTable());
        // Direct I/O: every read(2) is a READ request.
        return Mounted.graph(g, tmp.resolve("mnt"), opts.with("direct-io-mode=enable"));
    }

    static int read(Path p, long offset) throws Exception {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            return ch.read(ByteBuffer.allocate(4096), offset);
        }
    }

    @Test
    void aRequestHeldByStorageDoesNotStopTheOthers() throws Exception {
        Storage storage = new Storage();
        try (Mounted m = mount(new MountOptions().with("reader-thread-count=4"), storage)) {
            Path big = m.path("big");
            try (FileChannel ch = FileChannel.open(big, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap("tail".getBytes(StandardCharsets.UTF_8)), HELD_FROM);
            }
            Files.writeString(m.path("small"), "hello");
            CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> {
                try {
                    return read(big, HELD_FROM);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                assertThat(storage.held.await(30, TimeUnit.SECONDS)).as("the read reached storage").isTrue();
                // The only thread reading is held: another must take these requests.
                CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Files.readString(m.path("small")) + " " + Files.size(big);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo("hello " + (HELD_FROM + 4));
                assertThat(held).isNotDone();
            } finally {
                storage.gate.countDown();
            }
            assertThat(held.get(30, TimeUnit.SECONDS)).isEqualTo(4);
        } finally {
            storage.gate.countDown(); // before the unmount, whatever failed
        }
    }

    @Test
    void storageThatBlocksOnEveryReadGetsReadsRunningSideBySide() throws Exception {
        Storage storage = new Storage();
        storage.gate.countDown();
        storage.sleepMillis = 3;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Mounted m = mount(new MountOptions().with("reader-thread-count=4"), storage)) {
            Path f = m.path("f");
            Files.write(f, new byte[64 * 4096]);
            List<Future<Integer>> jobs = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                int job = j;
                jobs.add(pool.submit(() -> {
                    int bytes = 0;
                    for (int i = 0; i < 60; i++) {
                        bytes += read(f, (long) ((job * 60 + i) % 64) * 4096);
                    }
                    return bytes;
                }));
            }
            for (Future<Integer> job : jobs) {
                assertThat(job.get(60, TimeUnit.SECONDS)).isEqualTo(60 * 4096);
            }
            // One thread would run them one at a time (3 ms each, 0.7 s in all).
            assertThat(storage.mostRunning.get()).isGreaterThanOrEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneReaderThreadOrEveryThreadReadingAllTheTimeServesToo() throws Exception {
        for (String o : List.of("reader-thread-count=1", "reader-thread-count=4,reader-stall-usec=0",
                "reader-thread-count=4")) {
            try (Mounted m = mount(new MountOptions().with(o), new Storage())) {
                Files.writeString(m.path("f"), o);
                assertThat(Files.readString(m.path("f"))).isEqualTo(o);
                for (int i = 0; i < 20; i++) {
                    Files.readString(m.path("f")); // quick requests: a thread let in by a hiccup steps back
                }
                io.rxlator.runtime.statedump.DumpWriter w = new io.rxlator.runtime.statedump.DumpWriter();
                m.mount.dump(w);
                int active = Integer.parseInt(w.entries("mount/fuse.priv").get("readers_active"));
                if (o.endsWith("stall-usec=0")) {
                    assertThat(active).as(o).isEqualTo(4);
                } else if (o.endsWith("count=1")) {
                    assertThat(active).as(o).isEqualTo(1);
                } else {
                    assertThat(active).as(o + ": quick requests do not keep every thread reading").isLessThan(4);
                }
            }
        }
    }

    /**
     * A client that makes one request after another finds its reader looking or reading, not
     * asleep: with a budget of a millisecond every request of a read loop goes through the look
     * (found, skipped because requests were found queued, or missed). Without a budget nothing
     * looks. Either way the mount unmounts (a reader that looks still sees the device go away).
     */
    @Test
    void aReaderAloneLooksForTheNextRequestBeforeItSleepsWhenItHasABudget() throws Exception {
        for (String o : List.of("reader-spin-usec=1000", "reader-spin-usec=0")) {
            try (Mounted m = mount(new MountOptions().with(o), new Storage())) {
                Path f = Files.writeString(m.path("f"), o);
                long[] before = spinCounts(m);
                for (int i = 0; i < 500; i++) {
                    assertThat(Files.readString(f)).isEqualTo(o); // open, read, flush, release: one after another
                }
                long[] after = spinCounts(m);
                long found = after[0] - before[0];
                long missed = after[1] - before[1];
                long skipped = after[2] - before[2];
                if (o.endsWith("=0")) {
                    assertThat(found).as(o).isZero();
                    assertThat(missed).as(o).isZero();
                    assertThat(skipped).as(o).isZero();
                } else {
                    // Found by a look, or (when looks keep finding requests already queued) read
                    // without one: how they split depends on timing, that they add up does not.
                    assertThat(found).as(o).isPositive();
                    assertThat(found + skipped + missed).as("%s: about 2500 requests", o).isGreaterThan(2000);
                }
            }
        }
    }

    /** The mount's reader_spin_found, _missed and _skipped. */
    static long[] spinCounts(Mounted m) {
        io.rxlator.runtime.statedump.DumpWriter w = new io.rxlator.runtime.statedump.DumpWriter();
        m.mount.dump(w);
        java.util.Map<String, String> e = w.entries("mount/fuse.priv");
        return new long[] {Long.parseLong(e.get("reader_spin_found")), Long.parseLong(e.get("reader_spin_missed")),
                Long.parseLong(e.get("reader_spin_skipped"))};
    }
}
