package io.rxlator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rxlator.fuse.support.Mounted;
import io.rxlator.fuse.support.RequiresFuse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** `rxlator mount` for real: in the background and the foreground, ended by umount and by signals. */
@RequiresFuse
class MountCliTest {

    @TempDir
    Path tmp;
    Path mnt;
    Path export;
    Path log;
    final List<Long> pids = new ArrayList<>();

    @BeforeEach
    void dirs() throws Exception {
        mnt = Files.createDirectory(tmp.resolve("mnt"));
        export = tmp.resolve("export");
        log = tmp.resolve("mount.log");
    }

    @AfterEach
    void leaveNothingBehind() {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (Mounted.isMountPoint(mnt)) {
            Mounted.forceUnmount(mnt);
        }
    }

    /** Mounts in the background; answers the pid of the serving process. */
    long mountInBackground() {
        CliTest.Result r = CliTest.run("mount", "--export", export.toString(), "--log-file", log.toString(),
                mnt.toString());
        assertThat(r.status()).as(r.err()).isZero();
        Matcher m = Pattern.compile("pid (\\d+)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(r.out()).startsWith("mounted " + mnt + " (export " + export + "), pid ");
        long pid = Long.parseLong(m.group(1));
        pids.add(pid);
        return pid;
    }

    static void awaitExit(long pid) throws Exception {
        ProcessHandle h = ProcessHandle.of(pid).orElse(null);
        if (h != null) {
            h.onExit().get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBackgroundMountServesUntilUmount() throws Exception {
        long pid = mountInBackground();
        Files.writeString(mnt.resolve("a_file"), "hello\n");
        assertThat(Files.readString(export.resolve("a_file"))).isEqualTo("hello\n");
        assertThat(Files.exists(export.resolve(".glusterfs"))).as("a posix brick").isTrue();
        CliTest.Result dump = CliTest.run("statedump", mnt.toString());
        assertThat(dump.status()).as(dump.err()).isZero();
        assertThat(dump.out()).contains("[graph]").contains("[xlator.export]").contains("type=storage/posix")
                .contains("[mount/fuse.priv]").contains("mountpoint=" + mnt).contains("[inode-table]");
        CliTest.Result u = CliTest.run("umount", mnt.toString());
        assertThat(u.status()).as(u.err()).isZero();
        assertThat(u.out()).isEqualTo("unmounted " + mnt + "\n");
        awaitExit(pid);
        assertThat(Mounted.isMountPoint(mnt)).isFalse();
        assertThat(Files.readString(log)).contains("unmounted " + mnt);
        CliTest.Result again = CliTest.run("umount", mnt.toString());
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("rxlator: " + mnt + " is not a FUSE mount\n");
    }

    @Test
    void sigtermUnmountsCleanly() throws Exception {
        long pid = mountInBackground();
        Files.writeString(mnt.resolve("f"), "x");
        ProcessHandle.of(pid).orElseThrow().destroy();
        awaitExit(pid);
        assertThat(Mounted.isMountPoint(mnt)).isFalse();
        assertThat(Files.readString(log)).contains("signal received: unmounting " + mnt).contains("unmounted " + mnt);
        assertThat(Files.readString(export.resolve("f"))).isEqualTo("x");
    }

    @Test
    void ctrlCInTheForegroundWithDebugUnmountsAfterLoggingEveryFop() throws Exception {
        // The command's own logging configuration (to stderr), not the tests' one.
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "mount", "--debug", "--export",
                export.toString(), mnt.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        pids.add(p.pid());
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).startsWith("mounted " + mnt);
        Files.writeString(mnt.resolve("seen"), "x");
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(() -> "still running after SIGINT; its log:\n" + readQuietly(log)
                + "\nits threads:\n" + threadsOf(p.pid())).isTrue();
        assertThat(Mounted.isMountPoint(mnt)).isFalse();
        String logged = Files.readString(log);
        assertThat(logged).contains("DEBUG").contains("LOOKUP 1/seen").contains("CREATE 1/seen").contains("WRITE")
                .contains("signal received: unmounting " + mnt);
    }

    @Test
    void aKilledMountLeavesNothingTheNextMountTripsOver() throws Exception {
        long pid = mountInBackground();
        Files.writeString(mnt.resolve("kept"), "still here");
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        awaitExit(pid);
        assertThat(Mounted.isMountPoint(mnt)).as("a killed process leaves its mount").isTrue();
        Logger fuseLog = (Logger) LoggerFactory.getLogger("rxlator.fuse");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        fuseLog.addAppender(seen);
        try {
            long again = mountInBackground();
            assertThat(seen.list).anyMatch(e -> e.getFormattedMessage().equals(mnt + " was left mounted by a process "
                    + "that is gone (Transport endpoint is not connected); unmounted it"));
            assertThat(Files.readString(mnt.resolve("kept"))).isEqualTo("still here");
            assertThat(CliTest.run("umount", mnt.toString()).status()).isZero();
            awaitExit(again);
        } finally {
            fuseLog.detachAppender(seen);
        }
        assertThat(Mounted.isMountPoint(mnt)).isFalse();
    }

    @Test
    void aMountPointInUseIsDetachedOnlyWhenAsked() throws Exception {
        long pid = mountInBackground();
        Path f = Files.writeString(mnt.resolve("open"), "x");
        try (var ch = java.nio.channels.FileChannel.open(f)) {
            CliTest.Result busy = CliTest.run("umount", mnt.toString());
            assertThat(busy.status()).isEqualTo(1);
            assertThat(busy.err()).isEqualTo("rxlator: " + mnt + " is busy: files or directories on it are in use "
                    + "(close them, or `rxlator umount -l " + mnt + "` to detach it now)\n");
            CliTest.Result lazy = CliTest.run("umount", "-l", mnt.toString());
            assertThat(lazy.status()).isZero();
            assertThat(Mounted.isMountPoint(mnt)).isFalse();
        }
        awaitExit(pid);
    }

    /**
     * A mount started from a JVM whose flags came partly from JAVA_TOOL_OPTIONS hands each flag to its daemon once:
     * twice, an -agentpath or -javaagent loads twice and the first fails the daemon's start. The daemon gets the
     * allocation-buffer flag large reads need, unless the user gave their own.
     */
    @ParameterizedTest(name = "JAVA_TOOL_OPTIONS {0}")
    @ValueSource(strings = {"-Drxlator.test.marker=1", "-Drxlator.test.marker=1 -XX:TLABRefillWasteFraction=8"})
    void flagsFromJavaToolOptionsReachTheDaemonOnce(String toolOptions) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "mount", "--export", export.toString(),
                "--log-file", log.toString(), mnt.toString());
        Path parentOut = tmp.resolve("parent.out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(parentOut.toFile());
        pb.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
        Process parent = pb.start();
        boolean exited = parent.waitFor(150, TimeUnit.SECONDS); // the mount command itself waits up to 120 s
        if (!exited) {
            parent.destroyForcibly();
        }
        String out = Files.readString(parentOut);
        assertThat(exited).as(out).isTrue();
        Matcher m = Pattern.compile("mounted .*, pid (\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        long pid = Long.parseLong(m.group(1));
        pids.add(pid);
        List<String> args = procList(pid, "cmdline");
        assertThat(args).as("the daemon's command line").containsOnlyOnce("-Drxlator.test.marker=1");
        assertThat(procList(pid, "environ")).as("the daemon's environment").noneMatch(e -> e.contains("rxlator.test"));
        String tlab = toolOptions.contains("TLAB") ? "-XX:TLABRefillWasteFraction=8" : "-XX:TLABRefillWasteFraction=2";
        assertThat(args.stream().filter(a -> a.startsWith(MountCommand.TLAB_FLAG))).containsExactly(tlab);
        Files.writeString(mnt.resolve("f"), "served");
        assertThat(Files.readString(export.resolve("f"))).isEqualTo("served");
        assertThat(CliTest.run("umount", mnt.toString()).status()).isZero();
        awaitExit(pid);
    }

    /** A NUL-separated /proc/PID file, such as cmdline or environ, as a list. */
    private static List<String> procList(long pid, String name) throws java.io.IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), name));
        return List.of(new String(raw, StandardCharsets.ISO_8859_1).split("\0"));
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(" + e + ")";
        }
    }

    /** The thread dump of a JVM that did not end, for the failure message; jstack gets 30 s. */
    private static String threadsOf(long pid) {
        try {
            Path out = Files.createTempFile("jstack-", ".txt");
            Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
            Process j = new ProcessBuilder(jstack.toString(), Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!j.waitFor(30, TimeUnit.SECONDS)) {
                j.destroyForcibly();
            }
            String dump = Files.readString(out);
            Files.delete(out);
            return dump;
        } catch (java.io.IOException | InterruptedException e) {
            return "(" + e + ")";
        }
    }
}
