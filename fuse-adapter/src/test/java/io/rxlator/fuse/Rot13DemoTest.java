package io.rxlator.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.rxlator.fuse.support.Mounted;
import io.rxlator.fuse.support.RequiresFuse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Translator 101's demo, for real: storage/posix under encryption/rot-13, mounted. */
@RequiresFuse
class Rot13DemoTest {

    @TempDir
    Path tmp;

    static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s printed %s", command, out).isZero();
        return out;
    }

    @Test
    void echoThroughTheMountIsStoredRotatedAndReadBackPlain() throws Exception {
        Path export = Files.createDirectory(tmp.resolve("export"));
        Path mnt = tmp.resolve("mnt");
        String vol = """
                volume my-posix
                    type storage/posix
                    option directory %s
                end-volume

                volume my-rot13
                    type encryption/rot-13
                    subvolumes my-posix
                end-volume
                """.formatted(export);
        try (Mounted m = Mounted.volfile(vol, mnt, new MountOptions())) {
            sh("echo hello > " + mnt + "/a_file");
            assertThat(Files.readString(export.resolve("a_file"))).isEqualTo("uryyb\n");
            assertThat(sh("cat " + mnt + "/a_file")).isEqualTo("hello\n");
        }
        assertThat(Mounted.isMountPoint(mnt)).isFalse();
    }
}
