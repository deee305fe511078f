package io.rxlator.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.fuse.support.Await;
import io.rxlator.fuse.support.Mounted;
import io.rxlator.fuse.support.RequiresFuse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Several processes and threads on one mount at once. */
@RequiresFuse
class ConcurrencyTest {

    static final Duration MIXED_RUN = Duration.ofSeconds(Long.getLong("rxlator.test.mixedSeconds", 60));

    @TempDir
    Path tmp;

    static String stack(String name, Path export) {
        String posix = "volume posix\n type storage/posix\n option directory " + export + "\nend-volume\n";
        return switch (name) {
            case "posix" -> posix;
            case "rot13" -> posix + "volume rot13\n type encryption/rot-13\n subvolumes posix\nend-volume\n";
            case "memory" -> "volume memory\n type storage/memory\nend-volume\n";
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"posix", "rot13", "memory"})
    void aSecondProcessWritesWhileThisOneReads(String stackName) throws Exception {
        byte[] source = new byte[32 << 20];
        new Random(11).nextBytes(source);
        Path src = Files.write(tmp.resolve("source"), source);
        Path export = Files.createDirectory(tmp.resolve("export"));
        try (Mounted m = Mounted.volfile(stack(stackName, export), tmp.resolve("mnt"), new MountOptions())) {
            Path f = m.root.resolve("growing");
            Files.createFile(f);
            Process writer = new ProcessBuilder("dd", "if=" + src, "of=" + f, "bs=65536", "conv=notrunc")
                    .redirectErrorStream(true).start();
            long checked = 0;
            int reads = 0;
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.allocate(1 << 20);
                long pos = 0;
                while (writer.isAlive() || pos < source.length) {
                    b.clear();
                    int n = ch.read(b, pos);
                    if (n <= 0) {
                        if (!writer.isAlive() && Files.size(f) == pos) {
                            break;
                        }
                        continue;
                    }
                    reads++;
                    assertThat(Arrays.equals(b.array(), 0, n, source, (int) pos, (int) pos + n))
                            .as("%d bytes read at %d while the other process wrote", n, pos).isTrue();
                    pos += n;
                    checked = pos;
                }
            }
            writer.getInputStream().readAllBytes();
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).isZero();
            assertThat(checked).isEqualTo(source.length);
            assertThat(reads).isGreaterThan(1);
            assertThat(Arrays.equals(Files.readAllBytes(f), source)).isTrue();
        }
    }

    /** A file's content, shared by its hard links. */
    static final class Content {
        byte[] bytes;

        Content(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /** One thread's own directory and what must be in it. */
    static final class Worker {
        final Path dir;
        final Path shared;
        final Random rnd;
        final Map<String, Content> files = new HashMap<>();
        final Set<String> dirs = new HashSet<>();
        long ops;
        int next;

        Worker(Path dir, Path shared, long seed) {
            this.dir = dir;
            this.shared = shared;
            this.rnd = new Random(seed);
        }

        String anyFile() {
            List<String> names = new ArrayList<>(files.keySet());
            java.util.Collections.sort(names);
            return names.isEmpty() ? null : names.get(rnd.nextInt(names.size()));
        }

        byte[] random(int max) {
            byte[] b = new byte[rnd.nextInt(max + 1)];
            rnd.nextBytes(b);
            return b;
        }

        void step() throws Exception {
            ops++;
            String name = anyFile();
            switch (rnd.nextInt(13)) {
                case 0, 1 -> {
                    String n = "f" + next++;
                    byte[] b = random(200_000);
                    Files.write(dir.resolve(n), b, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    files.put(n, new Content(b));
                }
                case 2 -> {
                    if (name != null) {
                        Content c = files.get(name);
                        int at = c.bytes.length == 0 ? 0 : rnd.nextInt(c.bytes.length + 1);
                        byte[] patch = random(70_000);
                        try (FileChannel ch = FileChannel.open(dir.resolve(name), StandardOpenOption.WRITE)) {
                            ch.write(ByteBuffer.wrap(patch), at);
                        }
                        byte[] grown = Arrays.copyOf(c.bytes, Math.max(c.bytes.length, at + patch.length));
                        System.arraycopy(patch, 0, grown, at, patch.length);
                        c.bytes = grown;
                    }
                }
                case 3 -> {
                    if (name != null) {
                        Content c = files.get(name);
                        byte[] more = random(10_000);
                        Files.write(dir.resolve(name), more, StandardOpenOption.APPEND);
                        byte[] grown = Arrays.copyOf(c.bytes, c.bytes.length + more.length);
                        System.arraycopy(more, 0, grown, c.bytes.length, more.length);
                        c.bytes = grown;
                    }
                }
                case 4 -> {
                    if (name != null) {
                        Content c = files.get(name);
                        int size = rnd.nextInt(c.bytes.length + 5_000);
                        try (FileChannel ch = FileChannel.open(dir.resolve(name), StandardOpenOption.WRITE)) {
                            if (size < c.bytes.length) {
                                ch.truncate(size);
                            } else if (size > c.bytes.length) {
                                ch.write(ByteBuffer.allocate(0), size);
                                ch.write(ByteBuffer.wrap(new byte[] {0}), size - 1);
                            }
                        }
                        c.bytes = Arrays.copyOf(c.bytes, size);
                    }
                }
                case 5, 6 -> {
                    if (name != null) {
                        byte[] got = Files.readAllBytes(dir.resolve(name));
                        assertThat(Arrays.equals(got, files.get(name).bytes)).as("content of %s", dir.resolve(name))
                                .isTrue();
                    }
                }
                case 7 -> {
                    if (name != null) {
                        String n = "r" + next++;
                        Files.move(dir.resolve(name), dir.resolve(n));
                        files.put(n, files.remove(name));
                    }
                }
                case 8 -> {
                    if (name != null) {
                        String n = "l" + next++;
                        Files.createLink(dir.resolve(n), dir.resolve(name));
                        files.put(n, files.get(name));
                    }
                }
                case 9 -> {
                    if (name != null) {
                        Files.delete(dir.resolve(name));
                        files.remove(name);
                    }
                }
                case 10 -> {
                    String d = "d" + next++;
                    Files.createDirectory(dir.resolve(d));
                    dirs.add(d);
                    if (dirs.size() > 5) {
                        String gone = dirs.iterator().next();
                        Files.delete(dir.resolve(gone));
                        dirs.remove(gone);
                    }
                }
                case 11 -> {
                    Set<String> listed = new HashSet<>();
                    try (Stream<Path> s = Files.list(dir)) {
                        s.forEach(p -> listed.add(p.getFileName().toString()));
                    }
                    Set<String> expected = new HashSet<>(files.keySet());
                    expected.addAll(dirs);
                    assertThat(listed).isEqualTo(expected);
                    if (name != null) {
                        assertThat(Files.size(dir.resolve(name))).isEqualTo(files.get(name).bytes.length);
                        UserDefinedFileAttributeView x = Files.getFileAttributeView(dir.resolve(name),
                                UserDefinedFileAttributeView.class);
                        x.write("k", ByteBuffer.wrap(name.getBytes(StandardCharsets.UTF_8)));
                        ByteBuffer v = ByteBuffer.allocate(64);
                        x.read("k", v);
                        assertThat(new String(v.array(), 0, v.position(), StandardCharsets.UTF_8)).isEqualTo(name);
                    }
                }
                default -> {
                    // The shared directory: everyone creates, lists and removes there at once.
                    Path mine = shared.resolve(dir.getFileName() + "-" + next++);
                    Files.writeString(mine, mine.toString());
                    try (Stream<Path> s = Files.list(shared)) {
                        assertThat(s.anyMatch(p -> p.equals(mine))).isTrue();
                    } catch (java.io.UncheckedIOException e) {
                        if (!(e.getCause() instanceof NoSuchFileException)) {
                            throw e;
                        }
                    }
                    assertThat(Files.readString(mine)).isEqualTo(mine.toString());
                    Files.delete(mine);
                }
            }
        }

        void verify() throws Exception {
            Set<String> listed = new HashSet<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(p -> listed.add(p.getFileName().toString()));
            }
            Set<String> expected = new HashSet<>(files.keySet());
            expected.addAll(dirs);
            assertThat(listed).isEqualTo(expected);
            for (Map.Entry<String, Content> e : files.entrySet()) {
                assertThat(Arrays.equals(Files.readAllBytes(dir.resolve(e.getKey())), e.getValue().bytes))
                        .as("final content of %s", e.getKey()).isTrue();
            }
        }
    }

    @Test
    void eightThreadsOfMixedOperationsForAMinuteEndConsistent() throws Exception {
        Path export = Files.createDirectory(tmp.resolve("export"));
        try (Mounted m = Mounted.volfile(stack("rot13", export), tmp.resolve("mnt"), new MountOptions())) {
            Path shared = Files.createDirectory(m.root.resolve("shared"));
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                workers.add(new Worker(Files.createDirectory(m.root.resolve("w" + i)), shared, 1000 + i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long end = System.nanoTime() + MIXED_RUN.toNanos();
            try {
                List<Future<?>> running = new ArrayList<>();
                for (Worker w : workers) {
                    running.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            w.step();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            long ops = 0;
            for (Worker w : workers) {
                w.verify();
                ops += w.ops;
            }
            try (Stream<Path> s = Files.list(shared)) {
                assertThat(s).isEmpty();
            }
            assertThat(ops).isGreaterThan(1000);
            Await.until("the kernel released every file", () -> m.mount.openFiles() == 0);
            assertThat(m.graph.inodeTable().openFds()).isZero();
            assertThat(m.mount.failure()).isNull();
        }
    }
}
