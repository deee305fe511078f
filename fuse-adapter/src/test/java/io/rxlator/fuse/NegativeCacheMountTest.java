package io.rxlator.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.fuse.support.Mounted;
import io.rxlator.fuse.support.RequiresFuse;
import io.rxlator.runtime.statedump.DumpWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The negative-lookup cache mounted over storage/posix with GlusterFS's type and option names:
 * GlusterFS's nl-cache regression ({@code ! ls f2; touch f2; ls f2}) and a file made behind the
 * cache's back becoming visible once the timeout has passed.
 */
@RequiresFuse
class NegativeCacheMountTest {

    @TempDir
    Path tmp;

    private static int sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static String volfile(Path export, int timeoutSeconds) {
        return """
                volume posix
                    type storage/posix
                    option directory %s
                end-volume

                volume below
                    type debug/io-stats
                    option count-fop-hits on
                    subvolumes posix
                end-volume

                volume nl
                    type performance/nl-cache
                    option nl-cache-timeout %d
                    option nl-cache-positive-entry false
                    subvolumes below
                end-volume
                """.formatted(export, timeoutSeconds);
    }

    private static long lookupsBelow(Mounted m) {
        DumpWriter w = new DumpWriter();
        w.section("below");
        m.graph.translator("below").dump(w);
        String line = w.entries("below").get("below.latency.LOOKUP");
        return line == null ? 0 : Long.parseLong(line.substring(4, line.indexOf(' ')));
    }

    @Test
    void aNameFoundMissingThenCreatedIsListed() throws Exception {
        Path export = Files.createDirectory(tmp.resolve("export"));
        Path mnt = tmp.resolve("mnt");
        try (Mounted m = Mounted.volfile(volfile(export, 600), mnt, new MountOptions())) {
            assertThat(sh("ls " + mnt + "/f2")).isNotZero();
            long before = lookupsBelow(m);
            for (int i = 0; i < 20; i++) {
                assertThat(sh("ls " + mnt + "/f2")).isNotZero();
            }
            // Answered by the cache: nothing more reached the storage.
            assertThat(lookupsBelow(m)).isEqualTo(before);
            assertThat(sh("touch " + mnt + "/f2")).isZero();
            assertThat(sh("ls " + mnt + "/f2")).isZero();
            // Also the other entry fops, each after the name was found missing.
            assertThat(sh("! ls " + mnt + "/d && mkdir " + mnt + "/d && ls -d " + mnt + "/d")).isZero();
            assertThat(sh("! ls " + mnt + "/l && ln " + mnt + "/f2 " + mnt + "/l && ls " + mnt + "/l")).isZero();
            assertThat(sh("! ls " + mnt + "/s && ln -s f2 " + mnt + "/s && ls " + mnt + "/s")).isZero();
            assertThat(sh("! ls " + mnt + "/p && mkfifo " + mnt + "/p && ls " + mnt + "/p")).isZero();
            assertThat(sh("! ls " + mnt + "/r && mv " + mnt + "/l " + mnt + "/r && ls " + mnt + "/r && ! ls " + mnt + "/l")).isZero();
            assertThat(sh("rm " + mnt + "/f2 && ! ls " + mnt + "/f2")).isZero();
        }
        assertThat(Mounted.isMountPoint(mnt)).isFalse();
    }

    @Test
    void aFileCreatedInTheExportBecomesVisibleAfterTheTimeout() throws Exception {
        Path export = Files.createDirectory(tmp.resolve("export"));
        Path mnt = tmp.resolve("mnt");
        int timeout = 2;
        try (Mounted m = Mounted.volfile(volfile(export, timeout), mnt, new MountOptions())) {
            Path seen = mnt.resolve("foreign");
            assertThat(Files.exists(seen, LinkOption.NOFOLLOW_LINKS)).isFalse();
            long cachedAt = System.nanoTime();
            // Another writer, straight into the export.
            Files.writeString(export.resolve("foreign"), "from elsewhere", StandardCharsets.UTF_8);
            assertThat(Files.exists(seen, LinkOption.NOFOLLOW_LINKS)).as("still cached as missing").isFalse();
            long deadline = cachedAt + TimeUnit.SECONDS.toNanos(timeout + 30);
            while (!Files.exists(seen, LinkOption.NOFOLLOW_LINKS)) {
                assertThat(System.nanoTime()).as("visible within the timeout and then some").isLessThan(deadline);
                // The expiry being tested is a matter of time: look every 5 ms (well inside the
                // 50 ms allowed) rather than spin a core and flood the mount with lookups.
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            long waited = System.nanoTime() - cachedAt;
            assertThat(waited).as("not before the timeout").isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(timeout) - TimeUnit.MILLISECONDS.toNanos(50));
            assertThat(Files.readString(seen)).isEqualTo("from elsewhere");
        }
        assertThat(Mounted.isMountPoint(mnt)).isFalse();
    }
}
