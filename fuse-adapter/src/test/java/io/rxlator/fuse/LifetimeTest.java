package io.rxlator.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.fuse.support.Await;
import io.rxlator.fuse.support.Mounted;
import io.rxlator.fuse.support.RequiresFuse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inodes and fds live as long as the kernel holds them: the kernel's forgets and releases
 * free them, with everything translators keep on them, so memory stays flat however many
 * files come and go.
 */
@RequiresFuse
class LifetimeTest {

    static final int THREADS = 4;
    static final int CYCLES = Integer.getInteger("rxlator.test.lifetimeCycles", 1_000_000);

    @TempDir
    Path tmp;

    static long heapAfterGc() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return m.getHeapMemoryUsage().getUsed();
    }

    void cycles(Path root, int from, int to) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Path dir = root.resolve("t" + thread);
                    byte[] data = new byte[100];
                    for (int i = from + thread; i < to; i += THREADS) {
                        Path f = dir.resolve("f" + i);
                        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                            ch.write(java.nio.ByteBuffer.wrap(data));
                        }
                        Files.delete(f);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClosedMountLeavesNoInvalidationThreadBehind() throws Exception {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Mounted m = Mounted.volfile("volume m\n type storage/memory\nend-volume\n", tmp.resolve("mnt"),
                new MountOptions())) {
            Files.writeString(m.path("f"), "x");
            Files.delete(m.path("f"));
        }
        // Its thread is joined before the session is freed, so none can use the session after.
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().equals("rxlator-fuse-invalidate") && t.isAlive()))
                .isEmpty();
    }

    @Test
    void aMillionCreatesAndUnlinksLeaveNothingBehind() throws Exception {
        try (Mounted m = Mounted.volfile("volume m\n type storage/memory\nend-volume\n", tmp.resolve("mnt"),
                new MountOptions())) {
            for (int t = 0; t < THREADS; t++) {
                Files.createDirectory(m.root.resolve("t" + t));
            }
            int warm = Math.min(CYCLES, 100_000);
            cycles(m.root, 0, warm);
            Await.until("the kernel forgot the unlinked files", () -> m.mount.kernelNodes() == THREADS);
            long heapWarm = heapAfterGc();
            int tableWarm = m.graph.inodeTable().size();

            cycles(m.root, warm, CYCLES);
            Await.until("the kernel forgot the unlinked files", () -> m.mount.kernelNodes() == THREADS);
            long heapEnd = heapAfterGc();

            assertThat(m.mount.openFiles()).as("fds the kernel holds").isZero();
            assertThat(m.graph.inodeTable().openFds()).as("fds alive in the table").isZero();
            assertThat(m.graph.inodeTable().size()).as("inodes in the table").isEqualTo(tableWarm);
            assertThat(m.graph.inodeTable().size()).as("root and the thread directories").isEqualTo(1 + THREADS);
            assertThat(heapEnd - heapWarm).as("heap growth over %d cycles (%d -> %d bytes)", CYCLES - warm, heapWarm,
                    heapEnd).isLessThan(16L << 20);
        }
    }
}
