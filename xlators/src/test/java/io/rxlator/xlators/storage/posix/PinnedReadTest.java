package io.rxlator.xlators.storage.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large reads straight into the reply's array, and the page-cache check that decides when they may. */
class PinnedReadTest {

    @TempDir
    Path dir;

    private static boolean kernelHasCachestat() {
        String[] v = System.getProperty("os.version").split("[.-]");
        int major = Integer.parseInt(v[0]);
        int minor = Integer.parseInt(v[1]);
        return major > 6 || (major == 6 && minor >= 5);
    }

    private static int open(Path p) {
        return Sys.check(Sys.C.openat(Sys.AT_FDCWD, Sys.c(p.toString()), Sys.O_RDONLY, 0), "open", p);
    }

    @Test
    void aRangeIsCachedOnlyWhenEveryPageOfItIsInMemory() throws Exception {
        assumeTrue(kernelHasCachestat(), "cachestat(2) needs Linux 6.5, this is " + System.getProperty("os.version"));
        Path f = dir.resolve("sparse");
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(1 << 20);
            r.seek(0);
            r.write(new byte[512 << 10]);
        }
        int fd = open(f);
        try {
            assertThat(Sys.cached(fd, 0, 512 << 10)).as("the written half").isTrue();
            assertThat(Sys.cached(fd, 4095, 2)).as("two written pages").isTrue();
            assertThat(Sys.cached(fd, 0, 1 << 20)).as("the whole file, half of it a hole").isFalse();
            assertThat(Sys.cached(fd, (512 << 10) - 1, 2)).as("a range reaching into the hole").isFalse();
            assertThat(Sys.cached(fd, 768 << 10, 4096)).as("inside the hole").isFalse();
            assertThat(Sys.cached(fd, 0, 0)).as("nothing").isFalse();
            assertThat(Sys.cached(-1, 0, 4096)).as("a bad fd").isFalse();
        } finally {
            Sys.close(fd);
        }
    }

    @Test
    void aReadAnswersTheSameBytesPinnedOrCopied() throws Exception {
        byte[] content = new byte[(1 << 20) + 1000];
        new Random(20261207L).nextBytes(content);
        Path f = dir.resolve("data");
        Files.write(f, content);
        int fd = open(f);
        try {
            if (kernelHasCachestat()) {
                assertThat(Sys.cached(fd, 0, content.length)).as("just written, so read pinned").isTrue();
            }
            long[][] cases = {
                {0, 128 << 10}, {12345, 200_000}, {content.length - 100, 128 << 10},
                {content.length, PosixTranslator.PIN_MIN}, {content.length + 5000, 1 << 20},
                {7, 4096}, {0, content.length}};
            for (long[] c : cases) {
                int off = (int) c[0];
                int size = (int) c[1];
                int want = Math.max(0, Math.min(size, content.length - off));
                byte[] expected = want == 0 ? new byte[0] : Arrays.copyOfRange(content, off, off + want);
                for (boolean mayPin : new boolean[] {true, false}) {
                    byte[] out = new byte[size];
                    int n = PosixTranslator.pread(fd, off, out, mayPin);
                    assertThat(n).as("%d bytes at %d, mayPin %s", size, off, mayPin).isEqualTo(want);
                    assertThat(Arrays.copyOf(out, n)).as("%d bytes at %d, mayPin %s", size, off, mayPin).isEqualTo(expected);
                }
            }
        } finally {
            Sys.close(fd);
        }
    }
}
