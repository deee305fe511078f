package io.rxlator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that need no mount: volfile check, xlators, and what the command line refuses. */
class CliTest {

    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void benchSaysWhereTheLoadDriverIsWhenThisJarLacksIt() {
        Result r = run("bench", "--duration", "1s");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("the load driver is not in this jar; run it as ./rxlator bench");
        assertThat(run("--help").out()).contains("bench [-f VOLFILE | --dir DIR] [OPTIONS]");
    }

    @Test
    void volfileCheckSaysOkOrListsEveryProblemByLine() throws Exception {
        Path good = Files.writeString(tmp.resolve("good.vol"), """
                volume p
                    type storage/posix
                    option directory /srv/export
                end-volume
                volume r
                    type encryption/rot-13
                    subvolumes p
                end-volume
                """);
        Result ok = run("volfile", "check", good.toString());
        assertThat(ok.status()).isZero();
        assertThat(ok.out()).isEqualTo(good + ": ok (2 volumes, top 'r')\n");

        Path bad = Files.writeString(tmp.resolve("bad.vol"), """
                volume p
                    type storage/posix
                    option directroy /srv/export
                end-volume
                volume r
                    type encryption/rot-13
                    option encrypt-write maybe
                    subvolumes p
                end-volume
                """);
        Result r = run("volfile", "check", bad.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains(bad + ":3: error: volume 'p', option 'directroy'")
                .contains("did you mean 'directory'")
                .contains(bad + ":7: error: volume 'r', option 'encrypt-write' value 'maybe'");
        assertThat(r.err()).startsWith("rxlator: " + bad + ": ");

        Result missing = run("volfile", "check", tmp.resolve("none.vol").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("rxlator: volfile " + tmp.resolve("none.vol") + " does not exist\n");

        Path binary = Files.write(tmp.resolve("binary.vol"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThat(run("volfile", "check", binary.toString()).err()).contains("is not UTF-8 text");
    }

    @Test
    void xlatorsListsTypesAndOneTypesOptions() {
        Result all = run("xlators");
        assertThat(all.status()).isZero();
        assertThat(all.out()).contains("storage/posix").contains("storage/memory").contains("encryption/rot-13");
        Result posix = run("xlators", "storage/posix");
        assertThat(posix.status()).isZero();
        assertThat(posix.out()).contains("no children").contains("directory (path, required)")
                .contains("reserve (").contains("health-check-interval (");
        Result typo = run("xlators", "storage/posx");
        assertThat(typo.status()).isEqualTo(1);
        assertThat(typo.err()).isEqualTo("rxlator: unknown translator type 'storage/posx' (did you mean "
                + "'storage/posix'?); `rxlator xlators` lists them\n");
    }

    @Test
    void aWrongCommandLineIsRefusedWithUsage() {
        Result none = run();
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("usage: rxlator COMMAND");
        Result unknown = run("mout", "/mnt");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("rxlator: unknown command 'mout'");
        Result noPoint = run("mount", "-f", "x.vol");
        assertThat(noPoint.err()).startsWith("rxlator: mount: no MOUNTPOINT given");
        Result badFlag = run("mount", "--debgu", "/mnt");
        assertThat(badFlag.err()).startsWith("rxlator: mount: unknown option '--debgu'");
        Result badOption = run("mount", "-o", "attribute-timeout=-1", tmp.toString());
        assertThat(badOption.status()).isEqualTo(1);
        assertThat(badOption.err()).isEqualTo("rxlator: mount option attribute-timeout=-1: expected a number of "
                + "seconds >= 0\n");
        Result typo = run("mount", "-o", "entry-timout=1", tmp.toString());
        assertThat(typo.err()).isEqualTo("rxlator: unknown mount option 'entry-timout' (did you mean 'entry-timeout'?); "
                + "`rxlator mount --help` lists them\n");
        Result stall = run("mount", "-o", "reader-stall-usec=-5", tmp.toString());
        assertThat(stall.err()).isEqualTo("rxlator: mount option reader-stall-usec=-5: expected an integer 0..10000000\n");
        Result spin = run("mount", "-o", "reader-spin-usec=5000", tmp.toString());
        assertThat(spin.err()).isEqualTo("rxlator: mount option reader-spin-usec=5000: expected an integer 0..1000\n");
        Result level = run("mount", "-L", "LOUD", tmp.toString());
        assertThat(level.err()).startsWith("rxlator: mount: log level 'LOUD' is not one of");
        Result help = run("mount", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("attribute-timeout").contains("negative-timeout").contains("reader-thread-count")
                .contains("reader-stall-usec").contains("reader-spin-usec").contains("capability");
    }

    @Test
    void aBadVolfileIsRefusedBeforeAnythingIsMounted() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.vol"), "volume p\n    type storage/nothing\nend-volume\n");
        Path mnt = Files.createDirectory(tmp.resolve("mnt"));
        Result r = run("mount", "-f", bad.toString(), mnt.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("the volfile has errors").contains(bad + ":2:").contains("storage/nothing");
    }
}
